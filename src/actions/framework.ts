// What an action is: a pure `prepare` step that validates the input (so bad input sends nothing to
// Exchange), then `execute` (outputContext actions) or `records` (import actions, streamed as NDJSON).

import type { Logger } from "../common/logger.js";
import type { ExchangeClient } from "../exchange/index.js";
import type { JsonObject } from "../helloid/caseInsensitive.js";
import type { ActionContext, PersonContext, ResourceContext, RunInput } from "../helloid/context.js";
import type { OutputContext } from "../helloid/output.js";
import type { ConnectionSettings } from "./configuration.js";

export interface PrepareInput {
  readonly input: RunInput;
  readonly context: ActionContext;
  readonly person: PersonContext | undefined;
  readonly resource: ResourceContext | undefined;
  readonly connection: ConnectionSettings;
  /** Data/PreviousData HelloID pre-filled in $outputContext. */
  readonly prefilled: { Data?: JsonObject | null; PreviousData?: JsonObject | null } | undefined;
}

export interface Runtime {
  readonly exchange: ExchangeClient;
  readonly output: OutputContext;
  readonly log: Logger;
  readonly dryRun: boolean;
}

interface ActionBase<Plan> {
  readonly name: string;
  readonly summary: string;
  /**
   * HelloID's time limit for this script slot when it exceeds the 30 s action timeout (retrieve permissions
   * 15 min, resources 10 min). Outside DryRun the Exchange deadline then ends a margin before it instead of
   * after ActionDeadlineSeconds; a preview keeps ActionDeadlineSeconds.
   */
  readonly timeLimitSeconds?: number;
  /** Validates and derives everything the action needs; throws InputError or ActionFailure. Sends nothing. */
  prepare(input: PrepareInput): Plan;
}

export interface OutputAction<Plan> extends ActionBase<Plan> {
  readonly kind: "output";
  execute(plan: Plan, runtime: Runtime): Promise<void>;
}

export interface ImportAction<Plan> extends ActionBase<Plan> {
  readonly kind: "import";
  records(plan: Plan, runtime: Omit<Runtime, "output">): AsyncIterable<JsonObject>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds actions of every plan type
export type AnyAction = OutputAction<any> | ImportAction<any>;

/**
 * A failure to report as an error audit log (Success false, exit 1) rather than as unusable input:
 * the input is well-formed but this person's data does not allow the action.
 */
export class ActionFailure extends Error {}
