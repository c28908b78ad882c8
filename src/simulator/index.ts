// Public entry of the Exchange Online simulator: the HTTPS protocol server around a live tenant model.
import { invokeCmdlet, isKnownCmdlet, isWriteCmdlet } from "./cmdlets/index.js";
import { type ServerOptions, type SimulatorServer, startServer } from "./server/simulator.js";
import { Tenant } from "./tenant/index.js";

/** The tenant of a simulator started without one. */
export const DEFAULT_TENANT_ID = "7d1a3e2b-5c4f-4b6a-9e8d-0f1a2b3c4d5e";
export const DEFAULT_ORGANIZATION = "contoso.onmicrosoft.com";

export interface SimulatorOptions extends ServerOptions {
  /** The live tenant to serve; default an empty tenant with {@link DEFAULT_TENANT_ID}. */
  tenant?: Tenant;
}

export type Simulator = SimulatorServer<Tenant>;

export function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const {
    tenant = Tenant.create({ tenantId: DEFAULT_TENANT_ID, organization: DEFAULT_ORGANIZATION }),
    ...rest
  } = options;
  const engine = {
    invoke: (name: string, parameters: Record<string, unknown>) => invokeCmdlet(tenant, name, parameters),
    isKnown: isKnownCmdlet,
    isWrite: isWriteCmdlet,
  };
  return startServer(tenant, engine, rest);
}

export * from "./cmdlets/types.js";
export { generateTenant, sampleTenant } from "./generator.js";
export { createTestCertificate, type TestCertificate } from "./server/certificates.js";
export type { RegisteredApp } from "./server/context.js";
export type { Fault, FaultMatch, FaultRule, Faults, TransientExceptionName } from "./server/faults.js";
export type { RequestKind, RequestLogEntry } from "./server/requestLog.js";
export { DEFAULT_APP, type ServerOptions } from "./server/simulator.js";
export * from "./tenant/index.js";
