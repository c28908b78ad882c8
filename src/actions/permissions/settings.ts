// Family configuration keys, declared once with their schema, default and description: the actions parse
// actionContext.Configuration with them, and the packaging generates configuration.json from the same list.
import * as z from "zod";
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { ciObject, describeIssues } from "../../helloid/schema.js";

export interface Setting<T> {
  readonly schema: z.ZodType<T>;
  readonly default: T;
  /** What an implementer reads on the configuration form. */
  readonly description: string;
}

export type Settings = Readonly<Record<string, Setting<unknown>>>;

export type ValuesOf<D extends Settings> = {
  readonly [K in keyof D]: D[K] extends Setting<infer T> ? T : never;
};

export function setting<T>(schema: z.ZodType<T>, defaultValue: T, description: string): Setting<T> {
  return { schema, default: defaultValue, description };
}

/** HelloID sends a field left empty on the form as "" (or null): the default applies. */
function blankToUndefined(value: unknown): unknown {
  if (value === null || (typeof value === "string" && value.trim() === "")) return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/** The values of `definitions` in a configuration (keys matched case-insensitively); InputError names the key. */
export function parseSettings<D extends Settings>(definitions: D, configuration: JsonObject): ValuesOf<D> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, definition] of Object.entries(definitions)) {
    shape[key] = z
      .preprocess(blankToUndefined, definition.schema.optional())
      .transform((value) => value ?? definition.default);
  }
  const parsed = ciObject(shape).safeParse(configuration);
  if (!parsed.success) throw new InputError(describeIssues(parsed.error, "actionContext.Configuration"));
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(definitions)) values[key] = (parsed.data as Record<string, unknown>)[key];
  return values as ValuesOf<D>;
}
