// Exchange says "already done" in three ways: an error (already a member / already has an entry, not a
// member / no entry), an ACE warning on a 200, or "no settings modified". Grants and revokes are
// idempotent by reading these. A name or address taken by another object is a failure, not "done".
import type { BatchItemResult } from "../call.js";
import { AlreadyExistsError, type ExchangeError, NotMemberError } from "../errors.js";
import { isNoOp } from "../warnings.js";

const alreadyDone = new Set(["MemberAlreadyExistsException", "UserAlreadyExistsInPermissionEntryException"]);

export type WriteOutcome =
  | { status: "changed"; warnings: string[] }
  | { status: "unchanged"; warnings: string[]; error?: ExchangeError }
  | { status: "failed"; error: ExchangeError };

/** Classifies a write's `$batch` result (or a direct call's, as `{ok, result|error}`). */
export function writeOutcome(item: BatchItemResult<unknown>): WriteOutcome {
  if (item.ok) {
    const { warnings } = item.result;
    return isNoOp(warnings) ? { status: "unchanged", warnings } : { status: "changed", warnings };
  }
  const alreadyMember =
    item.error instanceof AlreadyExistsError && alreadyDone.has(item.error.exceptionName ?? "");
  if (alreadyMember || item.error instanceof NotMemberError) {
    return { status: "unchanged", warnings: [], error: item.error };
  }
  return { status: "failed", error: item.error };
}
