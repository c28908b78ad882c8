// PowerShell property access is case-insensitive, and HelloID and the PowerShell connector mix
// `accountField` and `AccountField`. These helpers give JSON objects the same semantics.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The key of `obj` that equals `name` ignoring case (an exact match wins), or undefined. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((key) => key.toLowerCase() === lower);
}

/** `obj[name]` with PowerShell's case-insensitive property lookup. */
export function getCI(obj: unknown, name: string): unknown {
  if (!isObject(obj)) return undefined;
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/**
 * Renames the keys of `value` that match one of `canonical` ignoring case to the canonical spelling,
 * leaving other keys untouched. Two keys that collapse onto one name are a conflict the caller reports.
 */
export function canonicalizeKeys(value: unknown, canonical: readonly string[]): unknown {
  if (!isObject(value)) return value;
  const byLower = new Map(canonical.map((name) => [name.toLowerCase(), name]));
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const name = byLower.get(key.toLowerCase()) ?? key;
    if (Object.hasOwn(result, name)) throw new DuplicateKeyError(name);
    result[name] = item;
  }
  return result;
}

export class DuplicateKeyError extends Error {
  constructor(readonly key: string) {
    super(`the property ${key} is given twice with different letter case`);
  }
}
