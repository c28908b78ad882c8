// folderPermission/grantPermission: give the option's user the option's right on the person's calendar.
// Calls: Get-MailboxFolderStatistics and Get-MailboxFolderPermission, then one Set- (the user has an
// entry) or Add- (no entry), only when the right differs.
import { requireAccountReference } from "../account/reference.js";
import type { OutputAction, Runtime } from "../framework.js";
import { grantedOption } from "../mailboxSettings/grantedOption.js";
import { AUDIT_ACTION } from "../mailboxSettings/ownMailbox.js";
import { describeRights, isRole } from "./accessRights.js";
import { readCalendarEntryFor, writeCalendarRight } from "./calendarEntry.js";
import { type FolderPermissionOption, folderPermissionFamily } from "./settings.js";

interface FolderGrantPlan {
  mailbox: string;
  option: FolderPermissionOption;
}

async function execute({ mailbox, option }: FolderGrantPlan, runtime: Runtime): Promise<void> {
  const { exchange, output, dryRun } = runtime;
  const { mailboxFolderUser: user, mailboxFolderAccessRight: right } = option;
  const auditAction = AUDIT_ACTION.grant;
  const entry = await readCalendarEntryFor("grant", runtime, {
    mailbox,
    user,
    what: `[${right}] to [${user}] on the calendar of mailbox [${mailbox}]`,
  });
  if (!entry) return;
  const where = `on the calendar [${entry.folder.name}] of mailbox [${mailbox}]`;
  if (isRole(entry.rights, right)) {
    output.audit(`No change: [${user}] already has [${right}] ${where}.`, { auditAction });
    return;
  }
  const change = `[${right}] to [${user}] ${where} (before: ${describeRights(entry.rights)})`;
  if (dryRun) {
    output.audit(`DryRun: would grant ${change}.`, { auditAction });
    return;
  }
  await writeCalendarRight(exchange, entry, user, right);
  output.audit(`Granted ${change}.`, { auditAction });
}

export const folderPermissionGrant: OutputAction<FolderGrantPlan> = {
  kind: "output",
  name: "folderPermission/grantPermission",
  summary: "Give a calendar user (default: Default) the option's right on the person's calendar",
  prepare: ({ context }) => ({
    mailbox: requireAccountReference(context),
    option: grantedOption(context, folderPermissionFamily),
  }),
  execute,
};
