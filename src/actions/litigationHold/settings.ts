// Configuration of the litigationHold family: the hold durations HelloID lists as permissions (the
// PowerShell connector's 365 and 2555 days by default, with its ids) and the mark that tells a hold this
// connector placed from one legal or an administrator placed: only the former is ever lifted.
import * as z from "zod";
import { ciObject } from "../../helloid/schema.js";
import type { ConfigurationSetting } from "../configurationSetting.js";
import type { OptionFamily } from "../mailboxSettings/grantedOption.js";
import { optionDisplayName, optionId, optionList, optionObject } from "../mailboxSettings/optionList.js";
import { describeDuration, type HoldDuration } from "./holdDuration.js";

/** Days as a number or numeric text (PowerShell sent 2555), or "Unlimited". */
const duration = z.union([z.number(), z.string()]).transform((value, ctx): HoldDuration => {
  const text = String(value).trim();
  if (text.toLowerCase() === "unlimited") return "Unlimited";
  if (/^\d+$/.test(text) && Number(text) > 0) return Number(text);
  ctx.addIssue({
    code: "custom",
    message: `expected a number of days (such as 365) or "Unlimited", got ${JSON.stringify(value)}`,
  });
  return z.NEVER;
});

/** The Identification, exactly the PowerShell connector's `{Id, Duration}`. */
const identificationShape = { Id: optionId, Duration: duration };

const option = optionObject({ ...identificationShape, DisplayName: optionDisplayName });
export type LitigationHoldOption = z.output<typeof option>;

const DEFAULT_OPTIONS = [365, 2555].map((days) => ({ Id: `LitigationHold-${days}`, Duration: days }));

export const litigationHoldOptions: ConfigurationSetting<LitigationHoldOption[]> = {
  key: "LitigationHoldOptions",
  kind: "text",
  label: "Litigation hold options",
  description:
    'JSON list of the litigation hold durations HelloID can grant, one permission each: {"Id": unique and ' +
    'never changed, "Duration": days (such as 365) or "Unlimited", "DisplayName": optional}.',
  format: "json",
  defaultValue: JSON.stringify(DEFAULT_OPTIONS),
  schema: optionList(option),
};

export const litigationHoldOwner: ConfigurationSetting<string> = {
  key: "LitigationHoldOwner",
  kind: "text",
  label: "Litigation hold owner (marker)",
  description:
    "Written as LitigationHoldOwner on every hold this connector places. A revoke lifts a hold only when its " +
    "owner is this value, so holds placed by legal or an administrator stay. Change it only while no HelloID hold is in place.",
  format: "text",
  defaultValue: "HelloID",
  schema: z.string().trim().min(1, "required: the owner name that marks holds this connector placed"),
};

export const litigationHoldRetentionComment: ConfigurationSetting<string> = {
  key: "LitigationHoldRetentionComment",
  kind: "text",
  label: "Litigation hold retention comment",
  description:
    "Optional RetentionComment written with a hold this connector places (Outlook shows it to the mailbox owner); " +
    "cleared again when the connector lifts its hold. Empty: no comment is written.",
  format: "text",
  defaultValue: "",
  schema: z.string().trim(),
};

export const litigationHoldFamily: OptionFamily<LitigationHoldOption> = {
  options: litigationHoldOptions,
  identification: ciObject(identificationShape),
  settingFields: ["Duration"],
};

export function litigationHoldDisplayName(option: LitigationHoldOption): string {
  return option.DisplayName ?? `Litigation Hold - ${describeDuration(option.Duration)}`;
}

/** The family's configuration keys, for configuration.json. */
export const litigationHoldFields: readonly ConfigurationSetting<unknown>[] = [
  litigationHoldOptions,
  litigationHoldOwner,
  litigationHoldRetentionComment,
];
