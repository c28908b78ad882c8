// The stateful tenant: recipients with O(1) identity indexes, replication-delay visibility, JSON
// persistence, seeding methods for tests and read helpers that show state without going through cmdlets.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { isSmtpProxy, proxyAddress, recipientLabel } from "./addresses.js";
import { folderByName, folderEntries, mailboxFolders } from "./folders.js";
import { folderName } from "./locale.js";
import { type MailboxPermissionEntry, mailboxPermissionEntries } from "./permissions.js";
import { type GroupSeed, groupRecord, type MailboxSeed, mailboxRecord } from "./records.js";
import { ADDRESS_TIER, inScope, NAME_TIER, RecipientStore, type Scope } from "./store.js";
import type {
  AutoReplyConfig,
  GroupRecord,
  MailboxRecord,
  MailboxTypeDetails,
  Recipient,
  TenantState,
} from "./types.js";

export interface TenantOptions {
  tenantId: string;
  /** The initial domain, e.g. "contoso.onmicrosoft.com". */
  organization: string;
  /** Domain new addresses get by default; the organization when omitted. */
  defaultDomain?: string;
}

export interface Conflict {
  kind: "name" | "alias" | "address";
  value: string;
  holder: Recipient;
}

export interface RegionalView {
  language: string;
  dateFormat: string;
  timeFormat: string;
  timeZone: string;
  calendarFolderName: string;
  defaultFolderNameMatchingUserLanguage: boolean;
}

type Ref = string | Recipient;

export class Tenant {
  tenantId: string;
  organization: string;
  acceptedDomains: string[];
  defaultDomain: string;
  domainController: string;
  adminDisplayName: string;
  /** Objects created by New-* cmdlets stay invisible to every cmdlet for this long. */
  replicationDelayMs: number;
  /** Injectable clock (ms since epoch) so tests are deterministic. */
  now: () => number = Date.now;
  /** Injectable Guid source; the generator makes it deterministic. */
  newGuid: () => string = randomUUID;
  private readonly store = new RecipientStore((r) => this.distinguishedName(r));

  private constructor(state: Omit<TenantState, "recipients" | "version">) {
    this.tenantId = state.tenantId;
    this.organization = state.organization;
    this.acceptedDomains = [...state.acceptedDomains];
    this.defaultDomain = state.defaultDomain;
    this.domainController = state.domainController;
    this.adminDisplayName = state.adminDisplayName;
    this.replicationDelayMs = state.replicationDelayMs;
  }

  static create(options: TenantOptions): Tenant {
    const defaultDomain = options.defaultDomain ?? options.organization;
    return new Tenant({
      tenantId: options.tenantId,
      organization: options.organization,
      acceptedDomains: [...new Set([options.organization, defaultDomain])],
      defaultDomain,
      domainController: "AM0PR07A13DC001.EURPR07A013.PROD.OUTLOOK.COM",
      adminDisplayName: "Exchange Online Admin API",
      replicationDelayMs: 0,
    });
  }

  static fromState(state: TenantState): Tenant {
    const tenant = new Tenant(state);
    for (const recipient of structuredClone(state.recipients)) tenant.store.insert(recipient);
    return tenant;
  }

  static load(path: string): Tenant {
    return Tenant.fromState(JSON.parse(readFileSync(path, "utf8")) as TenantState);
  }

