// The randomized lifecycle: a seeded generator of HelloID action sequences run through runAction against
// the simulator with faults injected, a model of the desired state kept beside it, and the invariants
// checked after every action. Families plug in their objects, steps and how to observe the tenant.
import type { Tenant } from "../../../src/simulator/index.js";
import { type FaultCounts, newCounts, scheduleFaults, settleFaults } from "./faultSchedule.js";
import { canonical, differences, Model, outsideEither, type State } from "./model.js";
import { Random } from "./random.js";
import { STACK_TRACE } from "./transcript.js";
import type { Outcome, RunInput, World } from "./world.js";

export interface Person {
  /** "p1" */
  readonly key: string;
  readonly guid: string;
  readonly upn: string;
  readonly alias: string;
  correlated: boolean;
  vanished: boolean;
  /** Counter for unique addresses. */
  serial: number;
  /** What HelloID keeps per dynamic permission: the SubPermissions the last run reported. */
  readonly current: Map<string, { DisplayName: string; Reference: Record<string, unknown> }[]>;
}

export interface Step {
  readonly label: string;
  readonly action: string;
  /** Built when the action runs (HelloID's retry sees what the failed run reported). */
  input(): RunInput;
  /** The intent, applied to a copy of the model. */
  commit(model: Model): void;
  /** Set when the action must fail even without faults (a vanished object); nothing changes then. */
  readonly expectFailure?: RegExp;
  /** HelloID's feedback after every run, successful or not (AccountReference, SubPermissions). */
  after?(outcome: Outcome): void;
  /** Extra checks of a successful report; returns what is wrong. */
  verify?(outcome: Outcome, observed: State): string | undefined;
  /** A key a failed run may leave between before and intended (a created object not yet stamped). */
  allowPartial?(key: string, actual: string | undefined): boolean;
  /** Replication delay of new objects while this step runs. */
  readonly replicationDelayMs?: number;
}

export interface StepContext {
  readonly random: Random;
  readonly persons: readonly Person[];
  readonly model: Model;
  readonly tenant: Tenant;
  /** Picks a live, correlated person (undefined when none). */
  person(options?: { vanished?: boolean }): Person | undefined;
}

export interface FamilyPlugin {
  readonly name: string;
  /** Relative frequency of this family's steps. */
  readonly weight: number;
  /** Seeds the family's objects into a fresh tenant. */
  seed(tenant: Tenant, random: Random): void;
  /** The family's part of the tenant, as model keys. */
  observe(tenant: Tenant, persons: readonly Person[], into: State): void;
  /** Problems the model cannot express (a right held twice). */
  duplicates?(tenant: Tenant): string[];
  step(context: StepContext): Step | undefined;
  /** Keys a vanished person's deletion removes from the directory (memberships…). */
  vanish?(model: Model, person: Person): void;
}

export interface SequenceFigures {
  actions: number;
  failedReports: number;
  retries: number;
  dryRuns: number;
  vanished: number;
  counts: FaultCounts;
  byAction: Record<string, number>;
}

export function newFigures(): SequenceFigures {
  return {
    actions: 0,
    failedReports: 0,
    retries: 0,
    dryRuns: 0,
    vanished: 0,
    counts: newCounts(),
    byAction: {},
  };
}

export class InvariantError extends Error {}

/** The longest replication delay steps ask for; the clock moves this much between runs. */
export const REPLICATION_MS = 1500;

export interface SequenceOptions {
  readonly world: World;
  readonly families: readonly FamilyPlugin[];
  readonly persons: Person[];
  readonly seed: number;
  readonly length: number;
  readonly faultIntensity: number;
  readonly figures: SequenceFigures;
}

/** Lets the tenant's clock jump ahead (time passing between HelloID's runs). */
function skewableClock(tenant: Tenant): { advance(ms: number): void } {
  let offset = 0;
  tenant.now = () => Date.now() + offset;
  return {
    advance: (ms) => {
      offset += ms;
    },
  };
}

function observe(families: readonly FamilyPlugin[], tenant: Tenant, persons: readonly Person[]): State {
  const state: State = new Map();
  for (const family of families) family.observe(tenant, persons, state);
  return state;
}

const show = (items: unknown[]) => items.map((item) => `    ${canonical(item)}`).join("\n");

