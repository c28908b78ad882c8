// Stamps correlation and marker attributes on objects, including ones New-* just created: Exchange may not
// find a new object for a while (replication), so "not found" is retried with a growing pause for as long
// as the action's deadline allows. All stamps of a round go out together through `$batch`.
import { setTimeout as sleep } from "node:timers/promises";
import { backoffCeiling, NotFoundError } from "../../exchange/index.js";
import type { Runtime } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family, TargetObject } from "./family.js";
import { send } from "./send.js";

export interface Stamp {
  readonly target: TargetObject;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Time kept for the last round of writes after a pause. */
const RESERVE_MS = 3_000;

/** "CustomAttribute1 = [HR] and CustomAttribute2 = [HelloID Dynamic Shared Mailbox]". */
export const describeAttributes = (attributes: Readonly<Record<string, string>>) =>
  Object.entries(attributes)
    .map(([name, value]) => `${name} = [${value}]`)
    .join(" and ");

export async function stampAll<S extends CommonSettings>(
  family: Family<S>,
  stamps: readonly Stamp[],
  { exchange, output, log }: Runtime,
): Promise<void> {
  let pending = stamps;
  let round = 1;
  while (pending.length > 0) {
    const results = await send(
      exchange,
      pending.map((stamp) => family.stampCall(stamp.target.id, stamp.attributes)),
    );
    const lagging: Stamp[] = [];
    pending.forEach((stamp, index) => {
      const result = results[index];
      const where = `${describeAttributes(stamp.attributes)} on ${family.noun} [${stamp.target.name}]`;
      if (result?.ok) output.audit(`Set ${where}.`);
      else if (result?.error instanceof NotFoundError && result.error.subject === "identity")
        lagging.push(stamp);
      else output.auditError(`Could not set ${where}: ${result?.error.message}`);
    });
    const pause = backoffCeiling(round);
    if (lagging.length > 0 && exchange.deadline.remainingMs() < pause + RESERVE_MS) {
      for (const stamp of lagging) {
        output.auditError(
          `Could not set ${describeAttributes(stamp.attributes)} on the new ${family.noun} [${stamp.target.name}]: Exchange had not replicated it before the deadline. The next run finds it by name and sets them.`,
        );
      }
      return;
    }
    if (lagging.length > 0) {
      log.info(
        `waiting ${pause} ms for Exchange to replicate ${lagging.length} new ${family.noun} object(s)`,
      );
      await sleep(pause);
      round++;
    }
    pending = lagging;
  }
}
