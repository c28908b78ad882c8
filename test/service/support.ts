// A running connector service (in this process) beside a simulator serving the sample tenant, and the
// requests HelloID's shim would send it.
import assert from "node:assert/strict";
import { exampleInput } from "../../src/demo/examples.js";
import { JsonLinesLogger } from "../../src/helloid/logger.js";
import { Redactor } from "../../src/helloid/redactor.js";
import { ApiKeys } from "../../src/service/apiKeys.js";
import { type RunningService, startService } from "../../src/service/server.js";
import { type Simulator, sampleTenant, startSimulator, type Tenant } from "../../src/simulator/index.js";

export const API_KEY = "test-key-0123456789abcdef";

export interface ServiceWorld {
  simulator: Simulator;
  service: RunningService;
  /** The service's own log lines and the actions' log lines, as the serve command writes them to stderr. */
  stderr: string[];
  close(): Promise<void>;
}

export async function startWorld(
  options: { tenantConcurrency?: number; pageCap?: number; latencyMs?: number; tenant?: Tenant } = {},
): Promise<ServiceWorld> {
  const simulator = await startSimulator({
    tenant: options.tenant ?? sampleTenant(),
    pageCap: options.pageCap,
    latencyMs: options.latencyMs,
  });
  const stderr: string[] = [];
  const service = await startService({
    host: "127.0.0.1",
    port: 0,
    apiKeys: new ApiKeys([API_KEY]),
    tenantConcurrency: options.tenantConcurrency ?? 8,
    log: new JsonLinesLogger((line) => stderr.push(line), new Redactor()),
    writeActionLog: (line) => stderr.push(line),
    env: {},
    ca: simulator.caPem,
  });
  return {
    simulator,
    service,
    stderr,
    async close() {
      await service.shutdown();
      await simulator.close();
    },
  };
}

/** The `run` input of the sample tenant's example for an action, without the on-disk token cache. */
export function inputFor(simulator: Simulator, action: string, dryRun = true): string {
  const input = exampleInput(action, { simulatorUrl: simulator.url, dryRun }) as {
    actionContext: { Configuration: Record<string, unknown> };
  };
  input.actionContext.Configuration.TokenCache = false;
  return JSON.stringify(input);
}

export function post(
  service: RunningService,
  path: string,
  body: string | Uint8Array,
  /** null: no Authorization header. */
  key: string | null = API_KEY,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method: "POST",
    body,
    headers: key === null ? headers : { ...headers, authorization: `Bearer ${key}` },
  });
}

/** A JSON answer's body; assertions read its fields. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON in tests
export async function json(response: Response | undefined): Promise<any> {
  assert.ok(response, "an answer");
  return response.json();
}
