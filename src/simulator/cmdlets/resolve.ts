// Identity resolution with Exchange's failures: 404 for -Identity, 400 Ex94914C for recipients named by
// other parameters, 400 ambiguous when the deciding tier has several matches.
import type { GroupRecord, MailboxRecord, Recipient, Scope, Tenant } from "../tenant/index.js";
import { ambiguous, objectNotFound, recipientNotFound } from "./errors.js";

export function resolveIdentity(tenant: Tenant, identity: string, scope: Scope): Recipient {
  const matches = tenant.lookup(identity, scope);
  if (matches.length > 1) throw ambiguous(identity);
  const [match] = matches;
  if (!match) throw objectNotFound(tenant, identity);
  return match;
}

export function resolveMailbox(tenant: Tenant, identity: string): MailboxRecord {
  return resolveIdentity(tenant, identity, "mailbox") as MailboxRecord;
}

export function resolveGroup(tenant: Tenant, identity: string): GroupRecord {
  return resolveIdentity(tenant, identity, "group") as GroupRecord;
}

/** A recipient named by Member, User, Trustee, GrantSendOnBehalfTo, ManagedBy... */
export function resolveReference(tenant: Tenant, value: string, scope: Scope): Recipient {
  const matches = tenant.lookup(value, scope);
  if (matches.length > 1) throw ambiguous(value);
  const [match] = matches;
  if (!match) throw recipientNotFound(value);
  return match;
}
