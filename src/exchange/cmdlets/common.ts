// Shared types and helpers of the typed cmdlets. Parameter objects use Exchange's own PascalCase
// parameter names: they go to the wire as they are, and HelloID field mappings use the same names.
import type { CallOptions, CmdletResult, Row } from "../call.js";
import { NotFoundError } from "../errors.js";
import { isNoOp } from "../warnings.js";

type OneToFifteen = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;
type OneToFive = 1 | 2 | 3 | 4 | 5;

export type CustomAttributeName = `CustomAttribute${OneToFifteen}`;
export type ExtensionCustomAttributeName = `ExtensionCustomAttribute${OneToFive}`;

/** CustomAttribute1..15 (text) and ExtensionCustomAttribute1..5 (lists); null clears one. */
export type CustomAttributes = { [K in CustomAttributeName]?: string | null } & {
  [K in ExtensionCustomAttributeName]?: string[] | null;
};

/** A number of rows, or every row. */
export type ResultSize = number | "Unlimited";

export type RecipientTypeDetails =
  | "UserMailbox"
  | "SharedMailbox"
  | "RoomMailbox"
  | "EquipmentMailbox"
  | "MailUniversalDistributionGroup"
  | "MailUniversalSecurityGroup"
  | "RoomList"
  | (string & {});

/** Exchange's add/remove form of a multi-valued parameter (docs/EXCHANGE-API.md, 'InvokeCommand request'). */
export interface GenericHashTable {
  "@odata.type": "#Exchange.GenericHashTable";
  Add?: string[];
  Remove?: string[];
}

export function addRemove(change: { Add?: string[]; Remove?: string[] }): GenericHashTable {
  return { "@odata.type": "#Exchange.GenericHashTable", ...change };
}

/** Options of read cmdlets: `$select` to fetch only some properties. */
export type ReadOptions = Pick<CallOptions, "select">;

export interface WriteResult<R = Row> extends CmdletResult<R> {
  /** False when Exchange's warnings say nothing changed (already present, not present, no settings modified). */
  changed: boolean;
}

export function writeResult<R>(result: CmdletResult<R>): WriteResult<R> {
  return { ...result, changed: !isNoOp(result.warnings) };
}

/** The one row a Get by Identity returns. */
export function singleRow<R>(result: CmdletResult<R>, cmdlet: string, identity: string): R {
  const [row] = result.rows;
  if (row === undefined) {
    throw new NotFoundError(`${cmdlet} returned no object for '${identity}'`, "identity", identity, {
      cmdlet,
    });
  }
  return row;
}

/** Null instead of a NotFoundError about the Identity itself (a missing Member/User still throws). */
export async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError && error.subject === "identity") return null;
    throw error;
  }
}

/** Collects an async iterable (Node 20 has no Array.fromAsync). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
