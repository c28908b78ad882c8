// Settings of the mailbox-settings families (option lists, markers) on HelloID's configuration form. One
// descriptor per key is both the form field (label, description, default) and the validation, so
// configuration.json is generated from the same source the actions parse with.
import type { z } from "zod";
import { getCI } from "../../helloid/caseInsensitive.js";
import type { ConfigurationField } from "../../helloid/configurationForm.js";
import { InputError } from "../../helloid/context.js";

export interface ConfigurationSetting<T> extends ConfigurationField {
  readonly kind: "text";
  /** "json": the field holds JSON text (HelloID's form has no list fields); "text": a plain value. */
  readonly format: "json" | "text";
  /** What configuration.json pre-fills. An absent or empty field means this default too. */
  readonly defaultValue: string;
  readonly schema: z.ZodType<T>;
}

/** The setting's value from actionContext.Configuration, validated; InputError names the field at fault. */
export function readSetting<T>(configuration: Record<string, unknown>, setting: ConfigurationSetting<T>): T {
  const where = `actionContext.Configuration.${setting.key}`;
  const configured = getCI(configuration, setting.key);
  const empty =
    configured === undefined || configured === null || (typeof configured === "string" && !configured.trim());
  let value = empty ? setting.defaultValue : configured;
  // A CLI user may hand the list itself rather than its JSON text.
  if (setting.format === "json" && typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new InputError(`${where}: not valid JSON (${(error as Error).message})`);
    }
  }
  const parsed = setting.schema.safeParse(value);
  if (!parsed.success) throw new InputError(describeIssuesAt(parsed.error, where));
  return parsed.data;
}

/** One line per issue, with list positions as indexes: `…Options[1].mailboxFolderAccessRight: …`. */
export function describeIssuesAt(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
        .join("");
      return `${root}${path}: ${issue.message}`;
    })
    .join("; ");
}
