// Item 1: the Exchange round trips of every action in its common case, counted from the simulator's request
// log, beside the fewest the job allows and the PowerShell connector's count for the same script.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateTenant, type Simulator, startSimulator } from "../src/simulator/index.js";
import { listedActions } from "./actionList.js";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import { countRequests, describeSequence, type RequestCounts } from "./requestStats.js";
import { allScenarios, BENCH_TENANT, evaluate, type Scenario, ScenarioContext } from "./scenarios.js";
import { auditMessages, type InProcessRun, type RunInput, runInProcess } from "./support/inProcess.js";
import { primeTokenCache } from "./support/tokenCache.js";

/** Public figures (docs/EXCHANGE-API.md, 'Latency') for the PowerShell estimate. */
export const PS_CONNECT_S = 7.87;
export const PS_FIRST_CALL_S = 1;
export const PS_PER_CALL_S = 0.75;
/** Token request (v1 endpoint) + Connect-ExchangeOnline's EXOModuleFile download. */
export const PS_CONNECT_ROUND_TRIPS = 2;

export interface Measured {
  action: string;
  scenario?: Scenario;
  counts?: RequestCounts;
  run?: InProcessRun;
  /** Why there is no figure, or why it is suspect. */
  problem?: string;
  /** The same scenario again with a warm token cache. */
  warm?: Measured;
}

/** Actions whose job is one cmdlet: with a warm token cache, that one request is all. */
const ONE_REQUEST_WHEN_WARM = ["disable", "enable", "groups/grantPermission", "groups/revokePermission"];

/**
 * Runs one scenario against the simulator and counts what reached it; with `tokenCache`, a directory where an
 * earlier process left the run's token (a warm token cache).
 */
export async function measureScenario(
  simulator: Simulator,
  action: string,
  scenario: Scenario,
  tokenCache?: string,
): Promise<Measured> {
  const context = new ScenarioContext(simulator);
  try {
    const input = await asProcess(simulator, await scenario.prepare(context), tokenCache);
    simulator.clearLog();
    const run = await runInProcess(simulator, action, input);
    const counts = countRequests(simulator.requestLog);
    return { action, scenario, counts, run, problem: checkRun(scenario, run) };
  } catch (error) {
    return { action, scenario, problem: `scenario failed: ${(error as Error).message}` };
  }
}

/**
 * The input with an app registration of its own: the client shares its token cache process-wide (one token
 * per process), so a fresh app makes the run request its token as a fresh CLI process does.
 */
export function asNewProcess(simulator: Simulator, input: RunInput): RunInput {
  const app = { appId: randomUUID(), secret: `bench-${randomUUID()}` };
  simulator.apps.push(app);
  const actionContext = input.actionContext ?? {};
  const configuration = (actionContext.Configuration as Record<string, unknown> | undefined) ?? {};
  return {
    ...input,
    actionContext: {
      ...actionContext,
      Configuration: { ...configuration, AppId: app.appId, AppSecret: app.secret },
    },
  };
}

/** asNewProcess, and with a token cache directory, one that holds the new app's token. */
export async function asProcess(
  simulator: Simulator,
  input: RunInput,
  tokenCache: string | undefined,
): Promise<RunInput> {
  const fresh = asNewProcess(simulator, input);
  if (tokenCache === undefined) return fresh;
  const configuration = (fresh.actionContext?.Configuration ?? {}) as { AppId: string; AppSecret: string };
  await primeTokenCache(
    simulator,
    { appId: configuration.AppId, secret: configuration.AppSecret },
    tokenCache,
  );
  return {
    ...fresh,
    actionContext: {
      ...fresh.actionContext,
      Configuration: { ...configuration, TokenCache: true, TokenCacheDirectory: tokenCache },
    },
  };
}

function checkRun(scenario: Scenario, run: InProcessRun): string | undefined {
  if (run.exitCode !== 0) {
    const errors = auditMessages(run.output).join(" ");
    return `exit ${run.exitCode}: ${errors || run.stderr.split("\n")[0]}`.slice(0, 200);
  }
  if (scenario.expect && !auditMessages(run.output).some((message) => scenario.expect?.test(message))) {
    return `not the common case: ${auditMessages(run.output).join(" / ").slice(0, 200)}`;
  }
  return undefined;
}

