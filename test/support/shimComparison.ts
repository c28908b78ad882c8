// One input run both ways, each against its own simulator on an identical tenant: through the generated script
// in PowerShell (the HelloID runtime stand-in) and directly through the packaged `exo-connector run`. HelloID
// must end with the same outcome either way.
import assert from "node:assert/strict";
import type { Simulator, Tenant } from "../../src/simulator/index.js";
import { startSimulator } from "../../src/simulator/index.js";
import { runScript, type ScriptRun } from "./helloidRuntime.js";
import {
  agentConfiguration,
  agentEnv,
  type DirectRun,
  helloidOutcome,
  type Prefilled,
  runDirect,
  scriptOf,
} from "./packagedConnector.js";

export interface BothWays {
  shim: ScriptRun;
  direct: DirectRun;
  /** The simulator the shim's run changed. */
  simulator: Simulator;
  /** The JSON the shim's PowerShell read its contexts from. */
  inputText: string;
}

export interface Contexts {
  actionContext?: Record<string, unknown>;
  [context: string]: unknown;
}

/** Tenant Guids and clock made deterministic, so what an action creates is the same on both sides. */
export function deterministic(tenant: Tenant): Tenant {
  let created = 0;
  tenant.newGuid = () => `5e1f0000-0000-4000-8000-${String(++created).padStart(12, "0")}`;
  let clock = Date.UTC(2024, 0, 1);
  tenant.now = () => {
    clock += 1000;
    return clock;
  };
  return tenant;
}

/** A connector service the shim posts to (ConnectorUrl) instead of starting Node.js. */
export interface ConnectorService {
  url: string;
  apiKey: string;
}

/**
 * Runs `contexts` for `action` both ways (Configuration and DryRun false added; DryRun may be overridden),
 * with HelloID's outputContext pre-filled by `prefilled`, then hands both runs to `check`. With `service`,
 * the shim's side runs on that connector service.
 */
export async function runBothWays(
  action: string,
  tenant: () => Tenant,
  contexts: Contexts,
  prefilled: Prefilled,
  check: (runs: BothWays) => void | Promise<void>,
  service?: ConnectorService,
): Promise<void> {
  const shimSide = await startSimulator({ tenant: tenant() });
  const directSide = await startSimulator({ tenant: tenant() });
  const viaService = service ? { ConnectorUrl: service.url, ConnectorApiKey: service.apiKey } : {};
  const inputFor = (simulator: Simulator, overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      ...contexts,
      actionContext: {
        Configuration: agentConfiguration(simulator, overrides),
        DryRun: false,
        ...contexts.actionContext,
      },
      outputContext: prefilled,
    });
  try {
    const inputText = inputFor(shimSide, viaService);
    const [shim, direct] = await Promise.all([
      runScript(scriptOf(action), inputText, { env: agentEnv(shimSide) }),
      runDirect(action, inputFor(directSide), agentEnv(directSide)),
    ]);
    assert.equal(shim.terminatingError, null);
    assert.deepEqual(
      shimSide.writes().map((entry) => entry.cmdlet),
      directSide.writes().map((entry) => entry.cmdlet),
      "the same writes reach Exchange",
    );
    await check({ shim, direct, simulator: shimSide, inputText });
  } finally {
    await Promise.all([shimSide.close(), directSide.close()]);
  }
}

/** HelloID ends with what the direct run answered: the outputContext, or the import records. */
export function assertSameOutcome(
  { shim, direct }: BothWays,
  kind: "output" | "import",
  prefilled: Prefilled,
): void {
  if (kind === "import") {
    assert.deepEqual(shim.errors, []);
    assert.deepEqual(shim.records, direct.lines);
    return;
  }
  assert.equal(direct.lines.length, 1, direct.stderr);
  assert.deepEqual(shim.outputContext, helloidOutcome(direct.lines[0] ?? {}, prefilled));
}
