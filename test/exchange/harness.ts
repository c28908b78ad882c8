// Integration helpers: a real simulator over HTTPS and a real ExchangeClient pointed at it.
import { ExchangeClient, type ExchangeClientOptions, type Logger } from "../../src/exchange/index.js";
import {
  DEFAULT_APP,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";

export function clientFor(
  simulator: Simulator,
  overrides: Partial<ExchangeClientOptions> = {},
): ExchangeClient {
  return new ExchangeClient({
    tenantId: simulator.tenantId,
    appId: DEFAULT_APP.appId,
    credential: { kind: "secret", secret: DEFAULT_APP.secret as string },
    adminApiUrl: simulator.url,
    authorityUrl: simulator.url,
    ca: simulator.caPem,
    // The simulator is on loopback: a proxy in this machine's environment must not apply.
    proxy: { env: {} },
    ...overrides,
  });
}

/** A logger that keeps every line, to check what the client writes. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: object) =>
    lines.push(JSON.stringify({ level, message, ...fields }));
  return {
    lines,
    debug: record("debug"),
    info: record("info"),
    warn: record("warn"),
    error: record("error"),
  };
}

/** Starts a simulator for a test suite; `clients` made through it are closed with it. */
export function simulatorFixture(options: SimulatorOptions = {}) {
  let simulator: Simulator | undefined;
  const clients: ExchangeClient[] = [];
  return {
    get simulator(): Simulator {
      if (!simulator) throw new Error("simulator not started");
      return simulator;
    },
    async start(): Promise<Simulator> {
      simulator = await startSimulator(options);
      return simulator;
    },
    client(overrides: Partial<ExchangeClientOptions> = {}): ExchangeClient {
      const client = clientFor(this.simulator, overrides);
      clients.push(client);
      return client;
    },
    async stop(): Promise<void> {
      for (const client of clients.splice(0)) client.close();
      await simulator?.close();
    },
    count(kind: string): number {
      return this.simulator.requestLog.filter((entry) => entry.kind === kind).length;
    },
  };
}
