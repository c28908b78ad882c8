// EmailAddresses merge for update: existing proxies are kept, the mapped `SMTP:` address becomes the
// primary, the old primary is demoted to `smtp:`; with no mapped primary the current one stays.
// Addresses compare case-insensitively; the prefix's case is what makes a primary. The write is only the
// additions, as an add hashtable: Exchange makes an added `SMTP:` address the primary and demotes the old
// one itself, and an address someone else adds meanwhile is never overwritten by a stale full list.
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
  for (const proxy of mapped.map(parse)) {
    // Only a mapped SMTP: entry changes the primary; the primary mapped as a secondary stays primary.
    if (isPrimary(merged.get(key(proxy)) ?? proxy) && !isPrimary(proxy)) continue;
    merged.set(key(proxy), proxy);
  }
  const list = [...merged.values()];
  // The primary first, as Exchange lists it; the rest keep their order.
  return [...list.filter(isPrimary), ...list.filter((proxy) => !isPrimary(proxy))].map(render);
}

/**
 * The proxies to add so that the mailbox has the merged list, derived from it: a new primary, and each
 * address the mailbox does not have at all. Nothing is ever removed; the old primary is demoted by Exchange.
 */
export function emailAddressesToAdd(current: readonly string[], mapped: readonly string[]): string[] {
  const have = current.map(parse);
  const sameAddress = (a: Proxy, b: Proxy) => key(a) === key(b);
  return mergeEmailAddresses(current, mapped)
    .map(parse)
    .filter((proxy) =>
      isPrimary(proxy)
        ? !have.some((other) => isPrimary(other) && sameAddress(other, proxy))
        : !have.some((other) => sameAddress(other, proxy)),
    )
    .map(render);
}
