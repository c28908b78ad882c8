// Section 6: the large permission listing through the generated HelloID script in PowerShell 7 (the test
// suite's HelloID runtime stand-in, test/powershell/host.ps1, in a PowerShell process of its own), beside the
// same listing run directly: time, PowerShell's peak memory and the connector's. The simulator runs in its own
// process, as in section 4.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { runScript, type ScriptRun } from "../test/support/helloidRuntime.js";
import { startServe } from "../test/support/serveProcess.js";
import { CLI, ROOT, runNode } from "./processes.js";
import { type Section, type Target, table } from "./report.js";
import { startRemoteSimulator } from "./simulatorClient.js";
import { count, mb, median, ms, seconds } from "./stats.js";

const PRELOAD = join(ROOT, "bench", "support", "maxrss.cjs");
const ACTION = "sharedMailboxes/permissions";
const RSS_TARGET_MB = 200;
/** The shim's own limit for a retrieve-permissions script (HelloID's is 15 minutes). */
const SHIM_LIMIT_SECONDS = 870;
/** Paired runs of `disable` for the shim's own overhead. */
const OVERHEAD_RUNS = 9;

/** The peak RSS (kB) the preload wrote for the connector process the shim started. */
function connectorPeakKb(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  return Number(readFileSync(file, "utf8").split(" ")[0]);
}

export async function powerShellBenchmark(sizes: { permissionsMailboxes: number }): Promise<Section> {
  const work = mkdtempSync(join(tmpdir(), "exo-bench-pwsh-"));
  const folder = join(work, "package");
  execFileSync(process.execPath, [CLI, "package", "--out", folder], { stdio: "pipe" });
  const connector = join(folder, "connector", "exo-connector.mjs");
  const script = join(folder, "permissions", "sharedMailboxes", "permissions.ps1");

  const simulator = await startRemoteSimulator({
    generate: { seed: 11, users: 0, sharedMailboxes: sizes.permissionsMailboxes, groups: 0 },
    fixtures: 1,
  });
  try {
    const contexts = {
      actionContext: {
        Configuration: { ...simulator.configuration, ConnectorPath: connector },
        DryRun: false,
      },
    };
    const direct = await runNode([connector, "run", ACTION], {
      env: simulator.env,
      input: JSON.stringify(contexts),
      keepStdout: false,
      timeoutMs: 600_000,
    });
    if (direct.exitCode !== 0)
      throw new Error(`direct run: exit ${direct.exitCode}: ${direct.stderr.slice(0, 400)}`);

    const agent = {
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
      NODE_EXTRA_CA_CERTS: String(simulator.env.NODE_EXTRA_CA_CERTS),
    };
    // PowerShell's own footprint: the same host running a script that does nothing.
    const idle = await runScript(join(ROOT, "bench", "support", "empty.ps1"), contexts, {
      isolated: true,
      env: agent,
    });
    const rssFile = join(work, "connector.maxrss");
    const started = performance.now();
    const shim: ScriptRun = await runScript(script, contexts, {
      isolated: true,
      env: { ...agent, NODE_OPTIONS: `--require ${PRELOAD}`, BENCH_MAXRSS_FILE: rssFile },
    });
    const wallMs = performance.now() - started;
    const listed = shim.outputContext.Permissions.length;
    if (shim.outputContext.Success !== true || listed !== sizes.permissionsMailboxes) {
      throw new Error(
        `the shim listed ${listed} permissions: ${JSON.stringify(shim.outputContext.AuditLogs)}`,
      );
    }
    const connectorKb = connectorPeakKb(rssFile);
    const rows = [
      ["`exo-connector run` directly", seconds(direct.wallMs), "–", `**${mb(direct.maxRssKb)}**`, "–"],
      [
        "the generated `permissions.ps1` in PowerShell 7.6.10",
        `${seconds(shim.durationMs)} (host process: ${seconds(wallMs)})`,
        `**${mb(shim.peakRssKb ?? undefined)}** (idle host: ${mb(idle.peakRssKb ?? undefined)})`,
        `**${mb(connectorKb)}**`,
        `${count(listed)} in \`$outputContext.Permissions\``,
      ],
    ];
    const targets: Target[] = [
      {
        name: `${ACTION} over ${count(sizes.permissionsMailboxes)} shared mailboxes through the shim in PowerShell`,
        goal: `within the shim's ${SHIM_LIMIT_SECONDS} s limit (HelloID: 15 min)`,
        measured: `${seconds(shim.durationMs)} (direct ${seconds(direct.wallMs)})`,
        met: shim.durationMs / 1000 < SHIM_LIMIT_SECONDS,
      },
      {
        name: `connector peak RSS under the shim, ${count(sizes.permissionsMailboxes)} shared mailboxes`,
        goal: `≤ ${RSS_TARGET_MB} MB`,
        measured: mb(connectorKb),
        met: connectorKb !== undefined && connectorKb / 1024 <= RSS_TARGET_MB,
      },
      {
        name: `PowerShell peak RSS, ${count(sizes.permissionsMailboxes)} permissions in $outputContext`,
        goal: "reported",
        measured: `${mb(shim.peakRssKb ?? undefined)} (idle ${mb(idle.peakRssKb ?? undefined)})`,
        met: undefined,
      },
    ];
    const overhead = await shimOverhead(folder, connector, agent);
    rows.push([
      `\`disable.ps1\` vs \`run disable\`, warm token cache (median of ${OVERHEAD_RUNS})`,
      `${ms(overhead.shimMs)} vs ${ms(overhead.directMs)}: the shim adds **${ms(overhead.shimMs - overhead.directMs)}**`,
      "–",
      "–",
      "1 HTTPS request each",
    ]);
    rows.push([
      "`disable.ps1` posting to `exo-connector serve` (`ConnectorUrl`, loopback HTTP; median of " +
        OVERHEAD_RUNS +
        ")",
      `${ms(overhead.serviceMs)}: no Node.js start on the agent`,
      "–",
      "–",
      "1 HTTPS request to Exchange",
    ]);
    targets.push({
      name: "the shim's own overhead on `disable` (PowerShell runs the script, Node runs the connector)",
      goal: "reported",
      measured: `${ms(overhead.shimMs - overhead.directMs)} (shim ${ms(overhead.shimMs)}, direct ${ms(overhead.directMs)})`,
      met: undefined,
    });
    targets.push({
      name: "`disable.ps1` through the connector service (the cloud agent's way)",
      goal: "reported",
      measured: `${ms(overhead.serviceMs)} (starting Node.js: ${ms(overhead.shimMs)})`,
      met: undefined,
    });
    const body = [
      `\`${ACTION}\` over ${count(sizes.permissionsMailboxes)} generated shared mailboxes. Directly: a cold \`node exo-connector.mjs run\` of the package, stdout counted through a pipe. Through the shim: the package's \`permissions.ps1\` run by the test suite's HelloID runtime stand-in (\`test/powershell/host.ps1\`) in a PowerShell 7.6.10 process of its own, which starts the same connector file; the script's time is from the start of the script to its end (the host's own start-up and its writing of the result are in the second figure). PowerShell's peak is the host's \`VmHWM\` after the script ran (it holds the contexts and the ${count(listed)} permission hashtables); the connector's is \`process.resourceUsage().maxRSS\` by a \`--require\` preload.`,
      "",
      table(["run", "time", "PowerShell peak RSS", "connector peak RSS", "output"], rows),
    ].join("\n");
    return { id: "powershell", title: "6. Through PowerShell", body, targets };
  } finally {
    await simulator.close();
  }
}

