// The one model of a configuration key the actions read: the form field HelloID shows (label, description,
// default) and its validation, so configuration.json is generated from the same source the actions parse
// with. The mailbox-settings families declare their keys one by one; the permission families as a record
// (src/actions/permissions/settings.ts). Both are read by readSetting.
import type { z } from "zod";
import { getCI } from "../helloid/caseInsensitive.js";
import type { ConfigurationField } from "../helloid/configurationForm.js";
import { InputError } from "../helloid/context.js";
import { describeIssues } from "../helloid/schema.js";

export interface ConfigurationSetting<T> extends ConfigurationField {
  /** "json": the field holds JSON text (HelloID's form has no list fields); "text": the value as given. */
  readonly format: "json" | "text";
  readonly schema: z.ZodType<T>;
  /**
   * What an absent or empty field means. Without it, the form's defaultValue is read as if it were
   * configured (the option lists, whose default is the JSON text the form pre-fills).
   */
  readonly fallback?: T;
}

/**
 * HelloID sends a field left empty on the form as "" (or null). A setting with a fallback also takes an
 * empty list as empty; for the others an empty list is a value (the JSON text "[]" means the same).
 */
function isEmpty(value: unknown, setting: ConfigurationSetting<unknown>): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return !value.trim();
  return setting.fallback !== undefined && Array.isArray(value) && value.length === 0;
}

/** The setting's value from actionContext.Configuration, validated; InputError names the field at fault. */
export function readSetting<T>(configuration: Record<string, unknown>, setting: ConfigurationSetting<T>): T {
  const where = `actionContext.Configuration.${setting.key}`;
  const configured = getCI(configuration, setting.key);
  const empty = isEmpty(configured, setting);
  if (empty && setting.fallback !== undefined) return setting.fallback;
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
  if (!parsed.success) throw new InputError(describeIssues(parsed.error, where));
  return parsed.data;
}
