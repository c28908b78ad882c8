// Grants and revokes of rights, as grant/revoke and sub-permissions make them: one write each, no read
// first (Exchange's answer says whether anything changed), independent writes together through `$batch`,
// each result reported on its own by the not-found matrix (docs/HELLOID-CONTRACT.md): a vanished object or
// account is a skipped revoke but a failed grant.
import { type BatchItemResult, NotFoundError, writeOutcome } from "../../exchange/index.js";
import type { AuditAction, OutputContext } from "../../helloid/output.js";
import type { Runtime } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Access, Family, Verb } from "./family.js";
import { send } from "./send.js";

export interface Change {
  readonly verb: Verb;
  readonly access: Access;
  readonly account: string;
}

/** "done": the right is now as wanted (changed, already so, or skipped by the not-found matrix). */
export type ChangeStatus = "done" | "failed" | "dryRun";

const WORDS = {
  grant: {
    done: "Granted",
    doing: "granting",
    could: "grant",
    preposition: "to",
    auditAction: "GrantPermission",
  },
  revoke: {
    done: "Revoked",
    doing: "revoking",
    could: "revoke",
    preposition: "from",
    auditAction: "RevokePermission",
  },
} as const satisfies Record<Verb, { auditAction: AuditAction } & Record<string, string>>;

/** Applies the changes (or, in DryRun, says what it would do) and reports each; the statuses keep their order. */
export async function applyChanges<S extends CommonSettings>(
  family: Family<S>,
  settings: S,
  changes: readonly Change[],
  { exchange, output, dryRun }: Runtime,
): Promise<ChangeStatus[]> {
  if (dryRun) {
    for (const change of changes) {
      const words = WORDS[change.verb];
      output.audit(`DryRun: would ${words.could} ${phrase(family, change)}.`, {
        auditAction: words.auditAction,
      });
    }
    return changes.map(() => "dryRun");
  }
  const calls = changes.map((change) =>
    family.writeCall(change.verb, change.access, change.account, settings),
  );
  const results = await send(exchange, calls);
  return changes.map((change, index) =>
    report(family, change, results[index] as BatchItemResult<unknown>, output),
  );
}

function phrase<S extends CommonSettings>(family: Family<S>, change: Change): string {
  return `${family.describe(change.access)} ${WORDS[change.verb].preposition} account [${change.account}]`;
}

function report<S extends CommonSettings>(
  family: Family<S>,
  change: Change,
  result: BatchItemResult<unknown>,
  output: OutputContext,
): ChangeStatus {
  const words = WORDS[change.verb];
  const what = phrase(family, change);
  const outcome = writeOutcome(result);
  if (outcome.status === "changed") {
    output.audit(`${words.done} ${what}.`, { auditAction: words.auditAction });
    return "done";
  }
  if (outcome.status === "unchanged") {
    const state = change.verb === "grant" ? "already granted" : "not granted";
    output.audit(`Skipped ${words.doing} ${what}: ${state}.`, { auditAction: words.auditAction });
    return "done";
  }
  const { error } = outcome;
  if (error instanceof NotFoundError) {
    const gone =
      error.subject === "identity" ? `the ${family.noun} no longer exists` : "the account no longer exists";
    if (change.verb === "revoke") {
      output.audit(`Skipped ${words.doing} ${what}: ${gone}.`, { auditAction: words.auditAction });
      return "done";
    }
    output.auditError(`Could not ${words.could} ${what}: ${gone}.`, words.auditAction);
    return "failed";
  }
  output.auditError(`Could not ${words.could} ${what}: ${error.message}`, words.auditAction);
  return "failed";
}
