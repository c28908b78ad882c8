// EmailAddresses merge for update: existing proxies are kept, the mapped `SMTP:` address becomes the
// primary, the old primary is demoted to `smtp:`; with no mapped primary the current one stays.
// Addresses compare case-insensitively; the prefix's case is what makes a primary.
import { ActionFailure } from "../framework.js";

interface Proxy {
  prefix: string;
  address: string;
}

function parse(entry: string): Proxy {
  const colon = entry.indexOf(":");
  // An address without a prefix is an SMTP address; Exchange needs the prefix to tell primary from secondary.
  if (colon <= 0 || (entry.includes("@") && entry.indexOf("@") < colon))
    return { prefix: "smtp", address: entry };
  return { prefix: entry.slice(0, colon), address: entry.slice(colon + 1) };
}

const key = (proxy: Proxy) => `${proxy.prefix.toLowerCase()}:${proxy.address.toLowerCase()}`;
const render = (proxy: Proxy) => `${proxy.prefix}:${proxy.address}`;
const isPrimary = (proxy: Proxy) => proxy.prefix === "SMTP";

/** The mapped primary, validated: at most one `SMTP:` entry. */
export function mappedPrimary(mapped: readonly string[]): string | undefined {
  const primaries = mapped.map(parse).filter(isPrimary);
  if (primaries.length > 1) {
    throw new ActionFailure(
      `The mapping gives ${primaries.length} primary addresses (SMTP:) in EmailAddresses; exactly one may be primary.`,
    );
  }
  return primaries[0] && render(primaries[0]);
}

export function mergeEmailAddresses(current: readonly string[], mapped: readonly string[]): string[] {
  const primaryText = mappedPrimary(mapped);
  const primary = primaryText === undefined ? undefined : parse(primaryText);
  const merged = new Map<string, Proxy>();
  for (const proxy of current.map(parse)) {
    const demoted = primary && isPrimary(proxy) ? { prefix: "smtp", address: proxy.address } : proxy;
    merged.set(key(demoted), demoted);
  }
  for (const proxy of mapped.map(parse)) merged.set(key(proxy), proxy);
  const list = [...merged.values()];
  // The primary first, as Exchange lists it; the rest keep their order.
  return [...list.filter(isPrimary), ...list.filter((proxy) => !isPrimary(proxy))].map(render);
}

/** Same addresses with the same primary, ignoring order and address case. */
export function sameEmailAddresses(a: readonly string[], b: readonly string[]): boolean {
  const normalize = (list: readonly string[]) =>
    list
      .map(parse)
      .map(
        (proxy) => `${isPrimary(proxy) ? "SMTP" : proxy.prefix.toLowerCase()}:${proxy.address.toLowerCase()}`,
      )
      .sort()
      .join("\n");
  return normalize(a) === normalize(b);
}
