// The only way to build an OPATH -Filter. Values are always quoted here (a `'` is doubled:
// docs/EXCHANGE-API.md, 'OPATH filters'), property names are checked to be plain identifiers, and the result
// is a branded type that the typed cmdlets require — so user data can never be interpolated into a filter
// string by hand.
import { PROPERTY_NAME_PATTERN } from "../common/patterns.js";

declare const opathBrand: unique symbol;

/** An OPATH filter built by this module. A plain string is not assignable to it. */
export type OpathFilter = string & { readonly [opathBrand]: true };

/** Values OPATH can compare with: text, booleans (sent as 'True'/'False'), `$null`, and integers. */
export type OpathValue = string | boolean | null | number;

/** Checks an OPATH / `$select` property name; names are ours, never user data. */
export function assertPropertyName(property: string): void {
  if (!PROPERTY_NAME_PATTERN.test(property)) {
    throw new TypeError(`Not an Exchange property name: ${JSON.stringify(property)}`);
  }
}

/**
 * Renders a value as an OPATH literal: `'O''Brien'`, `'True'`, `$null`, `42`. Booleans go as the quoted
 * words 'True'/'False', never `$true`/`$false`: the Exchange module rewrites those before sending
 * (Sanitize-BoolValuesInFilter), so the REST service has only ever been shown the quoted form.
 */
export function opathLiteral(value: OpathValue): string {
  if (value === null) return "$null";
  if (typeof value === "boolean") return value ? "'True'" : "'False'";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError(`OPATH numbers must be integers, got ${value}`);
    return String(value);
  }
  // PowerShell (whose quoting OPATH follows) also ends a '-string at ‘ ’ ‚ ‛: each is doubled like '.
  return `'${value.replace(/['\u2018-\u201B]/g, (quote) => quote + quote)}'`;
}

function comparison(property: string, operator: string, literal: string): OpathFilter {
  assertPropertyName(property);
  return `${property} ${operator} ${literal}` as OpathFilter;
}

export function eq(property: string, value: OpathValue): OpathFilter {
  return comparison(property, "-eq", opathLiteral(value));
}

export function ne(property: string, value: OpathValue): OpathFilter {
  return comparison(property, "-ne", opathLiteral(value));
}

/** `-like`: the pattern is quoted like any value; its `*` wildcards are the caller's to place. */
export function like(property: string, pattern: string): OpathFilter {
  return comparison(property, "-like", opathLiteral(pattern));
}

export function notLike(property: string, pattern: string): OpathFilter {
  return comparison(property, "-notlike", opathLiteral(pattern));
}

function join(operator: "-and" | "-or", filters: readonly OpathFilter[]): OpathFilter {
  if (filters.length === 0) throw new RangeError(`OPATH ${operator} needs at least one filter`);
  if (filters.length === 1) return filters[0] as OpathFilter;
  return filters.map((filter) => `(${filter})`).join(` ${operator} `) as OpathFilter;
}

export function and(...filters: OpathFilter[]): OpathFilter {
  return join("-and", filters);
}

export function or(...filters: OpathFilter[]): OpathFilter {
  return join("-or", filters);
}

export function not(filter: OpathFilter): OpathFilter {
  return `-not (${filter})` as OpathFilter;
}

/** `(P -eq 'a') -or (P -eq 'b') …`: one query for several values (e.g. all of a person's contracts). */
export function anyEq(property: string, values: readonly OpathValue[]): OpathFilter {
  if (values.length === 0) throw new RangeError(`anyEq(${property}) needs at least one value`);
  return or(...values.map((value) => eq(property, value)));
}
