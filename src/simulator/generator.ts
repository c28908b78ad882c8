// Deterministic tenants: generateTenant builds any size from a seed (linear time: every insert and
// lookup goes through the tenant's hash indexes); sampleTenant is the small hand-written demo tenant.
import { randomUUID } from "node:crypto";
import type { GroupRecord, MailboxRecord } from "./tenant/index.js";
import { Tenant } from "./tenant/index.js";

export interface GeneratorOptions {
  seed?: number | string;
  tenantId?: string;
  /** Initial domain; default "contoso.onmicrosoft.com". */
  organization?: string;
  /** Domain of primary addresses; default "contoso.com". */
  domain?: string;
  users?: number;
  sharedMailboxes?: number;
  distributionGroups?: number;
  securityGroups?: number;
  dirSyncedGroups?: number;
  /** A total of groups split 6:3:1 over distribution, security and dir-synced when those aren't given. */
  groups?: number;
  departments?: number;
  membersPerGroup?: number;
  fullAccessPerSharedMailbox?: number;
  sendAsPerSharedMailbox?: number;
  sendOnBehalfPerSharedMailbox?: number;
  /** Share (0..1) of shared mailboxes and distribution groups stamped as dynamic department resources. */
  dynamicShare?: number;
}

export const DYNAMIC_SHARED_MAILBOX = "HelloID Dynamic Shared Mailbox";
export const DYNAMIC_DISTRIBUTION_GROUP = "HelloID Dynamic Distribution Group";

