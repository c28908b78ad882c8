// Get/Set-MailboxRegionalConfiguration: language, date/time formats valid for that language, Windows
// time-zone ids, and LocalizeDefaultFolderName renaming the default folders into the language.

import type { MailboxRecord, Tenant } from "../tenant/index.js";
import { canonicalLanguage, canonicalTimeZone, languageFormats } from "../tenant/locale.js";
import { commit } from "./attributes.js";
import type { Cmdlet } from "./cmdlet.js";
import { DATA_VALIDATION, NO_SETTINGS_MODIFIED_SHORT, transformation, validation } from "./errors.js";
import type { Params } from "./parameters.js";
import { resolveMailbox } from "./resolve.js";
import { noRows } from "./results.js";

function language(params: Params, current: string): string {
  const value = params.string("Language");
  if (value == null) return current;
  const tag = canonicalLanguage(value);
  if (!tag) {
    throw transformation(
      "Language",
      value,
      "System.Globalization.CultureInfo",
      `Culture is not supported. ${value} is an invalid culture identifier.`,
    );
  }
  return tag;
}

/** The requested format if the language allows it; otherwise the current one if still valid, else the language default. */
function format(params: Params, name: "DateFormat" | "TimeFormat", lang: string, current: string): string {
  const { dateFormats, timeFormats } = languageFormats(lang);
  const valid = name === "DateFormat" ? dateFormats : timeFormats;
  const value = params.string(name);
  if (value == null) return valid.includes(current) ? current : (valid[0] as string);
  if (!valid.includes(value)) {
    throw validation(
      `The ${name} "${value}" isn't valid for current language setting "${lang}". Valid formats include "${valid.join(", ")}".`,
      DATA_VALIDATION,
    );
  }
  return value;
}

function apply(params: Params, draft: MailboxRecord): void {
  const lang = language(params, draft.regional.language);
  const zone = params.string("TimeZone");
  if (zone != null) {
    const id = canonicalTimeZone(zone);
    if (!id) {
      throw transformation(
        "TimeZone",
        zone,
        "Microsoft.Exchange.Data.Storage.Management.ExTimeZoneValue",
        `The time zone ID '${zone}' was not found on the local computer.`,
      );
    }
    draft.regional.timeZone = id;
  }
  draft.regional.dateFormat = format(params, "DateFormat", lang, draft.regional.dateFormat);
  draft.regional.timeFormat = format(params, "TimeFormat", lang, draft.regional.timeFormat);
  draft.regional.language = lang;
  if (params.bool("LocalizeDefaultFolderName") === true) draft.folderLanguage = lang;
}

export const regionalCmdlets: Cmdlet[] = [
  {
    name: "Get-MailboxRegionalConfiguration",
    parameters: { Identity: "string" },
    run: (tenant: Tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const view = tenant.regionalConfiguration(mailbox);
      const row = {
        Identity: mailbox.name,
        MailboxOwnerId: mailbox.name,
        Language: view.language,
        DateFormat: view.dateFormat,
        TimeFormat: view.timeFormat,
        TimeZone: view.timeZone,
        DefaultFolderNameMatchingUserLanguage: view.defaultFolderNameMatchingUserLanguage,
        IsValid: true,
      };
      return { rows: [row], warnings: [] };
    },
  },
  {
    name: "Set-MailboxRegionalConfiguration",
    parameters: {
      Identity: "string",
      Language: "string",
      DateFormat: "string",
      TimeFormat: "string",
      TimeZone: "string",
      LocalizeDefaultFolderName: "bool",
    },
    run: (tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const changed = commit(tenant, mailbox, (draft) => apply(params, draft));
      return noRows(changed ? [] : [NO_SETTINGS_MODIFIED_SHORT]);
    },
  },
];
