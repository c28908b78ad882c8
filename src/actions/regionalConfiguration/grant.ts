// regionalConfiguration/grantPermission: apply the option's Language, DateFormat, TimeFormat, TimeZone and
// LocalizeDefaultFolderName to the person's mailbox. The option was checked before anything is sent (see
// settings.ts); Get-MailboxRegionalConfiguration tells what differs, and Set- runs only then.
import {
  getRegionalConfiguration,
  type RegionalConfigurationRow,
  type SetRegionalConfigurationParams,
  setRegionalConfiguration,
} from "../../exchange/index.js";
import { requireAccountReference } from "../account/reference.js";
import type { OutputAction, Runtime } from "../framework.js";
import { grantedOption } from "../mailboxSettings/grantedOption.js";
import {
  AUDIT_ACTION,
  isVanishedMailbox,
  MAILBOX_GONE,
  reportNotFound,
} from "../mailboxSettings/ownMailbox.js";
import { type RegionalConfigurationOption, regionalConfigurationFamily } from "./settings.js";

interface RegionalGrantPlan {
  mailbox: string;
  option: RegionalConfigurationOption;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
// Format strings are case-sensitive: MM is the month, mm the minutes.
const sameFormat = (a: string, b: string) => a === b;

/** "Setting [old] -> [new]" for every setting the option sets that differs from the mailbox's. */
function changesOf(option: RegionalConfigurationOption, current: RegionalConfigurationRow): string[] {
  const changes: string[] = [];
  const differs = (name: "Language" | "DateFormat" | "TimeFormat" | "TimeZone", same: typeof sameText) => {
    const wanted = option[name];
    const now = current[name];
    if (wanted === undefined || (typeof now === "string" && same(wanted, now))) return false;
    changes.push(`${name} [${now ?? ""}] -> [${wanted}]`);
    return true;
  };
  const languageChanges = differs("Language", sameText);
  differs("DateFormat", sameFormat);
  differs("TimeFormat", sameFormat);
  differs("TimeZone", sameText);
  if (
    option.LocalizeDefaultFolderName &&
    (languageChanges || current.DefaultFolderNameMatchingUserLanguage !== true)
  ) {
    changes.push(`default folder names localized to [${option.Language ?? current.Language ?? ""}]`);
  }
  return changes;
}

function setParams(mailbox: string, option: RegionalConfigurationOption): SetRegionalConfigurationParams {
  const { Language, DateFormat, TimeFormat, TimeZone } = option;
  return {
    Identity: mailbox,
    ...(Language ? { Language } : {}),
    ...(DateFormat ? { DateFormat } : {}),
    ...(TimeFormat ? { TimeFormat } : {}),
    ...(TimeZone ? { TimeZone } : {}),
    // A switch: absent leaves the folder names alone (false would not undo a localization).
    ...(option.LocalizeDefaultFolderName ? { LocalizeDefaultFolderName: true } : {}),
  };
}

async function execute(
  { mailbox, option }: RegionalGrantPlan,
  { exchange, output, dryRun }: Runtime,
): Promise<void> {
  const auditAction = AUDIT_ACTION.grant;
  const target = `the regional configuration of mailbox [${mailbox}]`;
  let current: RegionalConfigurationRow;
  try {
    current = await getRegionalConfiguration(exchange, mailbox);
  } catch (error) {
    if (!isVanishedMailbox(error)) throw error;
    return reportNotFound(output, "grant", `[${option.Id}] to ${target}`, MAILBOX_GONE);
  }
  const changes = changesOf(option, current);
  const noChange = () =>
    output.audit(`No change: ${target} already matches [${option.Id}].`, { auditAction });
  if (changes.length === 0) return noChange();
  if (dryRun) {
    output.audit(`DryRun: would set ${target}: ${changes.join(", ")}.`, { auditAction });
    return;
  }
  const { changed } = await setRegionalConfiguration(exchange, setParams(mailbox, option));
  if (!changed) return noChange();
  output.audit(`Set ${target}: ${changes.join(", ")}.`, { auditAction });
}

export const regionalConfigurationGrant: OutputAction<RegionalGrantPlan> = {
  kind: "output",
  name: "regionalConfiguration/grantPermission",
  summary: "Apply the option's language, date/time formats, time zone and folder-name localization",
  prepare: ({ context }) => ({
    mailbox: requireAccountReference(context),
    option: grantedOption(context, regionalConfigurationFamily),
  }),
  execute,
};
