// The recipient store: records by Guid plus lower-cased identity indexes so every lookup is O(1).
// Identity keys are grouped in tiers the way Exchange resolves an -Identity value: Guid-like keys
// first, then UPN / proxy addresses / DN, then Alias and Name, then DisplayName. The first tier that
// matches decides; more than one match in it is ambiguous.
import { isSmtpProxy, proxyAddress } from "./addresses.js";
import type { Recipient } from "./types.js";

export type Scope = "mailbox" | "group" | "recipient" | "securityPrincipal";

const TIERS = 4;
/** Tier numbers (also for `holders`). */
export const ADDRESS_TIER = 1;
export const NAME_TIER = 2;

type Entry = Recipient | Recipient[];

/** The unescaped CN value of a lower-cased DN ("cn=o\\,brien,ou=..." → "o,brien"). */
function commonName(dn: string): string {
  const match = /^cn=((?:\\.|[^,\\])*)/.exec(dn);
  return (match?.[1] ?? "").replace(/\\(.)/g, "$1");
}

function entries(entry: Entry | undefined): Recipient[] {
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

export function inScope(recipient: Recipient, scope: Scope): boolean {
  switch (scope) {
    case "mailbox":
      return recipient.kind === "mailbox";
    case "group":
      return recipient.kind === "group";
    case "securityPrincipal":
      return recipient.kind === "mailbox" || recipient.securityEnabled;
    case "recipient":
      return true;
  }
}

export class RecipientStore {
  private readonly byGuid = new Map<string, Recipient>();
  private readonly tiers: Map<string, Entry>[] = Array.from({ length: TIERS }, () => new Map());

  constructor(private readonly distinguishedName: (recipient: Recipient) => string) {}

  all(): IterableIterator<Recipient> {
    return this.byGuid.values();
  }

  get(guid: string): Recipient | undefined {
    return this.byGuid.get(guid.toLowerCase());
  }

  insert(recipient: Recipient): void {
    this.byGuid.set(recipient.guid, recipient);
    this.index(recipient);
  }

  delete(recipient: Recipient): void {
    this.unindex(recipient);
    this.byGuid.delete(recipient.guid);
  }

  /** Applies a change to a record while keeping the indexes consistent. */
  reindex(recipient: Recipient, change: () => void): void {
    this.unindex(recipient);
    try {
      change();
    } finally {
      this.index(recipient);
    }
  }

  /** Matches of the first tier that has any match among the recipients `accept` lets through. */
  lookup(identity: string, accept: (recipient: Recipient) => boolean): Recipient[] {
    const key = identity.toLowerCase();
    // SMTP proxies are indexed by bare address; a DN is found through its CN (the Name) and compared whole.
    const address = key.startsWith("smtp:") ? key.slice(5) : key;
    const byDn = key.startsWith("cn=")
      ? entries(this.tiers[NAME_TIER]?.get(commonName(key))).filter(
          (r) => this.distinguishedName(r).toLowerCase() === key,
        )
      : [];
    const candidates = [
      entries(this.tiers[0]?.get(key)),
      [...entries(this.tiers[ADDRESS_TIER]?.get(address)), ...byDn],
      entries(this.tiers[NAME_TIER]?.get(key)),
      entries(this.tiers[3]?.get(key)),
    ];
    for (const tier of candidates) {
      const matches = tier.filter(accept);
      if (matches.length > 0) return matches;
    }
    return [];
  }

  /** Every recipient holding this key in any tier (for uniqueness checks). */
  holders(key: string, tier: number): Recipient[] {
    return entries(this.tiers[tier]?.get(key.toLowerCase()));
  }

  private keys(recipient: Recipient): string[][] {
    const guidKeys = [recipient.guid, recipient.externalDirectoryObjectId];
    const addressKeys = recipient.emailAddresses.map((p) => (isSmtpProxy(p) ? proxyAddress(p) : p));
    if (recipient.kind === "mailbox") {
      guidKeys.push(recipient.exchangeGuid);
      addressKeys.push(recipient.userPrincipalName);
    }
    return [guidKeys, addressKeys, [recipient.alias, recipient.name], [recipient.displayName]];
  }

  // A key held by one recipient maps to it directly; only shared keys (e.g. a common DisplayName) get an array.
  private index(recipient: Recipient): void {
    this.keys(recipient).forEach((keys, tier) => {
      const map = this.tiers[tier] as Map<string, Entry>;
      for (const raw of keys) {
        const key = raw.toLowerCase();
        if (key === "") continue;
        const entry = map.get(key);
        if (entry === undefined) map.set(key, recipient);
        else if (Array.isArray(entry)) {
          if (!entry.includes(recipient)) entry.push(recipient);
        } else if (entry !== recipient) map.set(key, [entry, recipient]);
      }
    });
  }

  private unindex(recipient: Recipient): void {
    this.keys(recipient).forEach((keys, tier) => {
      const map = this.tiers[tier] as Map<string, Entry>;
      for (const raw of keys) {
        const key = raw.toLowerCase();
        const rest = entries(map.get(key)).filter((r) => r !== recipient);
        if (rest.length === 0) map.delete(key);
        else map.set(key, rest.length === 1 ? (rest[0] as Recipient) : rest);
      }
    });
  }
}
