// The person's state in the tenant after the walk-through, read straight from the simulator's model.
import type { MailboxRecord, Tenant } from "../simulator/index.js";

function text(html: string | null): string {
  const plain = (html ?? "")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 90 ? `${plain.slice(0, 87)}...` : plain;
}

const label = (name: string) => name.padEnd(18);

export function personState(tenant: Tenant, person: MailboxRecord): string[] {
  const record = tenant.findRecipient(person.guid);
  if (record?.kind !== "mailbox") return [`The mailbox ${person.guid} no longer exists.`];
  const upn = record.userPrincipalName;
  const lines: string[] = [];
  lines.push(`${label("Mailbox")}${record.displayName} <${upn}>, Guid ${record.guid}`);
  lines.push(
    `${label("Address lists")}${record.hiddenFromAddressListsEnabled ? "hidden" : "shown"} (HiddenFromAddressListsEnabled = ${record.hiddenFromAddressListsEnabled})`,
  );
  lines.push(`${label("CustomAttribute1")}${record.customAttributes[0] || "(empty)"}`);
  lines.push(`${label("EmailAddresses")}${record.emailAddresses.join(", ")}`);

  const rights: string[] = [];
  const groups: string[] = [];
  for (const recipient of tenant.toState().recipients) {
    if (recipient.kind === "group") {
      if (recipient.members.includes(record.guid)) groups.push(recipient.displayName);
      continue;
    }
    if (recipient.guid === record.guid) continue;
    const held: string[] = [];
    if (recipient.fullAccess.some((ace) => ace.trustee === record.guid && !ace.deny)) held.push("FullAccess");
    if (recipient.sendAs.includes(record.guid)) held.push("SendAs");
    if (recipient.grantSendOnBehalfTo.includes(record.guid)) held.push("SendOnBehalf");
    if (held.length) rights.push(`${recipient.displayName} (${held.join(", ")})`);
  }
  lines.push(`${label("Mailbox rights")}${rights.length ? rights.join("; ") : "none"}`);
  lines.push(`${label("Groups")}${groups.length ? groups.join(", ") : "none"}`);

  const calendar = tenant
    .folderPermissions(record.guid)
    .map((entry) => `${entry.user}: ${entry.accessRights.join(", ")}`);
  const regional = tenant.regionalConfiguration(record.guid);
  lines.push(`${label("Calendar")}folder [${regional.calendarFolderName}] ${calendar.join("; ")}`);
  lines.push(
    `${label("Regional")}${regional.language}, date ${regional.dateFormat}, time ${regional.timeFormat}, ${regional.timeZone}`,
  );
  const reply = tenant.autoReply(record.guid);
  lines.push(`${label("Auto-reply")}${reply.autoReplyState}, external audience ${reply.externalAudience}`);
  if (reply.autoReplyState !== "Disabled") lines.push(`${label("")}"${text(reply.internalMessage)}"`);
  lines.push(
    `${label("Litigation hold")}${record.litigationHoldEnabled ? `on (${record.litigationHoldDuration})` : "off"}`,
  );
  return lines;
}
