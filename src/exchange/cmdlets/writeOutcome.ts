// A write's result as changed, unchanged or failed. Exchange says "already so" in three ways: an error about
// the entry itself (already a member / already has an entry, not a member / no entry), an ACE warning on a
// 200, or "no settings modified". A name or address taken by another object is a failure, not "already so".
import type { BatchItemResult } from "../call.js";
import { AlreadyExistsError, type ExchangeError, NotMemberError } from "../errors.js";
import { isNoOp } from "../warnings.js";

export type WriteOutcome =
  | { status: "changed"; warnings: string[] }
  | { status: "unchanged"; warnings: string[]; error?: ExchangeError }
  | { status: "failed"; error: ExchangeError };

/** Classifies a write's `$batch` result (or a direct call's, as `{ok, result|error}`). */
export function writeOutcome(item: BatchItemResult<unknown>): WriteOutcome {
  if (item.ok) {
    const { warnings } = item.result;
    return { status: isNoOp(warnings) ? "unchanged" : "changed", warnings };
  }
  const { error } = item;
  if (error instanceof AlreadyExistsError && error.subject === "entry") {
    return { status: "unchanged", warnings: [], error };
  }
  if (error instanceof NotMemberError) {
    return { status: "unchanged", warnings: [], error };
  }
  return { status: "failed", error };
}