  toState(): TenantState {
    return {
      version: 1,
      tenantId: this.tenantId,
      organization: this.organization,
      acceptedDomains: [...this.acceptedDomains],
      defaultDomain: this.defaultDomain,
      domainController: this.domainController,
      adminDisplayName: this.adminDisplayName,
      replicationDelayMs: this.replicationDelayMs,
      recipients: structuredClone([...this.store.all()]),
    };
  }

  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.toState()));
  }

  // ---- access used by cmdlets ----

  /** First label of the DC's domain, used as the NetBIOS-style prefix of system accounts. */
  get domainPrefix(): string {
    return this.domainController.split(".")[1] ?? "EXCHANGE";
  }

  distinguishedName(recipient: Recipient): string {
    const cn = recipient.name.replace(/([,\\#+<>;"=])/g, "\\$1");
    return `CN=${cn},${this.dnSuffix()}`;
  }

  /** The part of every DN after the CN (rows are built by the thousand per page). */
  private dnSuffix(): string {
    const key = `${this.organization}|${this.domainController}`;
    if (this.dnSuffixCache?.key !== key) {
      const dc = this.domainController.split(".").slice(1);
      const value = `OU=${this.organization},OU=Microsoft Exchange Hosted Organizations,${dc.map((p) => `DC=${p}`).join(",")}`;
      this.dnSuffixCache = { key, value };
    }
    return this.dnSuffixCache.value;
  }

  private dnSuffixCache: { key: string; value: string } | undefined;

  /** False while a New-* object is inside the replication-delay window. */
  isVisible(recipient: Recipient): boolean {
    return (
      recipient.createdByCmdletAt === null ||
      this.now() - recipient.createdByCmdletAt >= this.replicationDelayMs
    );
  }

  /** Visible recipients of a scope, in creation order. */
  *list(scope: Scope): Generator<Recipient> {
    for (const recipient of this.store.all()) {
      if (inScope(recipient, scope) && this.isVisible(recipient)) yield recipient;
    }
  }

  /** Visible matches of an identity in a scope (several = ambiguous; the caller decides how to fail). */
  lookup(identity: string, scope: Scope): Recipient[] {
    return this.store.lookup(identity, (r) => inScope(r, scope) && this.isVisible(r));
  }

  /** A recipient by Guid, visible or not (for following stored references). */
  byGuid(guid: string): Recipient | undefined {
    return this.store.get(guid);
  }

  /** Name, alias or address clashes of a candidate with any other recipient, visible or not. */
  conflict(candidate: Recipient): Conflict | undefined {
    // Compared by Guid: the candidate may be a draft copy of a stored record.
    const others = (key: string, tier: number) =>
      this.store.holders(key, tier).filter((r) => r.guid !== candidate.guid);
    const name = others(candidate.name, NAME_TIER).find(
      (r) => r.name.toLowerCase() === candidate.name.toLowerCase(),
    );
    if (name) return { kind: "name", value: candidate.name, holder: name };
    const alias = others(candidate.alias, NAME_TIER).find(
      (r) => r.alias.toLowerCase() === candidate.alias.toLowerCase(),
    );
    if (alias) return { kind: "alias", value: candidate.alias, holder: alias };
    const addresses = candidate.emailAddresses.filter(isSmtpProxy).map(proxyAddress);
    if (candidate.kind === "mailbox") addresses.push(candidate.userPrincipalName);
    for (const address of addresses) {
      const holder = others(address, ADDRESS_TIER)[0];
      if (holder) return { kind: "address", value: address, holder };
    }
    return undefined;
  }

  insert(recipient: Recipient): void {
    this.store.insert(recipient);
  }

  /** Mutates a record through `change`, keeping indexes right and stamping WhenChanged. */
  update<R extends Recipient>(recipient: R, change: (r: R) => void): void {
    this.store.reindex(recipient, () => change(recipient));
    recipient.whenChanged = this.now();
  }

  /**
   * Deletes a recipient the way directory deletion does: links to it (group membership, ManagedBy,
   * GrantSendOnBehalfTo) disappear; ACEs naming it stay behind as orphaned SIDs.
   */
  removeRecipient(identity: Ref): void {
    const gone = this.ref(identity, "recipient");
    this.store.delete(gone);
    for (const recipient of this.store.all()) {
      if (recipient.kind === "group") {
        recipient.members = recipient.members.filter((g) => g !== gone.guid);
        recipient.managedBy = recipient.managedBy.filter((g) => g !== gone.guid);
      } else {
        recipient.grantSendOnBehalfTo = recipient.grantSendOnBehalfTo.filter((g) => g !== gone.guid);
      }
    }
  }

  // ---- seeding (tests, generator) ----

  addUserMailbox(seed: MailboxSeed = {}): MailboxRecord {
    return this.seed(mailboxRecord(this, "UserMailbox", seed));
  }

  addSharedMailbox(seed: MailboxSeed & { type?: "Shared" | "Room" | "Equipment" } = {}): MailboxRecord {
    const types: Record<string, MailboxTypeDetails> = {
      Shared: "SharedMailbox",
      Room: "RoomMailbox",
      Equipment: "EquipmentMailbox",
    };
    return this.seed(mailboxRecord(this, types[seed.type ?? "Shared"] as MailboxTypeDetails, seed));
  }

  addDistributionGroup(seed: GroupSeed & { members?: Ref[]; managedBy?: Ref[] } = {}): GroupRecord {
    const group = this.seed(groupRecord(this, seed));
    for (const member of seed.members ?? []) this.addMember(group, member);
    group.managedBy = (seed.managedBy ?? []).map((m) => this.ref(m, "recipient").guid);
    return group;
  }

  addMember(group: Ref, member: Ref): void {
    const g = this.ref(group, "group") as GroupRecord;
    const m = this.ref(member, "recipient");
    if (!g.members.includes(m.guid)) g.members.push(m.guid);
  }

  addMailboxPermission(mailbox: Ref, user: Ref, accessRights: string[] = ["FullAccess"]): void {
    const m = this.ref(mailbox, "mailbox") as MailboxRecord;
    const trustee = this.ref(user, "securityPrincipal").guid;
    m.fullAccess.push({ trustee, accessRights, deny: false, inheritanceType: "All", autoMapping: true });
  }

  addSendAs(recipient: Ref, trustee: Ref): void {
    const r = this.ref(recipient, "recipient");
    const t = this.ref(trustee, "securityPrincipal").guid;
    if (!r.sendAs.includes(t)) r.sendAs.push(t);
  }

  addSendOnBehalf(mailbox: Ref, delegate: Ref): void {
    const m = this.ref(mailbox, "mailbox") as MailboxRecord;
    const d = this.ref(delegate, "recipient").guid;
    if (!m.grantSendOnBehalfTo.includes(d)) m.grantSendOnBehalfTo.push(d);
  }

  // ---- read helpers for tests (ignore replication delay) ----

  /** The recipient an identity names, visible or not; undefined when none; throws when ambiguous. */
  findRecipient(identity: string): Recipient | undefined {
    const matches = this.store.lookup(identity, () => true);
    if (matches.length > 1) throw new Error(`'${identity}' matches ${matches.length} recipients`);
    return matches[0];
  }

  mailboxPermissions(mailbox: Ref): MailboxPermissionEntry[] {
    const m = this.ref(mailbox, "mailbox") as MailboxRecord;
    return mailboxPermissionEntries(m, (g) => this.byGuid(g), this.domainPrefix);
  }

  /** Explicit SendAs trustees (UPN, or primary SMTP for groups); NT AUTHORITY\SELF is implicit. */
  sendAsTrustees(recipient: Ref): string[] {
    return this.labels(this.ref(recipient, "recipient").sendAs);
  }

  sendOnBehalf(mailbox: Ref): string[] {
    return this.labels((this.ref(mailbox, "mailbox") as MailboxRecord).grantSendOnBehalfTo);
  }

  groupMembers(group: Ref): string[] {
    return this.labels((this.ref(group, "group") as GroupRecord).members);
  }

  /** Entries of the calendar folder (or another default folder by its current name). */
  folderPermissions(mailbox: Ref, folder?: string): { user: string; accessRights: string[] }[] {
    const m = this.ref(mailbox, "mailbox") as MailboxRecord;
    const type = folder === undefined ? "Calendar" : folderByName(m, folder)?.type;
    if (!type) throw new Error(`no folder '${folder}' in ${m.name}`);
    return folderEntries(m, type).map((e) => {
      const user = this.byGuid(e.user);
      return { user: user ? recipientLabel(user) : e.user, accessRights: [...e.accessRights] };
    });
  }

  regionalConfiguration(mailbox: Ref): RegionalView {
    const m = this.ref(mailbox, "mailbox") as MailboxRecord;
    const calendar = mailboxFolders(m).find((f) => f.type === "Calendar")?.name as string;
    return {
      ...m.regional,
      calendarFolderName: calendar,
      defaultFolderNameMatchingUserLanguage: calendar === folderName("Calendar", m.regional.language),
    };
  }

  autoReply(mailbox: Ref): AutoReplyConfig {
    return { ...(this.ref(mailbox, "mailbox") as MailboxRecord).autoReply };
  }

  private seed<R extends Recipient>(record: R): R {
    const clash = this.conflict(record);
    if (clash) throw new Error(`${clash.kind} '${clash.value}' is already used by ${clash.holder.name}`);
    this.store.insert(record);
    return record;
  }

  private ref(value: Ref, scope: Scope): Recipient {
    if (typeof value !== "string") return value;
    const matches = this.store.lookup(value, (r) => inScope(r, scope));
    if (matches.length !== 1)
      throw new Error(`'${value}' matches ${matches.length} recipients in scope ${scope}`);
    return matches[0] as Recipient;
  }

  private labels(guids: string[]): string[] {
    return guids.flatMap((g) => {
      const r = this.byGuid(g);
      return r ? [recipientLabel(r)] : [];
    });
  }
}
