// Who holds FullAccess, SendAs and SendOnBehalf on shared mailboxes, as account references (user mailbox
// Guids). Exchange names holders by UPN (FullAccess, SendAs) or by Name (SendOnBehalf), so one listing of
// the user mailboxes resolves them all; SendAs comes from one tenant-wide Get-RecipientPermission listing,
// FullAccess from one Get-MailboxPermission per mailbox (sent ten to a `$batch` by the import). Inherited and Deny entries and system principals
// (NT AUTHORITY\SELF, DOMAIN\…) are no holders; anything else that resolves to no user mailbox (a group,
// the SID left by a deleted account) is skipped and counted.

import type { Logger } from "../../common/logger.js";
import {
  type ExchangeClient,
  getMailboxPermissions,
  listMailboxes,
  listRecipientPermissions,
  type MailboxPermissionRow,
} from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import type { HolderSource } from "../permissions/family.js";
import type { Right } from "./rights.js";

type Directory = Map<string, string>;

interface Resolved {
  guids: string[];
  unresolved: number;
}

/** User mailboxes by lower-case Guid, UPN, primary address and Name. */
async function userDirectory(exchange: ExchangeClient): Promise<Directory> {
  const directory: Directory = new Map();
  const select = ["Guid", "UserPrincipalName", "PrimarySmtpAddress", "Name"];
  for await (const mailbox of listMailboxes(exchange, { RecipientTypeDetails: "UserMailbox" }, { select })) {
    const guid = String(mailbox.Guid);
    for (const key of [mailbox.Guid, mailbox.UserPrincipalName, mailbox.PrimarySmtpAddress, mailbox.Name]) {
      if (typeof key === "string" && key) directory.set(key.toLowerCase(), guid);
    }
  }
  return directory;
}

const isSystemPrincipal = (principal: string) => principal.includes("\\");

function resolve(directory: Directory, principals: Iterable<string>): Resolved {
  const resolved: Resolved = { guids: [], unresolved: 0 };
  for (const principal of principals) {
    if (isSystemPrincipal(principal)) continue;
    const guid = directory.get(principal.toLowerCase());
    if (guid) resolved.guids.push(guid);
    else resolved.unresolved += 1;
  }
  return resolved;
}

const hasRight = (row: JsonObject, right: string) => {
  const rights = getCI(row, "AccessRights");
  return Array.isArray(rights) && rights.some((value) => String(value).toLowerCase() === right.toLowerCase());
};

/** SendAs holders of every recipient, by the recipient's lower-case Name (what Identity shows). */
async function sendAsHolders(exchange: ExchangeClient, directory: Directory): Promise<Map<string, Resolved>> {
  const trustees = new Map<string, string[]>();
  for await (const row of listRecipientPermissions(exchange, { AccessRights: ["SendAs"] })) {
    if (row.IsInherited === true || row.AccessControlType === "Deny" || !hasRight(row, "SendAs")) continue;
    const name = String(row.Identity ?? "").toLowerCase();
    trustees.set(name, [...(trustees.get(name) ?? []), String(row.Trustee ?? "")]);
  }
  return new Map([...trustees].map(([name, principals]) => [name, resolve(directory, principals)]));
}

function fullAccessHolders(rows: readonly MailboxPermissionRow[], directory: Directory): Resolved {
  const explicit = rows.filter(
    (row) => row.IsInherited !== true && row.Deny !== true && hasRight(row, "FullAccess"),
  );
  return resolve(
    directory,
    explicit.map((row) => String(row.User ?? "")),
  );
}

export async function mailboxHolderSource(
  exchange: ExchangeClient,
  rights: readonly Right[],
): Promise<HolderSource<Right>> {
  const directory = await userDirectory(exchange);
  const sendAs = rights.includes("SendAs")
    ? await sendAsHolders(exchange, directory)
    : new Map<string, Resolved>();
  const unresolved = new Map<Right, number>();
  const take = (right: Right, resolved: Resolved | undefined) => {
    if (resolved?.unresolved) unresolved.set(right, (unresolved.get(right) ?? 0) + resolved.unresolved);
    return resolved?.guids ?? [];
  };
  return {
    select: ["Name", "GrantSendOnBehalfTo"],
    read: (mailbox, wanted) =>
      wanted.includes("FullAccess") ? getMailboxPermissions.asCall(String(mailbox.Guid)) : undefined,
    holders(mailbox, wanted, rows) {
      const holders = new Map<Right, string[]>();
      if (wanted.includes("FullAccess")) {
        holders.set("FullAccess", take("FullAccess", fullAccessHolders(rows, directory)));
      }
      if (wanted.includes("SendAs")) {
        holders.set("SendAs", take("SendAs", sendAs.get(String(getCI(mailbox, "Name") ?? "").toLowerCase())));
      }
      if (wanted.includes("SendOnBehalf")) {
        const delegates = getCI(mailbox, "GrantSendOnBehalfTo");
        const names = Array.isArray(delegates) ? delegates.map(String) : [];
        holders.set("SendOnBehalf", take("SendOnBehalf", resolve(directory, names)));
      }
      return holders;
    },
    report(log: Logger) {
      for (const [right, count] of unresolved) {
        log.warn(
          `skipped ${count} ${right} holder(s) that are no user mailbox (a group, or a deleted account's SID)`,
        );
      }
    },
  };
}
