// One keep-alive agent per client. Without a `ca` option node:https trusts Node's roots plus
// NODE_EXTRA_CA_CERTS; a `ca` option replaces that list in Node, so here it is added to it instead.
// Building a TLS context from Node's ~140 root certificates costs tens of milliseconds, and node:https
// would build one per connection: the context is built once per CA set and shared by every agent.
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";

export type CaOption = string | Buffer | ReadonlyArray<string | Buffer>;

const contexts = new Map<string, SecureContext>();

export function createAgent(ca: CaOption | undefined): Agent {
  if (ca === undefined) return new Agent({ keepAlive: true });
  const extra = typeof ca === "string" || Buffer.isBuffer(ca) ? [ca] : [...ca];
  const pems = [...extraCaFromEnvironment(), ...extra.map((pem) => pem.toString())];
  const key = pems.join("\n");
  let secureContext = contexts.get(key);
  if (!secureContext) {
    secureContext = createSecureContext({ ca: [...rootCertificates, ...pems] });
    contexts.set(key, secureContext);
  }
  return new Agent({ keepAlive: true, secureContext });
}

function extraCaFromEnvironment(): string[] {
  const path = process.env.NODE_EXTRA_CA_CERTS;
  if (!path) return [];
  try {
    return [readFileSync(path, "utf8")];
  } catch {
    // Node has already warned about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    return [];
  }
}
