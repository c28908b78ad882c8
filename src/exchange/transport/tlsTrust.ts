// TLS trust for every connection, direct or through a proxy's tunnel. Without a `ca` option node:https
// trusts Node's roots plus NODE_EXTRA_CA_CERTS; a `ca` option replaces that list in Node, so here it is
// added to it instead. Building a TLS context from Node's ~140 root certificates costs tens of
// milliseconds, and node:https would build one per connection: it is built once per CA set and shared.
import { readFileSync } from "node:fs";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";

export type CaOption = string | Buffer | ReadonlyArray<string | Buffer>;

const contexts = new Map<string, SecureContext>();

/** The TLS context trusting `ca` besides Node's roots and NODE_EXTRA_CA_CERTS; undefined: Node's default. */
export function trustedContext(ca: CaOption | undefined): SecureContext | undefined {
  if (ca === undefined) return undefined;
  const extra = typeof ca === "string" || Buffer.isBuffer(ca) ? [ca] : [...ca];
  const pems = [...extraCaFromEnvironment(), ...extra.map((pem) => pem.toString())];
  const key = pems.join("\n");
  let secureContext = contexts.get(key);
  if (!secureContext) {
    secureContext = createSecureContext({ ca: [...rootCertificates, ...pems] });
    contexts.set(key, secureContext);
  }
  return secureContext;
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
