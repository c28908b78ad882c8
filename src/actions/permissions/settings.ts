// A permission family's configuration keys, declared as one record (key → schema, default, description):
// each becomes a ConfigurationSetting, so the actions read actionContext.Configuration with them and the
// packaging generates configuration.json from the same record.
import type * as z from "zod";
import { canonicalizeKeys, DuplicateKeyError, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { type ConfigurationSetting, readSetting } from "../configurationSetting.js";

type Unkeyed<T> = Omit<ConfigurationSetting<T>, "key" | "label">;

export type Settings = Readonly<Record<string, ConfigurationSetting<unknown>>>;

export type ValuesOf<D extends Settings> = {
  readonly [K in keyof D]: D[K] extends ConfigurationSetting<infer T> ? T : never;
};

/** "SharedMailboxAccessRights" -> "Shared mailbox access rights". */
export function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(" ");
  return words
    .map((word, index) => (index === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()))
    .join(" ");
}

/**
 * One key of a family's record; an empty field means `fallback`. On the form, a boolean becomes a checkbox
 * with its default; a text default is pre-filled when it has no surrounding spaces (which a form would lose);
 * any other default (lists, paths) leaves the field empty, and the description states it.
 */
export function setting<T>(schema: z.ZodType<T>, fallback: T, description: string): Unkeyed<T> {
  const base = { format: "text", schema, fallback, description } as const;
  if (typeof fallback === "boolean") return { ...base, kind: "checkbox", defaultValue: fallback };
  if (typeof fallback === "number") return { ...base, kind: "number", defaultValue: fallback };
  if (typeof fallback === "string" && fallback === fallback.trim())
    return { ...base, kind: "text", defaultValue: fallback };
  return { ...base, kind: "text", defaultValue: "" };
}

/** The record's settings, each named by its key and labelled from it. */
export function settingsRecord<D extends Readonly<Record<string, Unkeyed<unknown>>>>(
  record: D,
): { readonly [K in keyof D]: D[K] & { readonly key: string; readonly label: string } } {
  return Object.fromEntries(
    Object.entries(record).map(([key, unkeyed]) => [key, { ...unkeyed, key, label: labelOf(key) }]),
  ) as { readonly [K in keyof D]: D[K] & { readonly key: string; readonly label: string } };
}

/** The values of a record in a configuration (keys matched ignoring case); InputError names each key at fault. */
export function parseSettings<D extends Settings>(definitions: D, configuration: JsonObject): ValuesOf<D> {
  try {
    canonicalizeKeys(configuration, Object.keys(definitions));
  } catch (error) {
    if (error instanceof DuplicateKeyError)
      throw new InputError(`actionContext.Configuration: ${error.message}`);
    throw error;
  }
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, definition] of Object.entries(definitions)) {
    try {
      values[key] = readSetting(configuration, definition);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join("; "));
  return values as ValuesOf<D>;
}
