// Configuration of the regionalConfiguration family: the options HelloID lists as permissions (by default
// the PowerShell connector's one Dutch option, with its id and values) and which Identification shape
// the permissions action lists. Every option is checked as Exchange would: date and time formats of its
// language, a Windows time-zone id.
import * as z from "zod";
import { booleanLike, ciObject } from "../../helloid/schema.js";
import type { ConfigurationSetting } from "../configurationSetting.js";
import type { OptionFamily } from "../mailboxSettings/grantedOption.js";
import {
  optionDisplayName,
  optionId,
  optionList,
  optionObject,
  REPORT_ALL,
} from "../mailboxSettings/optionList.js";
import { formatsOf, knownLanguage, LANGUAGES } from "./languageFormats.js";
import { windowsTimeZone } from "./windowsTimeZones.js";

const language = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const tag = knownLanguage(value);
    if (!tag)
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is not a language whose formats the connector knows (${LANGUAGES.join(", ")})`,
      });
    return tag ?? value;
  });

const timeZone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const id = windowsTimeZone(value);
    if (!id)
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is not a Windows time-zone id (such as "W. Europe Standard Time")`,
      });
    return id ?? value;
  });

const format = z.string().trim().min(1);

/** The settings, in the order the Dec 2024 PowerShell connector's Identification had them. */
export const SETTING_NAMES = [
  "Language",
  "DateFormat",
  "TimeFormat",
  "TimeZone",
  "LocalizeDefaultFolderName",
] as const;

const identificationShape = {
  Id: optionId,
  Language: language.optional(),
  DateFormat: format.optional(),
  TimeFormat: format.optional(),
  TimeZone: timeZone.optional(),
  /** Renames the default folders (Calendar → Agenda …) into the language. */
  LocalizeDefaultFolderName: booleanLike.optional().transform((value) => value ?? false),
};

interface RegionalSettings {
  Language?: string;
  DateFormat?: string;
  TimeFormat?: string;
  TimeZone?: string;
  LocalizeDefaultFolderName: boolean;
}

/** What Exchange would reject: formats of another language (or without one), or nothing to set. */
function checkCombination(settings: RegionalSettings, ctx: z.RefinementCtx): void {
  if (
    !settings.Language &&
    !settings.DateFormat &&
    !settings.TimeFormat &&
    !settings.TimeZone &&
    !settings.LocalizeDefaultFolderName
  ) {
    ctx.addIssue({
      code: "custom",
      message: `sets nothing; give at least one of ${SETTING_NAMES.join(", ")}`,
    });
  }
  for (const kind of ["DateFormat", "TimeFormat"] as const) {
    const value = settings[kind];
    if (value === undefined) continue;
    if (!settings.Language) {
      ctx.addIssue({
        code: "custom",
        path: ["Language"],
        message: `required with ${kind}: formats are valid per language`,
      });
      continue;
    }
    // Reported on Language (the refinement also runs when Language is not even text).
    if (typeof settings.Language !== "string" || !knownLanguage(settings.Language)) continue;
    const valid = formatsOf(settings.Language, kind);
    if (!valid.includes(value)) {
      ctx.addIssue({
        code: "custom",
        path: [kind],
        message: `"${value}" is not a ${kind} of ${settings.Language}; valid: ${valid.join(", ")}`,
      });
    }
  }
}

const option = optionObject({ ...identificationShape, DisplayName: optionDisplayName }).superRefine(
  checkCombination,
  REPORT_ALL,
);
export type RegionalConfigurationOption = z.output<typeof option>;

const DEFAULT_OPTIONS = [
  {
    Id: "MailboxRegionalConfiguration-NL",
    DisplayName: "Mailbox Regional Configuration - NL",
    Language: "nl-NL",
    DateFormat: "dd-MM-yy",
    TimeFormat: "H:mm",
    TimeZone: "W. Europe Standard Time",
    LocalizeDefaultFolderName: true,
  },
];

export const regionalConfigurationOptions: ConfigurationSetting<RegionalConfigurationOption[]> = {
  key: "RegionalConfigurationOptions",
  kind: "text",
  label: "Regional configuration options",
  description:
    "JSON list of the mailbox regional settings HelloID can grant, one permission each: " +
    '{"Id": unique and never changed, "Language": e.g. "nl-NL", "DateFormat" and "TimeFormat": formats of ' +
    'that language, "TimeZone": a Windows time-zone id, "LocalizeDefaultFolderName": true renames the default ' +
    'folders into the language, "DisplayName": optional}. Invalid combinations are refused before Exchange is called.',
  format: "json",
  defaultValue: JSON.stringify(DEFAULT_OPTIONS),
  schema: optionList(option),
};

const IDENTIFICATION_SHAPES = ["Settings", "Id"] as const;
export type IdentificationShape = (typeof IDENTIFICATION_SHAPES)[number];

export const regionalConfigurationIdentification: ConfigurationSetting<IdentificationShape> = {
  key: "RegionalConfigurationIdentification",
  kind: "text",
  label: "Regional configuration permission identification",
  description:
    '"Settings": permissions carry their settings, {Id, Language, DateFormat, TimeFormat, TimeZone, ' +
    'LocalizeDefaultFolderName}, as the PowerShell connector listed them until version 3.2. "Id": only {Id}, ' +
    "as version 3.2 and later list them. Pick what your existing entitlements hold; grants accept both.",
  format: "text",
  defaultValue: "Settings",
  schema: z
    .string()
    .trim()
    .transform((value, ctx) => {
      const shape = IDENTIFICATION_SHAPES.find((s) => s.toLowerCase() === value.toLowerCase());
      if (!shape) ctx.addIssue({ code: "custom", message: `expected ${IDENTIFICATION_SHAPES.join(" or ")}` });
      return shape ?? "Settings";
    }),
};

export const regionalConfigurationFamily: OptionFamily<RegionalConfigurationOption> = {
  options: regionalConfigurationOptions,
  identification: ciObject(identificationShape).superRefine(checkCombination, REPORT_ALL),
  settingFields: SETTING_NAMES,
};

export function regionalConfigurationDisplayName(option: RegionalConfigurationOption): string {
  const settings = [option.Language, option.TimeZone].filter(Boolean).join(", ");
  return option.DisplayName ?? `Mailbox Regional Configuration - ${settings || option.Id}`;
}

/** The family's configuration keys, for configuration.json. */
export const regionalConfigurationFields: readonly ConfigurationSetting<unknown>[] = [
  regionalConfigurationOptions,
  regionalConfigurationIdentification,
];
