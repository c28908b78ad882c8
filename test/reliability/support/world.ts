// A simulator with an app of its own (a fresh secret to look for in the output), and the connector's real
// entry (runAction, as the CLI calls it) with every byte it prints kept in the suite's transcript.
import { randomBytes, randomUUID } from "node:crypto";
import { captureAction } from "../../../src/actions/capture.js";
import {
  type RequestLogEntry,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
  type Tenant,
} from "../../../src/simulator/index.js";
import type { RunResult } from "../../support/connector.js";
import type { Transcript } from "./transcript.js";

export interface World {
  readonly simulator: Simulator;
  readonly tenant: Tenant;
  readonly appId: string;
  readonly secret: string;
  readonly transcript: Transcript;
  configuration(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** Runs one action through runAction; `requests` are the simulator's log entries it caused. */
  run(action: string, input: RunInput, options?: RunOptions): Promise<Outcome>;
  /** Runs raw input text (for bad input). */
  runText(action: string, text: string): Promise<Outcome>;
  close(): Promise<void>;
}

export interface RunInput {
  actionContext?: Record<string, unknown>;
  [context: string]: unknown;
}

export interface RunOptions {
  configuration?: Record<string, unknown>;
}

export interface Outcome extends RunResult {
  requests: RequestLogEntry[];
  ms: number;
}

export async function startWorld(
  transcript: Transcript,
  tenant: Tenant,
  options: Omit<SimulatorOptions, "tenant" | "apps"> = {},
): Promise<World> {
  const appId = randomUUID();
  const secret = `${randomBytes(30).toString("base64url")}~${transcript.suite}`;
  const simulator = await startSimulator({ ...options, tenant, apps: [{ appId, secret }] });
  transcript.secret("AppSecret", secret);
  let runs = 0;

  const configuration = (overrides: Record<string, unknown> = {}) => ({
    Organization: simulator.organization,
    TenantID: simulator.tenantId,
    AppId: appId,
    AppSecret: secret,
    AdminApiUrl: simulator.url,
    AuthorityUrl: simulator.url,
    ...overrides,
  });

  const runText = async (action: string, text: string): Promise<Outcome> => {
    runs += 1;
    const firstSeq = nextSeq(simulator);
    const started = performance.now();
    const { exitCode, stdout, stderr, lines } = await captureAction(action, text, {
      connection: { ca: simulator.caPem },
    });
    const ms = performance.now() - started;
    transcript.add(`${action} #${runs} stdout`, stdout);
    transcript.add(`${action} #${runs} stderr`, stderr);
    const parsed = lines as Outcome["records"];
    return {
      exitCode,
      output: parsed[0] ?? {},
      records: parsed,
      stdout,
      stderr,
      requests: simulator.requestLog.filter((entry) => entry.seq >= firstSeq),
      ms,
    };
  };

  return {
    simulator,
    tenant,
    appId,
    secret,
    transcript,
    configuration,
    run: (action, input, runOptions = {}) => {
      const { actionContext = {}, ...contexts } = input;
      // Family keys given with the input are added to the connection's.
      const { Configuration: extra, ...rest } = actionContext as { Configuration?: Record<string, unknown> };
      const text = JSON.stringify({
        actionContext: {
          Configuration: configuration({ ...extra, ...runOptions.configuration }),
          DryRun: false,
          ...rest,
        },
        ...contexts,
      });
      return runText(action, text);
    },
    runText,
    close: async () => {
      transcript.tokens(simulator.issuedTokens);
      await simulator.close();
    },
  };
}

/** The sequence number the simulator's next request gets (log entries are numbered on arrival). */
function nextSeq(simulator: Simulator): number {
  return simulator.requestLog.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1;
}