export async function startBenchSimulator(latencyMs = 0): Promise<Simulator> {
  return startSimulator({ tenant: generateTenant(BENCH_TENANT), latencyMs });
}

function powerShellTotal(scenario: Scenario, counts: RequestCounts): number | undefined {
  const cmdlets = scenario.powershell.cmdlets;
  if (cmdlets === undefined) return undefined;
  return evaluate(cmdlets, counts) + (scenario.powershell.connects ? PS_CONNECT_ROUND_TRIPS : 0);
}

function powerShellSeconds(scenario: Scenario, counts: RequestCounts): number | undefined {
  const cmdlets = scenario.powershell.cmdlets;
  if (cmdlets === undefined) return undefined;
  const n = evaluate(cmdlets, counts);
  if (!scenario.powershell.connects) return 0;
  return PS_CONNECT_S + (n > 0 ? PS_FIRST_CALL_S + PS_PER_CALL_S * (n - 1) : 0);
}

export async function roundTripsBenchmark(): Promise<{ section: Section; measured: Measured[] }> {
  const scenarios = allScenarios();
  const actions = listedActions();
  const simulator = await startBenchSimulator();
  const tokenCache = mkdtempSync(join(tmpdir(), "exo-bench-tokens-"));
  const measured: Measured[] = [];
  try {
    for (const action of actions) {
      const scenario = scenarios[action];
      if (!scenario) {
        measured.push({ action, problem: "not measured: no scenario for this action yet" });
        continue;
      }
      const cold = await measureScenario(simulator, action, scenario);
      measured.push({ ...cold, warm: await measureScenario(simulator, action, scenario, tokenCache) });
    }
  } finally {
    rmSync(tokenCache, { recursive: true, force: true });
    await simulator.close();
  }
  return { section: render(measured, actions), measured };
}

