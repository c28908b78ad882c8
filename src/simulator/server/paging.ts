// Server-driven paging (docs/EXCHANGE-API.md, 'Paging'): page size from `Prefer: odata.maxpagesize`, capped
// by the server; later pages are fetched by POSTing the same body to `@odata.nextLink`. The matching records
// are kept as a snapshot per listing, so every match comes exactly once across the pages and a 100,000-row
// listing costs one cmdlet run, not one a page; each page's rows are built when it is served and then dropped
// (holding 100,000 built rows would take over a gigabyte).
import { randomBytes } from "node:crypto";
import { type RowSource, rowSource } from "../cmdlets/results.js";
import type { Selection } from "../cmdlets/rows.js";
import type { CmdletResult, Row } from "../cmdlets/types.js";
import { EXPIRED_PAGE_MESSAGE } from "./envelopes.js";

/** Who may continue a listing: the same request body from the same app. */
export interface ListingKey {
  body: string;
  appId: string;
}

export interface Page {
  value: Row[];
  /** The cmdlet's warnings; every page repeats them, as a re-run of the cmdlet per page would. */
  warnings: string[];
  /** Continuation token for `@odata.nextLink`, when rows remain. */
  token?: string;
}

interface Snapshot extends ListingKey {
  source: RowSource;
  warnings: string[];
  expiresAt: number;
}

const IDLE_TTL_MS = 10 * 60_000;
/** Once the last page was served, keep the snapshot a little for a client retrying that page. */
const DRAINED_TTL_MS = 60_000;

export class PagingStore {
  private readonly snapshots = new Map<string, Snapshot>();

  /**
   * The first page of a fresh result; a snapshot is kept only when more pages remain. `select` lets the
   * rows leave out unselected properties; the caller still applies `$select`.
   */
  first(result: CmdletResult, pageSize: number, key: ListingKey, select?: Selection): Page {
    this.sweep();
    const { rows, warnings } = result;
    const source = rowSource(rows);
    if (rows.length <= pageSize) return { value: source.slice(0, rows.length, select), warnings };
    const id = randomBytes(12).toString("hex");
    this.snapshots.set(id, { ...key, source, warnings, expiresAt: Date.now() + IDLE_TTL_MS });
    return { value: source.slice(0, pageSize, select), warnings, token: encodeToken(id, pageSize) };
  }

  /** A later page, or why the continuation is refused. */
  next(token: string, pageSize: number, key: ListingKey, select?: Selection): Page | { refused: string } {
    this.sweep();
    const decoded = decodeToken(token);
    const snapshot = decoded && this.snapshots.get(decoded.id);
    if (!decoded || !snapshot || decoded.offset > snapshot.source.length) {
      return { refused: EXPIRED_PAGE_MESSAGE };
    }
    if (snapshot.body !== key.body || snapshot.appId !== key.appId) {
      return {
        refused:
          "The skip token belongs to a different request. POST the original request body to @odata.nextLink.",
      };
    }
    const end = decoded.offset + pageSize;
    const page = { value: snapshot.source.slice(decoded.offset, end, select), warnings: snapshot.warnings };
    if (end >= snapshot.source.length) {
      snapshot.expiresAt = Math.min(snapshot.expiresAt, Date.now() + DRAINED_TTL_MS);
      return page;
    }
    snapshot.expiresAt = Date.now() + IDLE_TTL_MS;
    return { ...page, token: encodeToken(decoded.id, end) };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, snapshot] of this.snapshots) if (snapshot.expiresAt <= now) this.snapshots.delete(id);
  }
}

const encodeToken = (id: string, offset: number): string =>
  Buffer.from(`${id}:${offset}`).toString("base64url");

function decodeToken(token: string): { id: string; offset: number } | undefined {
  const match = /^([0-9a-f]{24}):(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match?.[1] && match[2] ? { id: match[1], offset: Number(match[2]) } : undefined;
}

/**
 * `odata.maxpagesize` from a Prefer header; accepts `odata.maxpagesize=N` and CIPP's
 * `odata.maxpagesize = N;odata.continue-on-error`. Undefined when absent, "invalid" when not a positive integer.
 */
export function parseMaxPageSize(prefer: string | undefined): number | undefined | "invalid" {
  for (const preference of (prefer ?? "").split(/[,;]/)) {
    const [name = "", value, ...rest] = preference.split("=").map((part) => part.trim());
    if (name.toLowerCase() !== "odata.maxpagesize") continue;
    if (rest.length > 0 || value === undefined || !/^\d+$/.test(value) || Number(value) < 1) return "invalid";
    return Number(value);
  }
  return undefined;
}

/** `$select` names, lower-cased (Exchange matches them case-insensitively); undefined selects everything. */
export function parseSelect(select: string | null): Set<string> | undefined | "invalid" {
  if (select === null || select.trim() === "*") return undefined;
  const names = select.split(",").map((name) => name.trim());
  if (names.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return "invalid";
  return new Set(names.map((name) => name.toLowerCase()));
}

/** Keeps the selected properties and their inline annotations (`X@odata.type`, `X@data.type`). */
export function applySelect(rows: Row[], select: Set<string> | undefined): Row[] {
  if (!select) return rows;
  // Rows of one listing share their ~150 keys: decide each key once, not once per row (pages of 1000 rows).
  const keep = new Map<string, boolean>();
  const decide = (key: string): boolean => {
    const at = key.indexOf("@");
    const decision = select.has((at < 0 ? key : key.slice(0, at)).toLowerCase());
    keep.set(key, decision);
    return decision;
  };
  return rows.map((row) => {
    const kept: Row = {};
    for (const key in row) if (keep.get(key) ?? decide(key)) kept[key] = row[key];
    return kept;
  });
}

/** JSON with sorted keys, so two bodies that differ only in key order or whitespace compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
