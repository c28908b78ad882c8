// litigationHold/grantPermission: put the person's mailbox on litigation hold for the option's duration,
// marked as this connector's (LitigationHoldOwner, optional RetentionComment). A hold someone else placed
// is left exactly as it is: taking it over would let a later revoke lift it, and shortening it is not ours
// to do. Calls: Get-Mailbox (hold fields only), then one Set-Mailbox only when something differs.
import { type SetMailboxParams, setMailbox } from "../../exchange/index.js";
import type { OutputAction, Runtime } from "../framework.js";
import { AUDIT_ACTION } from "../mailboxSettings/ownMailbox.js";
import { describeDuration } from "./holdDuration.js";
import { type HoldPlan, prepareHold } from "./holdPlan.js";
import { describeOwner, placedBy, readHold } from "./holdState.js";

async function execute(plan: HoldPlan, runtime: Runtime): Promise<void> {
  const { exchange, output, dryRun } = runtime;
  const { mailbox, option, owner, comment } = plan;
  const auditAction = AUDIT_ACTION.grant;
  const wanted = describeDuration(option.Duration);
  const hold = await readHold("grant", runtime, {
    mailbox,
    what: `a litigation hold of ${wanted} on mailbox [${mailbox}]`,
  });
  if (!hold) return;

  let params: SetMailboxParams;
  let message: string;
  let verb: { done: string; would: string };
  if (!hold.enabled) {
    params = {
      Identity: mailbox,
      LitigationHoldEnabled: true,
      LitigationHoldDuration: option.Duration,
      LitigationHoldOwner: owner,
      ...(comment ? { RetentionComment: comment } : {}),
    };
    message = `a litigation hold of ${wanted} on mailbox [${mailbox}] with owner [${owner}] (before: no hold)`;
    verb = { done: "Placed", would: "place" };
  } else if (!placedBy(hold, owner)) {
    output.audit(
      `Left the litigation hold on mailbox [${mailbox}] as it is: ${describeOwner(hold)} placed it (${describeDuration(hold.duration)}), and this connector does not change holds it did not place.`,
      { auditAction },
    );
    return;
  } else {
    const changes: string[] = [];
    params = { Identity: mailbox };
    if (hold.duration !== option.Duration) {
      params.LitigationHoldDuration = option.Duration;
      changes.push(`duration [${describeDuration(hold.duration)}] -> [${wanted}]`);
    }
    if (comment && hold.comment !== comment) {
      params.RetentionComment = comment;
      changes.push(`RetentionComment [${hold.comment}] -> [${comment}]`);
    }
    if (changes.length === 0) {
      output.audit(
        `No change: mailbox [${mailbox}] already has this connector's litigation hold of ${wanted}.`,
        { auditAction },
      );
      return;
    }
    message = `this connector's litigation hold on mailbox [${mailbox}]: ${changes.join(", ")}`;
    verb = { done: "Changed", would: "change" };
  }
  if (dryRun) {
    output.audit(`DryRun: would ${verb.would} ${message}.`, { auditAction });
    return;
  }
  await setMailbox(exchange, params);
  output.audit(`${verb.done} ${message}.`, { auditAction });
}

export const litigationHoldGrant: OutputAction<HoldPlan> = {
  kind: "output",
  name: "litigationHold/grantPermission",
  summary:
    "Place a litigation hold of the option's duration, marked as this connector's (LitigationHoldOwner)",
  prepare: prepareHold,
  execute,
};
