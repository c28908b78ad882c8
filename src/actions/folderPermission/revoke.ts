// folderPermission/revokePermission: put the calendar user back to the configured baseline (Default:
// AvailabilityOnly), or remove the entry of a user without one. Only when the entry still holds the
// revoked right: when HelloID swaps one option for another, the other option's grant may already have
// run, and resetting its right would undo it.
import { NotMemberError, removeMailboxFolderPermission } from "../../exchange/index.js";
import { requireAccountReference } from "../account/reference.js";
import { readSetting } from "../configurationSetting.js";
import type { OutputAction, Runtime } from "../framework.js";
import { grantedOption } from "../mailboxSettings/grantedOption.js";
import { AUDIT_ACTION } from "../mailboxSettings/ownMailbox.js";
import { describeRights, isRole } from "./accessRights.js";
import { readCalendarEntryFor, writeCalendarRight } from "./calendarEntry.js";
import {
  baselineFor,
  type FolderPermissionOption,
  folderPermissionBaseline,
  folderPermissionFamily,
} from "./settings.js";

interface FolderRevokePlan {
  mailbox: string;
  option: FolderPermissionOption;
  /** The right the user returns to; undefined: the entry is removed. */
  baseline: string | undefined;
}

async function execute({ mailbox, option, baseline }: FolderRevokePlan, runtime: Runtime): Promise<void> {
  const { exchange, output, dryRun } = runtime;
  const { mailboxFolderUser: user, mailboxFolderAccessRight: right } = option;
  const auditAction = AUDIT_ACTION.revoke;
  const entry = await readCalendarEntryFor("revoke", runtime, {
    mailbox,
    user,
    what: `[${right}] from [${user}] on the calendar of mailbox [${mailbox}]`,
  });
  if (!entry) return;
  const revoking = `[${right}] from [${user}] on the calendar [${entry.folder.name}] of mailbox [${mailbox}]`;
  const skip = (reason: string) => output.audit(`Skipped revoking ${revoking}: ${reason}.`, { auditAction });
  if (entry.rights === null) return skip(`[${user}] has no entry`);
  if (!isRole(entry.rights, right)) {
    return skip(
      `the entry is now ${describeRights(entry.rights)} (another grant or an administrator set it); left as it is`,
    );
  }
  if (baseline !== undefined && isRole(entry.rights, baseline)) {
    output.audit(`No change: revoking ${revoking} leaves the baseline [${baseline}] as it is.`, {
      auditAction,
    });
    return;
  }
  const outcome = baseline === undefined ? "removed the entry" : `restored the baseline [${baseline}]`;
  if (dryRun) {
    output.audit(`DryRun: would revoke ${revoking} (${outcome}).`, { auditAction });
    return;
  }
  if (baseline !== undefined) {
    await writeCalendarRight(exchange, entry, user, baseline);
  } else {
    try {
      await removeMailboxFolderPermission(exchange, { Identity: entry.folder.identity, User: user });
    } catch (error) {
      if (!(error instanceof NotMemberError)) throw error;
      return skip(`[${user}] has no entry`);
    }
  }
  output.audit(`Revoked ${revoking}: ${outcome}.`, { auditAction });
}

export const folderPermissionRevoke: OutputAction<FolderRevokePlan> = {
  kind: "output",
  name: "folderPermission/revokePermission",
  summary:
    "Return the calendar user to the configured baseline (Default: AvailabilityOnly) or remove the entry",
  prepare: ({ context }) => {
    const mailbox = requireAccountReference(context);
    const option = grantedOption(context, folderPermissionFamily);
    const baseline = baselineFor(
      readSetting(context.Configuration, folderPermissionBaseline),
      option.mailboxFolderUser,
    );
    return { mailbox, option, baseline };
  },
  execute,
};
