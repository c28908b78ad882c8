// Parameter binding (docs/EXCHANGE-API.md, 'InvokeCommand request'): case-insensitive names, the wire
// encodings (switches as booleans, a scalar or an array for multi-valued parameters, GenericHashTable
// {Add, Remove} objects), and Exchange's errors for unknown names and values of the wrong type.
import { missingParameters, transformation, unknownParameters } from "./errors.js";
import type { CmdletParameters } from "./types.js";

export type ParamKind = "string" | "bool" | "strings" | "edit" | "resultSize" | "datetime";
export type ParamSpec = Record<string, ParamKind>;

/** A multi-valued property change: `replace` (array/scalar/null on the wire) or add/remove (hashtable). */
export interface MultiEdit {
  replace?: string[];
  add: string[];
  remove: string[];
}

/** Common parameters every cmdlet binds (their values don't change what the model does). */
const COMMON: ParamSpec = {
  ErrorAction: "string",
  WarningAction: "string",
  InformationAction: "string",
  Verbose: "bool",
  Debug: "bool",
};
const WRITE_COMMON: ParamSpec = { ...COMMON, Confirm: "bool" };

const DEFAULT_RESULT_SIZE = 1000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toText(name: string, value: unknown, type = "System.String"): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw transformation(name, value, type);
}

function toTexts(name: string, value: unknown): string[] {
  if (value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => toText(name, v, "System.String[]"));
}

function toEdit(name: string, value: unknown): MultiEdit {
  if (!isObject(value)) return { replace: toTexts(name, value), add: [], remove: [] };
  // The module tags every hashtable it sends (ConvertTo-HashTable); an untagged object was never seen to work.
  if (value["@odata.type"] !== "#Exchange.GenericHashTable") {
    throw transformation(
      name,
      value,
      "Microsoft.Exchange.Data.MultiValuedProperty",
      'A hashtable must be sent with "@odata.type": "#Exchange.GenericHashTable"',
    );
  }
  const edit: MultiEdit = { add: [], remove: [] };
  for (const [key, item] of Object.entries(value)) {
    const k = key.toLowerCase();
    if (k === "@odata.type") continue;
    if (k === "add") edit.add = toTexts(name, item);
    else if (k === "remove") edit.remove = toTexts(name, item);
    else
      throw transformation(
        name,
        value,
        "Microsoft.Exchange.Data.MultiValuedProperty",
        `Unknown key '${key}'`,
      );
  }
  return edit;
}

function convert(name: string, kind: ParamKind, value: unknown): unknown {
  switch (kind) {
    case "string":
      return value === null ? null : toText(name, value);
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === 0 || value === 1) return value === 1;
      throw transformation(
        name,
        value,
        "System.Boolean",
        "Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
      );
    case "strings":
      return toTexts(name, value);
    case "edit":
      return toEdit(name, value);
    case "resultSize": {
      if (typeof value === "string" && value.toLowerCase() === "unlimited") return Number.POSITIVE_INFINITY;
      const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n === "number" && Number.isInteger(n) && n > 0) return n;
      throw transformation(name, value, "Microsoft.Exchange.Data.Unlimited`1[System.UInt32]");
    }
    case "datetime": {
      // The module sends UTC without a zone designator ("2024-01-31T17:00:00").
      const text = typeof value === "string" && !/(Z|[+-]\d\d:\d\d)$/i.test(value) ? `${value}Z` : value;
      const ms = typeof text === "string" ? Date.parse(text) : Number.NaN;
      if (Number.isNaN(ms)) throw transformation(name, value, "System.DateTime");
      return ms;
    }
  }
}

export class Params {
  private constructor(private readonly values: Map<string, unknown>) {}

  static parse(raw: CmdletParameters | undefined, spec: ParamSpec, isWrite: boolean): Params {
    const all = { ...(isWrite ? WRITE_COMMON : COMMON), ...spec };
    const byLower = new Map(Object.entries(all).map(([name, kind]) => [name.toLowerCase(), { name, kind }]));
    const values = new Map<string, unknown>();
    const unknown: string[] = [];
    for (const [key, value] of Object.entries(raw ?? {})) {
      const lower = key.toLowerCase();
      const annotated = lower.endsWith("@odata.type") && byLower.has(lower.slice(0, -"@odata.type".length));
      if (annotated) continue;
      const known = byLower.get(lower);
      if (!known || values.has(known.name)) {
        unknown.push(key);
        continue;
      }
      values.set(known.name, convert(known.name, known.kind, value));
    }
    if (unknown.length > 0) throw unknownParameters(unknown);
    return new Params(values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Names of the bound parameters, canonical spelling. */
  names(): string[] {
    return [...this.values.keys()];
  }

  require(...names: string[]): void {
    const missing = names.filter((n) => !this.values.has(n) || this.values.get(n) === null);
    if (missing.length > 0) throw missingParameters(missing);
  }

  /** The converted value, whatever its kind. */
  value(name: string): unknown {
    return this.values.get(name);
  }

  string(name: string): string | null | undefined {
    return this.values.get(name) as string | null | undefined;
  }

  /** A mandatory, non-empty string parameter. */
  requiredString(name: string): string {
    this.require(name);
    const value = this.values.get(name) as string;
    if (value === "") throw missingParameters([name]);
    return value;
  }

  bool(name: string): boolean | undefined {
    return this.values.get(name) as boolean | undefined;
  }

  strings(name: string): string[] | undefined {
    return this.values.get(name) as string[] | undefined;
  }

  edit(name: string): MultiEdit | undefined {
    return this.values.get(name) as MultiEdit | undefined;
  }

  date(name: string): number | undefined {
    return this.values.get(name) as number | undefined;
  }

  /** ResultSize as a row cap: the number given, Infinity for "Unlimited", Exchange's 1000 when absent. */
  resultSize(): number {
    return (this.values.get("ResultSize") as number | undefined) ?? DEFAULT_RESULT_SIZE;
  }
}
