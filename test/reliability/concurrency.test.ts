// Concurrency. Two runs granting and revoking the same permission at the same time (in-process,
// and as two CLI processes) end consistent with the last intent: the tenant holds the right exactly when the
// last write Exchange executed was a grant, never twice; and each report is honest — "Granted"/"Revoked"
// when its write changed something at the moment Exchange executed it, "Skipped" when it did not. A
// variant with faults (resets after the server acted, 429s, 5xx) checks consistency and honest failures.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { type RequestLogEntry, Tenant } from "../../src/simulator/index.js";
import { Random } from "./support/random.js";
import { LARGE, REPLAY_SEED, replayHint, runs, size } from "./support/scale.js";
import { STACK_TRACE, Transcript } from "./support/transcript.js";
import { type Outcome, type RunInput, startWorld, type World } from "./support/world.js";

const SUITE = "concurrency";
const ROUNDS = runs(40, 400);
const CLI_ROUNDS = size(3, 12);
const BASE_SEED = 9_006_000;

type Verb = "grant" | "revoke";

interface Target {
  name: string;
  action(verb: Verb): string;
  input(verb: Verb, person: string): RunInput;
  held(person: string): boolean;
  /** Times the person holds the right (2 = granted twice). */
  count(person: string): number;
  /** The verb of an executed write of this target, or undefined for other requests. */
  verbOf(entry: RequestLogEntry): Verb | undefined;
}

const transcript = new Transcript(SUITE);
const figures = { rounds: 0, runs: 0, cliRuns: 0, faultRounds: 0, writes: 0, skipped: 0 };
let world: World;
let targets: Target[];
let persons: string[];

