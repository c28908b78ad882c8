// Field-mapping values as HelloID sends them (fixed values are strings: "true") and the mailbox
// properties that fill outputContext.Data.

import { PROPERTY_NAME_PATTERN } from "../../common/patterns.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { booleanLike } from "../../helloid/schema.js";

/** A mapped boolean (`true` or `"true"`), undefined when not mapped or mapped empty. */
export function booleanField(
  data: JsonObject | null | undefined,
  name: string,
  where: string,
): boolean | undefined {
  const value = getCI(data, name);
  if (value === undefined || value === null || value === "") return undefined;
  const parsed = booleanLike.safeParse(value);
  if (!parsed.success)
    throw new InputError(`${where}.${name}: expected true or false, got ${JSON.stringify(value)}`);
  return parsed.data;
}

/** The mapped field names that can be read from a mailbox (Data keys HelloID pre-filled plus the mapped ones). */
export function mailboxDataFields(...sources: (JsonObject | null | undefined)[]): string[] {
  const names = new Map<string, string>();
  for (const source of sources) {
    for (const key of Object.keys(source ?? {})) {
      if (PROPERTY_NAME_PATTERN.test(key) && !names.has(key.toLowerCase())) names.set(key.toLowerCase(), key);
    }
  }
  return [...names.values()];
}

/** The mailbox's values for the given fields, keyed as the mapping spells them; fields it lacks are left out. */
export function pickData(mailbox: JsonObject, fields: readonly string[]): JsonObject {
  const data: JsonObject = {};
  for (const field of fields) {
    const value = getCI(mailbox, field);
    if (value !== undefined) data[field] = value;
  }
  return data;
}
