// litigationHold/revokePermission: lift the hold only when this connector placed it (owner = the marker)
// for the revoked duration. A hold legal or an administrator placed stays, with a warning in the audit;
// so does one another HelloID option changed to its own duration. The PowerShell connector lifted any
// hold, which is why it dropped litigation hold altogether.
import { type SetMailboxParams, setMailbox } from "../../exchange/index.js";
import type { OutputAction, Runtime } from "../framework.js";
import { AUDIT_ACTION } from "../mailboxSettings/ownMailbox.js";
import { describeDuration } from "./holdDuration.js";
import { type HoldPlan, prepareHold } from "./holdPlan.js";
import { describeOwner, placedBy, readHold } from "./holdState.js";

async function execute(plan: HoldPlan, runtime: Runtime): Promise<void> {
  const { exchange, output, dryRun } = runtime;
  const { mailbox, option, owner, comment } = plan;
  const auditAction = AUDIT_ACTION.revoke;
  const revoked = describeDuration(option.Duration);
  const hold = await readHold("revoke", runtime, {
    mailbox,
    what: `the litigation hold of ${revoked} from mailbox [${mailbox}]`,
  });
  if (!hold) return;
  const current = describeDuration(hold.duration);
  if (!hold.enabled) {
    output.audit(
      `Skipped revoking the litigation hold of ${revoked} from mailbox [${mailbox}]: it has no litigation hold.`,
      { auditAction },
    );
    return;
  }
  if (!placedBy(hold, owner)) {
    output.audit(
      `Warning: left the litigation hold on mailbox [${mailbox}] in place: ${describeOwner(hold)} placed it (${current}), not this connector ([${owner}]).`,
      { auditAction },
    );
    return;
  }
  if (hold.duration !== option.Duration) {
    output.audit(
      `Left the litigation hold on mailbox [${mailbox}] in place: it now lasts ${current}, not the revoked ${revoked}, so another HelloID option holds it.`,
      { auditAction },
    );
    return;
  }
  const params: SetMailboxParams = {
    Identity: mailbox,
    LitigationHoldEnabled: false,
    // Our comment would stay visible in Outlook after the hold is gone.
    ...(comment && hold.comment === comment ? { RetentionComment: "" } : {}),
  };
  const message = `the litigation hold of ${revoked} (owner [${owner}]) from mailbox [${mailbox}]`;
  if (dryRun) {
    output.audit(`DryRun: would lift ${message}.`, { auditAction });
    return;
  }
  await setMailbox(exchange, params);
  output.audit(`Lifted ${message}.`, { auditAction });
}

export const litigationHoldRevoke: OutputAction<HoldPlan> = {
  kind: "output",
  name: "litigationHold/revokePermission",
  summary: "Lift the litigation hold only when this connector placed it (LitigationHoldOwner marker)",
  prepare: prepareHold,
  execute,
};