/**
 * The time the generated script adds around the connector: `disable.ps1` in PowerShell (script time, as the
 * agent's already-running PowerShell pays it) against `node exo-connector.mjs run disable`, both with a warm
 * token cache, so each run is one HTTPS request; and `disable.ps1` posting to the package's connector run as a
 * service (its token in memory).
 */
async function shimOverhead(
  folder: string,
  connector: string,
  agent: Record<string, string>,
): Promise<{ shimMs: number; directMs: number; serviceMs: number }> {
  const simulator = await startRemoteSimulator({
    generate: { seed: 12, users: 3 * OVERHEAD_RUNS + 3, sharedMailboxes: 0, groups: 0 },
    fixtures: 3 * OVERHEAD_RUNS + 3,
  });
  const apiKey = "bench-key-0123456789abcdef";
  const serve = await startServe(connector, [], {
    EXO_CONNECTOR_API_KEYS: apiKey,
    NODE_EXTRA_CA_CERTS: String(simulator.env.NODE_EXTRA_CA_CERTS),
  });
  try {
    const cache = mkdtempSync(join(tmpdir(), "exo-bench-shim-cache-"));
    const contexts = (account: string) => ({
      actionContext: {
        Configuration: {
          ...simulator.configuration,
          ConnectorPath: connector,
          TokenCache: true,
          TokenCacheDirectory: cache,
        },
        DryRun: false,
        References: { Account: account },
        Data: { HiddenFromAddressListsEnabled: "true" },
      },
    });
    const users = simulator.fixtures.users;
    const env = { ...agent, NODE_EXTRA_CA_CERTS: String(simulator.env.NODE_EXTRA_CA_CERTS) };
    const script = join(folder, "disable.ps1");
    // Warms the token cache, the simulator and the OS file cache; not counted.
    await runNode([connector, "run", "disable"], {
      env: simulator.env,
      input: JSON.stringify(contexts(String(users[0]))),
    });
    await runScript(script, contexts(String(users[1])), { env });
    const onService = (account: string) => {
      const input = contexts(account);
      Object.assign(input.actionContext.Configuration, {
        ConnectorUrl: serve.listening,
        ConnectorApiKey: apiKey,
      });
      return input;
    };
    await runScript(script, onService(String(users[2])), { env });
    const shim: number[] = [];
    const direct: number[] = [];
    const service: number[] = [];
    for (let i = 0; i < OVERHEAD_RUNS; i++) {
      const viaService = await runScript(script, onService(String(users[3 + 3 * i])), { env });
      if (viaService.outputContext.Success !== true) throw new Error("disable.ps1 failed on the service");
      service.push(viaService.durationMs);
      const viaShim = await runScript(script, contexts(String(users[4 + 3 * i])), { env });
      if (viaShim.outputContext.Success !== true) throw new Error("disable.ps1 failed in the overhead run");
      shim.push(viaShim.durationMs);
      const viaNode = await runNode([connector, "run", "disable"], {
        env: simulator.env,
        input: JSON.stringify(contexts(String(users[5 + 3 * i]))),
      });
      if (viaNode.exitCode !== 0) throw new Error(`run disable: exit ${viaNode.exitCode}`);
      direct.push(viaNode.wallMs);
    }
    return { shimMs: median(shim), directMs: median(direct), serviceMs: median(service) };
  } finally {
    await serve.stop();
    await simulator.close();
  }
}