const FIRST = [
  "Emma",
  "Noah",
  "Julia",
  "Liam",
  "Sophie",
  "Lucas",
  "Mila",
  "Daan",
  "Anna",
  "Sem",
  "Olivia",
  "Finn",
  "Zoë",
  "Levi",
  "Sara",
  "Milan",
  "Eva",
  "Jesse",
  "Lotte",
  "Thomas",
  "Nina",
  "Luuk",
  "Fleur",
  "Bram",
];
const LAST = [
  "Jansen",
  "de Vries",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "O'Brien",
  "Dekker",
  "Brouwer",
  "D'Angelo",
  "Müller",
  "Martin",
  "Smith",
  "Janssens",
];
const DEPARTMENTS = [
  "Finance",
  "Human Resources",
  "Sales",
  "Marketing",
  "IT",
  "Legal",
  "Operations",
  "Support",
  "Research",
  "Facilities",
  "Procurement",
  "Communications",
];
const OFFICES = ["Amsterdam", "Utrecht", "Rotterdam", "Eindhoven", "Antwerp", "Berlin"];
const LANGUAGES: [string, number][] = [
  ["en-US", 0.5],
  ["nl-NL", 0.3],
  ["de-DE", 0.1],
  ["fr-FR", 0.05],
  ["en-GB", 0.05],
];

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number | string): () => number {
  let state =
    typeof seed === "number"
      ? seed >>> 0
      : [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(rng: () => number): string {
  return Math.floor(rng() * 2 ** 32)
    .toString(16)
    .padStart(8, "0");
}

function guidFrom(rng: () => number): string {
  const [a, b, c, d] = [word(rng), word(rng), word(rng), word(rng)];
  const variant = "89ab"[Number.parseInt(c[0] as string, 16) % 4] as string;
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** `count` distinct items of `pool` (all of them when the pool is smaller). */
function sample<T>(rng: () => number, pool: readonly T[], count: number): T[] {
  if (count >= pool.length) return [...pool];
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(rng() * pool.length));
  return [...chosen].map((i) => pool[i] as T);
}

function pick<T>(rng: () => number, pool: readonly T[]): T {
  return pool[Math.floor(rng() * pool.length)] as T;
}

function pickLanguage(rng: () => number): string {
  let roll = rng();
  for (const [language, weight] of LANGUAGES) {
    roll -= weight;
    if (roll < 0) return language;
  }
  return "en-US";
}

/** Lower-case ASCII for addresses: "Müller" → "muller", "de Vries" → "devries"; apostrophes stay (they're valid). */
function addressPart(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9']/g, "")
    .toLowerCase();
}

/** Runs `build` with a seeded Guid source and a fixed, advancing clock, then restores the real ones. */
function deterministic(tenant: Tenant, rng: () => number, build: () => void): Tenant {
  let clock = Date.UTC(2023, 0, 2, 8, 0, 0);
  tenant.newGuid = () => guidFrom(rng);
  tenant.now = () => {
    clock += 1000;
    return clock;
  };
  build();
  tenant.newGuid = randomUUID;
  tenant.now = Date.now;
  return tenant;
}

function groupCounts(options: GeneratorOptions) {
  const total = options.groups ?? 0;
  const security = Math.floor(total * 0.3);
  const dirSynced = Math.floor(total * 0.1);
  return {
    distribution: options.distributionGroups ?? total - security - dirSynced,
    security: options.securityGroups ?? security,
    dirSynced: options.dirSyncedGroups ?? dirSynced,
  };
}

export function generateTenant(options: GeneratorOptions = {}): Tenant {
  const rng = random(options.seed ?? 1);
  const organization = options.organization ?? "contoso.onmicrosoft.com";
  const domain = options.domain ?? "contoso.com";
  const tenant = Tenant.create({
    tenantId: options.tenantId ?? guidFrom(rng),
    organization,
    defaultDomain: domain,
  });
  const departments = Array.from({ length: options.departments ?? 10 }, (_, i) => ({
    id: `DEP${String(i + 1).padStart(3, "0")}`,
    name: DEPARTMENTS[i] ?? `Department ${i + 1}`,
  }));
  const dynamicShare = options.dynamicShare ?? 0.5;
  const counts = groupCounts(options);
  const pad = (n: number) => String(n).padStart(5, "0");

  return deterministic(tenant, rng, () => {
    const users: MailboxRecord[] = [];
    const taken = new Map<string, number>();
    for (let i = 0; i < (options.users ?? 0); i++) {
      const first = pick(rng, FIRST);
      const last = pick(rng, LAST);
      const key = `${first} ${last}`;
      const n = (taken.get(key) ?? 0) + 1;
      taken.set(key, n);
      const suffix = n === 1 ? "" : String(n);
      const department = pick(rng, departments);
      users.push(
        tenant.addUserMailbox({
          name: `${key}${suffix ? ` ${suffix}` : ""}`,
          displayName: `${key}${suffix ? ` (${suffix})` : ""}`,
          userPrincipalName: `${addressPart(first)}.${addressPart(last)}${suffix}@${domain}`,
          firstName: first,
          lastName: last,
          department: department.name,
          office: pick(rng, OFFICES),
          company: "Contoso",
          language: pickLanguage(rng),
          customAttributes: { 1: department.id, 2: department.name },
        }),
      );
    }

    const dynamicShared = Math.min(
      departments.length,
      Math.round((options.sharedMailboxes ?? 0) * dynamicShare),
    );
    for (let i = 0; i < (options.sharedMailboxes ?? 0); i++) {
      const department = i < dynamicShared ? departments[i] : undefined;
      const mailbox = tenant.addSharedMailbox(
        department
          ? {
              name: `${department.name} Shared Mailbox`,
              alias: `shared.${department.id.toLowerCase()}`,
              customAttributes: { 1: department.id, 2: DYNAMIC_SHARED_MAILBOX },
            }
          : { name: `Shared Mailbox ${pad(i + 1)}`, alias: `shared${pad(i + 1)}` },
      );
      for (const user of sample(rng, users, options.fullAccessPerSharedMailbox ?? 2)) {
        tenant.addMailboxPermission(mailbox, user);
      }
      for (const user of sample(rng, users, options.sendAsPerSharedMailbox ?? 1))
        tenant.addSendAs(mailbox, user);
      for (const user of sample(rng, users, options.sendOnBehalfPerSharedMailbox ?? 1)) {
        tenant.addSendOnBehalf(mailbox, user);
      }
    }

    const addMembers = (group: GroupRecord) => {
      for (const user of sample(rng, users, options.membersPerGroup ?? 5)) tenant.addMember(group, user);
    };
    const dynamicGroups = Math.min(departments.length, Math.round(counts.distribution * dynamicShare));
    for (let i = 0; i < counts.distribution; i++) {
      const department = i < dynamicGroups ? departments[i] : undefined;
      addMembers(
        tenant.addDistributionGroup(
          department
            ? {
                name: `${department.name} Distribution Group`,
                alias: `dl.${department.id.toLowerCase()}`,
                customAttributes: { 1: department.id, 2: DYNAMIC_DISTRIBUTION_GROUP },
              }
            : { name: `Distribution Group ${pad(i + 1)}`, alias: `dl${pad(i + 1)}` },
        ),
      );
    }
    for (let i = 0; i < counts.security; i++) {
      const name = `Security Group ${pad(i + 1)}`;
      addMembers(tenant.addDistributionGroup({ name, alias: `sg${pad(i + 1)}`, type: "Security" }));
    }
    for (let i = 0; i < counts.dirSynced; i++) {
      const seed = { name: `Synced Group ${pad(i + 1)}`, alias: `synced${pad(i + 1)}`, isDirSynced: true };
      addMembers(tenant.addDistributionGroup({ ...seed, type: i % 2 === 0 ? "Distribution" : "Security" }));
    }
  });
}

/** The demo tenant: a handful of people (one O'Brien, one Dutch mailbox), shared mailboxes and groups. */
export function sampleTenant(): Tenant {
  const organization = "contoso.onmicrosoft.com";
  const tenant = Tenant.create({ tenantId: "7d1a3e2b-5c4f-4b6a-9e8d-0f1a2b3c4d5e", organization });
  tenant.acceptedDomains.push("contoso.com");
  const person = (
    first: string,
    last: string,
    local: string,
    extra: Parameters<Tenant["addUserMailbox"]>[0] = {},
  ) =>
    tenant.addUserMailbox({
      name: `${first} ${last}`,
      firstName: first,
      lastName: last,
      userPrincipalName: `${local}@${organization}`,
      emailAddresses: [`SMTP:${local}@${organization}`, `smtp:${local}@contoso.com`],
      company: "Contoso",
      ...extra,
    });

  return deterministic(tenant, random("sample"), () => {
    const emma = person("Emma", "Jansen", "emma.jansen", {
      department: "Finance",
      customAttributes: { 1: "DEP001" },
    });
    const jan = person("Jan", "de Vries", "jan.devries", {
      department: "Sales",
      office: "Utrecht",
      language: "nl-NL",
      customAttributes: { 1: "DEP003" },
    });
    const sean = person("Sean", "O'Brien", "sean.o'brien", {
      department: "IT",
      customAttributes: { 1: "DEP005" },
    });
    const lukas = person("Lukas", "Müller", "lukas.mueller", { department: "Support", language: "de-DE" });
    const chloe = person("Chloé", "Martin", "chloe.martin", { department: "Marketing", language: "fr-FR" });

    const finance = tenant.addSharedMailbox({
      name: "Finance Shared Mailbox",
      alias: "finance",
      primarySmtpAddress: `finance@${organization}`,
      customAttributes: { 1: "DEP001", 2: DYNAMIC_SHARED_MAILBOX },
    });
    const support = tenant.addSharedMailbox({
      name: "Support Desk",
      alias: "support",
      primarySmtpAddress: `support@${organization}`,
    });
    tenant.addSharedMailbox({ name: "Meeting Room Amstel", alias: "room.amstel", type: "Room" });
    tenant.addMailboxPermission(finance, emma);
    tenant.addSendAs(finance, emma);
    tenant.addMailboxPermission(support, sean);
    tenant.addSendOnBehalf(support, lukas);

    tenant.addDistributionGroup({
      name: "All Staff",
      alias: "allstaff",
      primarySmtpAddress: `allstaff@${organization}`,
      members: [emma, jan, sean, lukas, chloe],
    });
    tenant.addDistributionGroup({
      name: "Sales Distribution Group",
      alias: "sales",
      primarySmtpAddress: `sales@${organization}`,
      customAttributes: { 1: "DEP003", 2: DYNAMIC_DISTRIBUTION_GROUP },
      members: [jan],
    });
    tenant.addDistributionGroup({
      name: "Finance Approvers",
      alias: "finance.approvers",
      primarySmtpAddress: `finance.approvers@${organization}`,
      type: "Security",
      members: [emma],
    });
    tenant.addDistributionGroup({
      name: "Synced Managers",
      alias: "synced.managers",
      primarySmtpAddress: `synced.managers@${organization}`,
      isDirSynced: true,
      members: [emma, sean],
    });
  });
}
