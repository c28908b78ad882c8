// The connector's configuration that points at a simulator and its registered demo app: what an
// implementer would type into HelloID's form for it. The demo, the tests and the benchmarks use it.
import { DEFAULT_APP, type Simulator } from "../simulator/index.js";

export function simulatorConfiguration(simulator: Simulator, overrides: Record<string, unknown> = {}) {
  return {
    Organization: simulator.organization,
    TenantID: simulator.tenantId,
    AppId: DEFAULT_APP.appId,
    AppSecret: DEFAULT_APP.secret,
    AdminApiUrl: simulator.url,
    AuthorityUrl: simulator.url,
    // An in-process simulator signs with a new key each start: a token cached on disk would only go stale.
    TokenCache: false,
    ...overrides,
  };
}