function errorMessages(outcome: Outcome): string[] {
  if (outcome.output.Success === undefined) {
    return outcome.stderr
      .split("\n")
      .filter((line) => line.includes('"level":"error"'))
      .map((line) => JSON.parse(line).message as string);
  }
  return (outcome.output.AuditLogs ?? [])
    .filter((log: { IsError: boolean }) => log.IsError)
    .map((log: { Message: string }) => log.Message);
}

/** The report invariants every run must keep, whatever happened on the wire. */
export function checkReport(outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.exitCode !== 0 && outcome.exitCode !== 1) problems.push(`exit code ${outcome.exitCode}`);
  if (STACK_TRACE.test(outcome.stdout)) problems.push("a stack trace on stdout");
  if (/"unexpected error"/i.test(outcome.stderr))
    problems.push(`an unexpected error: ${outcome.stderr.slice(0, 600)}`);
  const isImport = outcome.output.Success === undefined;
  if (isImport && outcome.exitCode !== 0 && !/"level":"error"/.test(outcome.stderr)) {
    problems.push("an import failed without an error on stderr saying why");
  }
  if (!isImport) {
    const success = outcome.output.Success === true;
    if (success !== (outcome.exitCode === 0))
      problems.push(`Success ${success} with exit code ${outcome.exitCode}`);
    if (!success) {
      const messages = errorMessages(outcome);
      if (messages.length === 0) problems.push("Success false without an error audit saying why");
      for (const message of messages) {
        if (!message.trim()) problems.push("an empty error audit");
        if (/^Unexpected error/.test(message)) problems.push(`an unexpected error reported: ${message}`);
      }
    }
  }
  return problems;
}

