// One keep-alive agent per client. Without a `ca` option node:https trusts Node's roots plus
// NODE_EXTRA_CA_CERTS; a `ca` option replaces that list in Node, so here it is added to it instead.
import { readFileSync } from "node:fs";
import { Agent } from "node:https";
import { rootCertificates } from "node:tls";

export type CaOption = string | Buffer | ReadonlyArray<string | Buffer>;

export function createAgent(ca: CaOption | undefined): Agent {
  if (ca === undefined) return new Agent({ keepAlive: true });
  const extra = typeof ca === "string" || Buffer.isBuffer(ca) ? [ca] : [...ca];
  return new Agent({ keepAlive: true, ca: [...rootCertificates, ...extraCaFromEnvironment(), ...extra] });
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
