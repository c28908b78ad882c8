// One model of a write's result, the same whether it went alone or in a `$batch`: changed, unchanged (and
// why) or failed. Exchange says "already so" in three ways: an error about the entry itself (already a
// member / already has an entry, not a member / no entry), an ACE warning on a 200, or "no settings
// modified". A name or address taken by another object is a failure, not "already so".
import type { BatchItemResult } from "../call.js";
import { AlreadyExistsError, type ExchangeError, NotMemberError } from "../errors.js";
import { classifyWarning } from "../warnings.js";

export type UnchangedReason = "alreadyPresent" | "alreadyAbsent" | "noChange";

export type WriteOutcome =
  | { status: "changed"; warnings: string[] }
  | { status: "unchanged"; reason: UnchangedReason; warnings: string[]; error?: ExchangeError }
  | { status: "failed"; error: ExchangeError };

/** Classifies a write's `$batch` result (or a direct call's, as `{ok, result|error}`). */
export function writeOutcome(item: BatchItemResult<unknown>): WriteOutcome {
  if (item.ok) {
    const { warnings } = item.result;
    const reason = unchangedBy(warnings);
    return reason ? { status: "unchanged", reason, warnings } : { status: "changed", warnings };
  }
  const { error } = item;
  if (error instanceof AlreadyExistsError && error.subject === "entry") {
    return { status: "unchanged", reason: "alreadyPresent", warnings: [], error };
  }
  if (error instanceof NotMemberError) {
    return { status: "unchanged", reason: "alreadyAbsent", warnings: [], error };
  }
  return { status: "failed", error };
}

function unchangedBy(warnings: readonly string[]): UnchangedReason | undefined {
  for (const warning of warnings) {
    const kind = classifyWarning(warning);
    if (kind === "aceAlreadyPresent") return "alreadyPresent";
    if (kind === "aceNotPresent") return "alreadyAbsent";
    if (kind === "noChange") return "noChange";
  }
  return undefined;
}