before(async () => {
  const tenant = Tenant.create({
    tenantId: "c1c2c3c4-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  persons = Array.from(
    { length: 3 },
    (_, i) => tenant.addUserMailbox({ userPrincipalName: `race${i}@contoso.com` }).guid,
  );
  const shared = tenant.addSharedMailbox({ name: "Race Room" });
  const group = tenant.addDistributionGroup({ name: "Race Group" });
  const mailbox = () => tenant.findRecipient(shared.guid) as typeof shared;
  const groupRecord = () => tenant.findRecipient(group.guid) as typeof group;
  const occurrences = (list: readonly string[], person: string) => list.filter((g) => g === person).length;
  const params = (entry: RequestLogEntry) => entry.parameters ?? {};
  const mailboxRight = (
    right: "FullAccess" | "SendAs" | "SendOnBehalf",
    count: (person: string) => number,
    verbOf: Target["verbOf"],
  ): Target => ({
    name: right,
    action: (verb) => `sharedMailboxesSeparate/${verb}Permission`,
    input: (_verb, person) => ({
      actionContext: {
        References: { Account: person, Permission: { Id: shared.guid, Permission: right } },
        PermissionDisplayName: "Race Room",
      },
    }),
    held: (person) => count(person) > 0,
    count,
    verbOf,
  });
  targets = [
    {
      name: "group membership",
      action: (verb) => `groups/${verb}Permission`,
      input: (_verb, person) => ({
        actionContext: { References: { Account: person, Permission: { Id: group.guid } } },
      }),
      held: (person) => groupRecord().members.includes(person),
      count: (person) => occurrences(groupRecord().members, person),
      verbOf: (entry) =>
        entry.cmdlet === "Add-DistributionGroupMember"
          ? "grant"
          : entry.cmdlet === "Remove-DistributionGroupMember"
            ? "revoke"
            : undefined,
    },
    mailboxRight(
      "FullAccess",
      (person) =>
        occurrences(
          mailbox().fullAccess.map((ace) => ace.trustee),
          person,
        ),
      (entry) =>
        entry.cmdlet === "Add-MailboxPermission"
          ? "grant"
          : entry.cmdlet === "Remove-MailboxPermission"
            ? "revoke"
            : undefined,
    ),
    mailboxRight(
      "SendAs",
      (person) => occurrences(mailbox().sendAs, person),
      (entry) =>
        entry.cmdlet === "Add-RecipientPermission"
          ? "grant"
          : entry.cmdlet === "Remove-RecipientPermission"
            ? "revoke"
            : undefined,
    ),
    mailboxRight(
      "SendOnBehalf",
      (person) => occurrences(mailbox().grantSendOnBehalfTo, person),
      (entry) => {
        const edit = params(entry).GrantSendOnBehalfTo;
        if (entry.cmdlet !== "Set-Mailbox" || typeof edit !== "object" || edit === null) return undefined;
        const keys = Object.keys(edit).map((key) => key.toLowerCase());
        return keys.includes("add") ? "grant" : keys.includes("remove") ? "revoke" : undefined;
      },
    ),
  ];
  world = await startWorld(transcript, tenant);
});

after(async () => {
  await world.close();
  transcript.save();
  console.log(
    `[reliability] concurrency${LARGE ? " (large)" : ""}: ${figures.rounds} rounds of two concurrent runs (${figures.runs} in-process runs, ${figures.cliRuns} CLI processes, ${figures.faultRounds} rounds with faults), ${figures.writes} writes executed, ${figures.skipped} honest "Skipped" reports`,
  );
  assert.deepEqual(transcript.leaks(), []);
});

const audits = (outcome: Outcome) =>
  (outcome.output.AuditLogs ?? []).map((log: { Message: string }) => log.Message).join(" | ");

/** What a report says its write did. */
function reported(outcome: Outcome, verb: Verb): "changed" | "unchanged" | "failed" {
  if (outcome.exitCode !== 0) return "failed";
  const text = audits(outcome);
  if (new RegExp(`^${verb === "grant" ? "Granted" : "Revoked"} `).test(text)) return "changed";
  if (/^Skipped /.test(text)) return "unchanged";
  throw new Error(`unrecognised report: ${text}`);
}

interface Race {
  target: Target;
  person: string;
  verbs: [Verb, Verb];
  outcomes: [
    Outcome | { exitCode: number | null; stdout: string; stderr: string },
    Outcome | { exitCode: number | null; stdout: string; stderr: string },
  ];
}

/**
 * Consistency: the right is held exactly when the last executed write was a grant (or, with no write, as before),
 * and never twice. Honesty (without faults): replaying the writes in the order Exchange executed them gives,
 * per verb, the same "changed"/"unchanged" answers the reports give.
 */
function judge(
  race: Race,
  before: boolean,
  writes: { verb: Verb; seq: number }[],
  faults: boolean,
): string[] {
  const { target, person, verbs } = race;
  const problems: string[] = [];
  const after = target.held(person);
  const last = writes.at(-1);
  const expected = last ? last.verb === "grant" : before;
  if (after !== expected)
    problems.push(
      `held ${after}, but the last executed write was ${last?.verb ?? "none"} (before: ${before})`,
    );
  if (target.count(person) > 1) problems.push(`granted ${target.count(person)} times`);
  for (const outcome of race.outcomes) {
    if (STACK_TRACE.test(outcome.stdout)) problems.push("a stack trace on stdout");
    if (outcome.exitCode !== 0 && !(faults && outcome.exitCode === 1))
      problems.push(
        `exit ${outcome.exitCode}: ${outcome.stdout.slice(0, 300)} ${outcome.stderr.slice(0, 300)}`,
      );
  }
  if (faults) return problems;
  let state = before;
  const replayed: Record<Verb, string[]> = { grant: [], revoke: [] };
  for (const write of writes) {
    const changes = write.verb === "grant" ? !state : state;
    replayed[write.verb].push(changes ? "changed" : "unchanged");
    state = write.verb === "grant";
  }
  const said: Record<Verb, string[]> = { grant: [], revoke: [] };
  race.outcomes.forEach((outcome, i) => {
    const verb = verbs[i] as Verb;
    said[verb].push(
      reported(JSON.parse(JSON.stringify({ ...outcome, output: parse(outcome) })) as Outcome, verb),
    );
  });
  for (const verb of ["grant", "revoke"] as const) {
    if (replayed[verb].sort().join() !== said[verb].sort().join()) {
      problems.push(
        `${verb}: Exchange's order gives [${replayed[verb]}] but the reports say [${said[verb]}]`,
      );
    }
  }
  return problems;
}

function parse(outcome: { stdout: string; output?: unknown }): unknown {
  if ("output" in outcome && outcome.output) return outcome.output;
  try {
    return JSON.parse(outcome.stdout.split("\n")[0] ?? "");
  } catch {
    return {};
  }
}

function executedWrites(target: Target, fromSeq: number): { verb: Verb; seq: number }[] {
  return world.simulator.requestLog
    .filter((entry) => entry.seq >= fromSeq && entry.executed && entry.isWrite)
    .map((entry) => ({ verb: target.verbOf(entry), seq: entry.seq }))
    .filter((write): write is { verb: Verb; seq: number } => write.verb !== undefined)
    .sort((a, b) => a.seq - b.seq);
}

const nextSeq = () => world.simulator.requestLog.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1;

async function round(random: Random, faults: boolean): Promise<string[]> {
  const target = random.pick(targets);
  const person = random.pick(persons);
  const verbs: [Verb, Verb] = [
    random.pick(["grant", "revoke"] as const),
    random.pick(["grant", "revoke"] as const),
  ];
  const before = target.held(person);
  world.simulator.clearLog();
  const fromSeq = nextSeq();
  if (faults) {
    world.simulator.faults.add({
      match: { cmdlet: /^(Add|Remove|Set)-/ },
      times: random.int(1, 2),
      fault: random.pick([
        { type: "reset", phase: "after" } as const,
        { type: "throttle", retryAfterSeconds: 0.05 } as const,
        { type: "status", status: 503 } as const,
      ]),
    });
  }
  const gap = random.int(0, 25);
  const outcomes = (await Promise.all(
    verbs.map(async (verb, i) => {
      if (i === 1 && gap > 0) await sleep(gap);
      return world.run(target.action(verb), target.input(verb, person));
    }),
  )) as [Outcome, Outcome];
  world.simulator.faults.rules.length = 0;
  figures.runs += 2;
  figures.rounds += 1;
  const writes = executedWrites(target, fromSeq);
  figures.writes += writes.length;
  figures.skipped += outcomes.filter((o) => /^Skipped/.test(audits(o))).length;
  const problems = judge({ target, person, verbs, outcomes }, before, writes, faults);
  if (problems.length > 0) {
    return [
      `${target.name} ${verbs.join("/")} (gap ${gap} ms, before ${before}): ${problems.join("; ")}\n    ${outcomes.map(audits).join("\n    ")}`,
    ];
  }
  // HelloID's next evaluation re-applies the last intent; it lands, and says so.
  const last = verbs[gap > 0 ? 1 : random.int(0, 1)] as Verb;
  const settle = await world.run(target.action(last), target.input(last, person));
  figures.runs += 1;
  if (settle.exitCode !== 0 || target.held(person) !== (last === "grant")) {
    return [`${target.name}: re-running ${last} did not settle: ${audits(settle)}`];
  }
  return [];
}

describe("two runs on the same permission at once", () => {
  for (const [label, faults] of [
    ["without faults: consistent and honest", false],
    ["with faults: consistent, failures honest", true],
  ] as const) {
    it(label, async () => {
      const seed = (REPLAY_SEED ?? BASE_SEED) + (faults ? 1 : 0);
      const random = new Random(seed);
      const count = faults ? Math.ceil(ROUNDS / 2) : ROUNDS;
      for (let i = 0; i < count; i++) {
        if (faults) figures.faultRounds += 1;
        const problems = await round(random, faults);
        assert.deepEqual(
          problems,
          [],
          `seed ${seed}, round ${i}\n${replayHint("test/reliability/concurrency", seed)}`,
        );
      }
    });
  }

  it("two CLI processes granting and revoking at once", async () => {
    const cli = (action: string, input: RunInput) =>
      new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve) => {
        const { actionContext = {}, ...rest } = input;
        const child = spawn(process.execPath, ["dist/cli.js", "run", action], {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: world.simulator.caPath },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
        });
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
        });
        child.on("close", (exitCode) => {
          figures.cliRuns += 1;
          transcript.add(`cli ${action} stdout`, stdout);
          transcript.add(`cli ${action} stderr`, stderr);
          resolve({ exitCode, stdout, stderr });
        });
        child.stdin.end(
          JSON.stringify({
            ...rest,
            actionContext: { ...actionContext, Configuration: world.configuration() },
          }),
        );
      });
    const random = new Random((REPLAY_SEED ?? BASE_SEED) + 2);
    for (let i = 0; i < CLI_ROUNDS; i++) {
      const target = targets[i % targets.length] as Target;
      const person = random.pick(persons);
      const verbs: [Verb, Verb] = i % 2 === 0 ? ["grant", "revoke"] : ["revoke", "grant"];
      const before = target.held(person);
      world.simulator.clearLog();
      const fromSeq = nextSeq();
      const outcomes = (await Promise.all(
        verbs.map((verb) => cli(target.action(verb), target.input(verb, person))),
      )) as Race["outcomes"];
      figures.rounds += 1;
      const writes = executedWrites(target, fromSeq);
      figures.writes += writes.length;
      const problems = judge({ target, person, verbs, outcomes }, before, writes, false);
      assert.deepEqual(problems, [], `${target.name} ${verbs.join("/")}`);
    }
  });
});