/** Runs one seeded sequence; throws InvariantError with the seed and the history on the first broken invariant. */
export async function runSequence(options: SequenceOptions): Promise<void> {
  const { world, families, persons, figures } = options;
  const { simulator, tenant } = world;
  const random = new Random(options.seed);
  const clock = skewableClock(tenant);
  /** How long objects created by New-* stay invisible, for this sequence. */
  const replicationDelayMs = random.pick([0, 400, 1200]);
  let model = new Model();
  for (const [key, value] of observe(families, tenant, persons)) model.state.set(key, value);
  const history: string[] = [];

  const fail = (message: string) => {
    throw new InvariantError(`${message}\n  after:\n${history.slice(-8).join("\n")}`);
  };

  const context: StepContext = {
    random,
    persons,
    get model() {
      return model;
    },
    tenant,
    person: ({ vanished = false } = {}) => {
      const candidates = persons.filter((p) => p.correlated && (vanished || !p.vanished));
      return candidates.length === 0 ? undefined : random.pick(candidates);
    },
  };

  for (let index = 0; index < options.length; index++) {
    // A mailbox deleted outside HelloID now and then: the not-found matrix applies to it from then on.
    const live = persons.filter((p) => !p.vanished);
    if (live.length > 2 && random.chance(0.03)) {
      const gone = random.pick(live);
      tenant.removeRecipient(gone.guid);
      gone.vanished = true;
      figures.vanished += 1;
      for (const family of families) family.vanish?.(model, gone);
      history.push(`  - ${gone.key} vanished`);
      continue;
    }
    // Time passes between HelloID's runs: mostly long enough for new objects to replicate, not always.
    clock.advance(random.chance(0.7) ? REPLICATION_MS : 0);
    const family = random.weighted(families.map((f) => [f.weight, f] as const));
    const step = family.step(context);
    if (!step) continue;
    const dryRun = !step.expectFailure && random.chance(0.07);
    const withDryRun = (input: RunInput): RunInput =>
      dryRun ? { ...input, actionContext: { ...input.actionContext, DryRun: true } } : input;
    const intended = model.clone();
    if (!dryRun && !step.expectFailure) step.commit(intended);

    simulator.clearLog();
    tenant.replicationDelayMs = step.replicationDelayMs ?? replicationDelayMs;
    // A new object Exchange does not show yet makes an honest failure possible without any fault.
    const replicating = tenant
      .toState()
      .recipients.some(
        (r) => r.createdByCmdletAt !== null && tenant.now() - r.createdByCmdletAt < tenant.replicationDelayMs,
      );
    const faults = scheduleFaults(simulator, random, figures.counts, options.faultIntensity);
    const outcome = await world.run(step.action, withDryRun(step.input()));
    settleFaults(simulator, figures.counts, 0);
    figures.actions += 1;
    figures.byAction[step.action] = (figures.byAction[step.action] ?? 0) + 1;
    const success = outcome.exitCode === 0;
    history.push(
      `  - ${step.label}${dryRun ? " (DryRun)" : ""} faults [${faults.map((r) => `${r.fault.type}${"phase" in r.fault ? `:${r.fault.phase}` : ""}x${r.times}`).join(", ")}] -> exit ${outcome.exitCode}: ${(
        outcome.output.AuditLogs ?? []
      )
        .map((l: { Message: string }) => l.Message)
        .join(" | ")
        .slice(0, 400)}`,
    );
    // HelloID keeps nothing of a preview.
    if (!dryRun) step.after?.(outcome);

    const problems = checkReport(outcome);
    if (problems.length > 0) fail(`${step.label}: ${problems.join("; ")}`);
    for (const family of families) {
      const duplicates = family.duplicates?.(tenant) ?? [];
      if (duplicates.length > 0) fail(`${step.label}: granted twice: ${duplicates.join("; ")}`);
    }
    const observed = observe(families, tenant, persons);

    if (dryRun) {
      figures.dryRuns += 1;
      const writes = outcome.requests.filter((e) => e.isWrite && e.executed);
      if (writes.length > 0)
        fail(`${step.label} in DryRun executed ${writes.map((w) => w.cmdlet).join(", ")}`);
      const diff = differences(observed, model.state);
      if (diff.length > 0) fail(`${step.label} in DryRun changed the tenant:\n${show(diff)}`);
      continue;
    }

    if (step.expectFailure) {
      // Faults may stop it earlier, but it can never succeed, and it changes nothing.
      if (success) fail(`${step.label} reported Success true; it must fail (${step.expectFailure})`);
      const diff = differences(observed, model.state);
      if (diff.length > 0) fail(`${step.label} failed but changed the tenant:\n${show(diff)}`);
      if (
        faults.length === 0 &&
        !replicating &&
        !errorMessages(outcome).some((m) => step.expectFailure?.test(m))
      ) {
        fail(
          `${step.label} failed without saying ${step.expectFailure}: ${errorMessages(outcome).join(" | ")}`,
        );
      }
      continue;
    }

    if (success) {
      const diff = differences(observed, intended.state);
      if (diff.length > 0)
        fail(`${step.label} reported Success true but the tenant is not as intended:\n${show(diff)}`);
      const wrong = step.verify?.(outcome, observed);
      if (wrong) fail(`${step.label}: ${wrong}`);
      model = intended;
      continue;
    }

    // Success false: honest only if each key is as before or as intended; HelloID retries later.
    figures.failedReports += 1;
    if (faults.length === 0 && !replicating)
      fail(`${step.label} failed without any fault: ${errorMessages(outcome).join(" | ")}`);
    const partial = outsideEither(observed, model.state, intended.state).filter(
      ({ key, actual }) => !step.allowPartial?.(key, actual),
    );
    if (partial.length > 0)
      fail(`${step.label} failed and left state that is neither before nor intended:\n${show(partial)}`);
    figures.retries += 1;
    simulator.clearLog();
    // HelloID retries later: by then Exchange has replicated what the failed run created.
    clock.advance(REPLICATION_MS);
    const retry = await world.run(step.action, step.input());
    figures.actions += 1;
    history.push(
      `  - retry ${step.label} -> exit ${retry.exitCode}: ${(retry.output.AuditLogs ?? [])
        .map((l: { Message: string }) => l.Message)
        .join(" | ")
        .slice(0, 400)}`,
    );
    step.after?.(retry);
    const retryProblems = checkReport(retry);
    if (retryProblems.length > 0) fail(`retry of ${step.label}: ${retryProblems.join("; ")}`);
    if (retry.exitCode !== 0)
      fail(`retry of ${step.label} without faults failed: ${errorMessages(retry).join(" | ")}`);
    const after = observe(families, tenant, persons);
    const diff = differences(after, intended.state);
    if (diff.length > 0)
      fail(`retry of ${step.label} reported Success true but the tenant is not as intended:\n${show(diff)}`);
    model = intended;
  }

  // The end: the tenant equals the model — nothing lost, nothing left behind.
  const diff = differences(observe(families, tenant, persons), model.state);
  if (diff.length > 0) fail(`at the end of the sequence the tenant differs from the model:\n${show(diff)}`);
}