function render(measured: Measured[], actions: readonly string[]): Section {
  const rows: string[][] = [];
  let atMinimum = 0;
  let countedActions = 0;
  const above: string[] = [];
  let oursTotal = 0;
  let psTotal = 0;
  let coldTotal = 0;
  let warmTotal = 0;
  for (const m of measured) {
    if (!m.scenario || !m.counts) {
      rows.push([`\`${m.action}\``, "–", "–", "–", "–", "–", "–", "–", m.problem ?? ""]);
      continue;
    }
    const { counts, scenario } = m;
    countedActions += 1;
    const minimum = evaluate(scenario.minimum, counts);
    const ps = powerShellTotal(scenario, counts);
    const psSeconds = powerShellSeconds(scenario, counts);
    coldTotal += counts.http;
    if (counts.http <= minimum) atMinimum += 1;
    else above.push(m.action);
    if (ps !== undefined) {
      oursTotal += counts.http;
      psTotal += ps;
    }
    const breakdown = [
      `token ${counts.token}`,
      `reads ${counts.invokeReads}`,
      `writes ${counts.invokeWrites}`,
      counts.batch > 0 ? `$batch ${counts.batch} (${counts.batchItems} cmdlets)` : "",
    ]
      .filter(Boolean)
      .join(", ");
    const warm = m.warm?.counts;
    if (warm) warmTotal += warm.http;
    rows.push([
      `\`${m.action}\``,
      scenario.description,
      `**${counts.http}**${counts.http > minimum ? " ⚠" : ""}`,
      warm ? `**${warm.http}** (token ${warm.token})` : `– ${m.warm?.problem ?? ""}`,
      `${breakdown}<br>${describeSequence(counts.sequence)}`,
      `${minimum}: ${scenario.why}`,
      ps === undefined
        ? `– (${scenario.powershell.detail})`
        : `${ps}${scenario.powershell.connects ? ` = ${PS_CONNECT_ROUND_TRIPS} + ${ps - PS_CONNECT_ROUND_TRIPS}` : ""}: ${scenario.powershell.detail} (${scenario.powershell.source})`,
      psSeconds === undefined
        ? "–"
        : `${psSeconds.toFixed(1)} s vs ${(counts.http * PS_PER_CALL_S).toFixed(1)} s`,
      [m.problem, m.warm?.problem && `warm: ${m.warm.problem}`].filter(Boolean).join("; "),
    ]);
  }
  const unmeasured = measured.filter((m) => !m.counts).map((m) => m.action);
  const body = [
    `Every action of \`exo-connector actions\` (${actions.length}), run once in its common case through \`runAction\` (what the CLI calls) against one simulator with a generated tenant (${BENCH_TENANT.users} users, ${BENCH_TENANT.sharedMailboxes} shared mailboxes, ${BENCH_TENANT.groups} groups, ${BENCH_TENANT.departments} departments). Counts come from the simulator's request log: **round trips** are HTTP requests (token, InvokeCommand, \`$batch\`; each page counts; a \`$batch\` counts once however many cmdlets it carries). No discovery request is ever sent (MSAL is handed the authority metadata). Each action runs twice, each time as a new process would (an app registration of its own): with a **cold token cache** (the token requested first) and with a **warm** one (another process left the app's token in the cache directory: no token request). Over all ${countedActions} actions: **${coldTotal}** round trips cold, **${warmTotal}** warm.`,
    "",
    `PowerShell: the Tools4ever connector's script for the same case (Tools4everBV/HelloID-Conn-Prov-Target-ExchangeOnline; the source column names it), from its code: every connecting script adds **${PS_CONNECT_ROUND_TRIPS} round trips** (token from the v1 endpoint; \`Connect-ExchangeOnline -AccessToken\` downloading the generated module \`GET …/EXOModuleFile\`: \`docs/HELLOID-CONTRACT.md\`, "The PowerShell connector's calls") to its cmdlets (one round trip each; \`Disconnect-ExchangeOnline\` is local [I]), besides seconds of \`Import-Module\`. The time column estimates both at the public figures of \`docs/EXCHANGE-API.md\`, "Latency" — PowerShell: ${PS_CONNECT_S} s for Connect-ExchangeOnline, ${PS_FIRST_CALL_S} s for the first cmdlet, ${PS_PER_CALL_S} s for each further one; ours: ${PS_PER_CALL_S} s per round trip — estimates, not measurements.`,
    "",
    `⚠ marks a count above the minimum the job allows. Summary: **${atMinimum} of ${countedActions}** measured actions at the minimum${above.length ? `; above it: ${above.map((a) => `\`${a}\``).join(", ")}` : ""}${unmeasured.length ? `; not measured: ${unmeasured.map((a) => `\`${a}\``).join(", ")}` : ""}. Over the actions both connectors have, ours make **${oursTotal}** round trips where the PowerShell scripts make **${psTotal}**.`,
    "",
    table(
      [
        "action",
        "common case",
        "round trips (cold token cache)",
        "with a warm token cache",
        "breakdown and sequence (cold)",
        "minimum the job allows",
        "PowerShell connector (round trips = connect + cmdlets)",
        "est. time at public figures (PowerShell vs ours)",
        "note",
      ],
      rows,
    ),
  ].join("\n");
  const oneRequest = ONE_REQUEST_WHEN_WARM.map((action) => ({
    action,
    http: measured.find((m) => m.action === action)?.warm?.counts?.http,
  }));
  const targets: Target[] = [
    {
      name: "HTTPS requests with a warm token cache: disable, enable, groups grant and revoke",
      goal: "1 each",
      measured: oneRequest.map((o) => `${o.action} ${o.http ?? "–"}`).join(", "),
      met: oneRequest.every((o) => o.http === 1),
    },
    {
      name: "round trips per action (common case)",
      goal: "the minimum the job allows, every action",
      measured: `${atMinimum}/${countedActions} at the minimum${unmeasured.length ? `, ${unmeasured.length} not measured` : ""}`,
      met: above.length === 0 && unmeasured.length === 0 && measured.every((m) => !m.problem),
      note: above.length ? `above: ${above.join(", ")}` : undefined,
    },
    {
      name: "round trips, ours vs PowerShell (sum over comparable actions)",
      goal: "fewer",
      measured: `${oursTotal} vs ${psTotal}`,
      met: undefined,
    },
  ];
  return { id: "round-trips", title: "1. Round trips per action", body, targets };
}
