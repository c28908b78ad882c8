// These settings apply to the person's own mailbox (References.Account). When it (or a user the option
// names) is gone, the not-found matrix (docs/HELLOID-CONTRACT.md) decides: a revoke has nothing left to undo
// (success, "Skipped"), a grant cannot be done (error).
import { NotFoundError } from "../../exchange/index.js";
import type { AuditAction, OutputContext } from "../../helloid/output.js";

export type Operation = "grant" | "revoke";

export const AUDIT_ACTION: Record<Operation, AuditAction> = {
  grant: "GrantPermission",
  revoke: "RevokePermission",
};

export const MAILBOX_GONE = "the mailbox no longer exists";

/** The mailbox an Identity named is gone (not: a user named by another parameter). */
export function isVanishedMailbox(error: unknown): boolean {
  return error instanceof NotFoundError && error.subject === "identity";
}

/** `what` completes "Cannot grant …" / "Skipped revoking …"; `reason` says what is gone. */
export function reportNotFound(
  output: OutputContext,
  operation: Operation,
  what: string,
  reason: string,
): void {
  if (operation === "revoke")
    output.audit(`Skipped revoking ${what}: ${reason}.`, { auditAction: AUDIT_ACTION.revoke });
  else output.auditError(`Cannot grant ${what}: ${reason}.`, AUDIT_ACTION.grant);
}
