// `exo-connector simulator`: the simulator as a long-running process, with the lines a user pastes into a
// shell and into the connector configuration to point at it.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { generateTenant, sampleTenant } from "./generator.js";
import { type FaultRule, type Simulator, startSimulator } from "./index.js";
import { describeFaultRule } from "./server/faultSpec.js";
import { loadTenant, saveTenant } from "./tenant/index.js";

export interface StandaloneOptions {
  port?: number;
  host?: string;
  /** Serve the tenant saved in this file (it must exist). */
  tenantFile?: string;
  /** Generate a tenant of this size instead of the sample tenant. */
  generate?: Parameters<typeof generateTenant>[0];
  /** Save the tenant here when the process is stopped (SIGINT / SIGTERM). */
  save?: string;
  pageCap?: number;
  latencyMs?: number;
  /** Faults injected for the simulator's life (`--fault`, `--throttle-every`). */
  faults?: readonly FaultRule[];
  replicationDelayMs?: number;
  tokenLifetimeSeconds?: number;
  /** Where ca.pem goes; default a fixed directory under the OS temp dir, so the path survives restarts. */
  dataDir?: string;
  log?: boolean;
}

export interface StandaloneSimulator {
  simulator: Simulator;
  /** Saves the tenant (if asked) and closes the server; what SIGINT and SIGTERM do. */
  stop(): Promise<void>;
}

function chooseTenant(options: StandaloneOptions) {
  if (options.tenantFile !== undefined) {
    if (!existsSync(options.tenantFile)) throw new Error(`tenant file not found: ${options.tenantFile}`);
    return loadTenant(options.tenantFile);
  }
  return options.generate ? generateTenant(options.generate) : sampleTenant();
}

export async function runStandaloneSimulator(
  options: StandaloneOptions,
  out: Writable,
): Promise<StandaloneSimulator> {
  const simulator = await startSimulator({
    tenant: chooseTenant(options),
    host: options.host,
    port: options.port,
    pageCap: options.pageCap,
    latencyMs: options.latencyMs,
    replicationDelayMs: options.replicationDelayMs,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    dataDir: options.dataDir ?? join(tmpdir(), "exo-connector-simulator"),
    log: options.log,
  });
  for (const rule of options.faults ?? []) simulator.faults.add(rule);
  out.write(banner(simulator, options));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (options.save !== undefined) {
        saveTenant(simulator.tenant, options.save);
        out.write(`Tenant saved to ${options.save}\n`);
      }
      await simulator.close();
    })();
    return stopping;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return { simulator, stop };
}

function banner(simulator: Simulator, { save, faults = [], latencyMs }: StandaloneOptions): string {
  const app = simulator.apps[0];
  const configuration = {
    Organization: simulator.organization,
    TenantID: simulator.tenantId,
    AppId: app?.appId,
    AppSecret: app?.secret,
    AdminApiUrl: simulator.url,
    AuthorityUrl: simulator.url,
  };
  return [
    `Exchange Online simulator listening on ${simulator.url}`,
    `  Tenant id:       ${simulator.tenantId}`,
    `  Organization:    ${simulator.organization}`,
    `  App id:          ${app?.appId}`,
    `  App secret:      ${app?.secret} (simulated)`,
    `  CA certificate:  ${simulator.caPath}`,
    "",
    "Trust the simulator's CA in every Node process that talks to it:",
    `  export NODE_EXTRA_CA_CERTS=${simulator.caPath}`,
    `  PowerShell: $env:NODE_EXTRA_CA_CERTS = "${simulator.caPath}"`,
    "",
    "A ready input for any action against the sample tenant (the default, without --users/--groups):",
    `  exo-connector example create --simulator-url ${simulator.url} > create.json`,
    "",
    "Connector configuration (configuration.json):",
    ...JSON.stringify(configuration, null, 2)
      .split("\n")
      .map((line) => `  ${line}`),
    "",
    ...(latencyMs || faults.length > 0
      ? [
          "Injected faults (the connector retries them within its deadline; --log shows each request and its answer):",
          ...(latencyMs ? [`  latency ${latencyMs} ms on every request`] : []),
          ...faults.map((rule) => `  ${describeFaultRule(rule)}`),
          "",
        ]
      : []),
    save === undefined
      ? "Press Ctrl+C to stop."
      : `Press Ctrl+C to stop; the tenant is then saved to ${save}.`,
    "",
  ].join("\n");
}
