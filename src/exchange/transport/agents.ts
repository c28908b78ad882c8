// The connections of one client: a keep-alive agent per route, direct or tunnelled (CONNECT) through a
// proxy by https-proxy-agent, the agent the Azure SDK uses. TLS with Exchange and Entra ID runs inside the
// tunnel with the same trust as a direct connection. https-proxy-agent is loaded only when a request goes
// through a proxy, so a direct process never evaluates it.
import { createHash } from "node:crypto";
import type { Agent as HttpAgent } from "node:http";
import { Agent } from "node:https";
import type { SecureContext } from "node:tls";
import { configuredProxy, type ProxyOptions, type ProxyRoute } from "./proxy.js";
import { type CaOption, trustedContext } from "./tlsTrust.js";

export interface Connection {
  agent: HttpAgent;
  /** The proxy the request goes through, if any. */
  proxy?: URL;
  /** TLS options for the request itself: through a tunnel the agent does not carry them. */
  tls: { secureContext?: SecureContext };
}

export class Agents {
  private readonly tls: { secureContext?: SecureContext };
  private readonly direct: Agent;
  private readonly tunnels = new Map<string, Promise<HttpAgent>>();

  constructor(
    ca: CaOption | undefined,
    private readonly route: ProxyRoute,
  ) {
    const secureContext = trustedContext(ca);
    this.tls = secureContext ? { secureContext } : {};
    this.direct = new Agent({ keepAlive: true, ...this.tls });
  }

  async for(url: string): Promise<Connection> {
    const proxy = this.route(new URL(url));
    if (!proxy) return { agent: this.direct, tls: this.tls };
    let tunnel = this.tunnels.get(proxy.href);
    if (!tunnel) {
      tunnel = import("https-proxy-agent").then(
        ({ HttpsProxyAgent }) => new HttpsProxyAgent(proxy, { keepAlive: true }),
      );
      this.tunnels.set(proxy.href, tunnel);
    }
    return { agent: await tunnel, proxy, tls: this.tls };
  }

  /** Closes idle keep-alive connections so the process can exit. */
  destroy(): void {
    this.direct.destroy();
    for (const tunnel of this.tunnels.values()) void tunnel.then((agent) => agent.destroy());
  }
}

/** Per trust and proxy configuration, the agents of clients that leave their connections open for the next. */
const shared = new Map<string, Agents>();

/**
 * The agents every client with this CA and proxy shares: a long-running process (the service) then reuses
 * its open connections from one action to the next instead of a TLS handshake per action.
 */
export function sharedAgents(
  ca: CaOption | undefined,
  proxy: ProxyOptions | undefined,
  route: ProxyRoute,
): Agents {
  const key = createHash("sha256")
    .update(JSON.stringify([ca ?? null, configuredProxy(proxy) ?? null]))
    .digest("hex");
  let agents = shared.get(key);
  if (!agents) {
    agents = new Agents(ca, route);
    shared.set(key, agents);
  }
  return agents;
}

/** Closes the shared agents' connections (a service shutting down). */
export function closeSharedConnections(): void {
  for (const agents of shared.values()) agents.destroy();
  shared.clear();
}
