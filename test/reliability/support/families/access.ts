// Shared mailboxes (both families: one entitlement for the configured rights, and one per right) and
// groups in the lifecycle: grant and revoke, sub-permissions from the person's contracts (with HelloID's
// CurrentPermissions fed back from the previous report), and resources that create and stamp objects
// under replication delay. Keys: "mbx:<name>:<right>:<person>", "grp:<name>:Member:<person>" and
// "obj:<kind>:<name>" = the correlation and marker attributes of each object.
import type { GroupRecord, MailboxRecord, Recipient, Tenant } from "../../../../src/simulator/index.js";
import type { FamilyPlugin, Person, Step, StepContext } from "../lifecycle.js";
import type { Model } from "../model.js";
import type { Random } from "../random.js";
import type { RunInput } from "../world.js";

type Kind = "mbx" | "grp";
type SubPermission = { DisplayName: string; Reference: Record<string, unknown> };

const MAILBOX_RIGHTS = ["FullAccess", "SendAs", "SendOnBehalf"] as const;
const LABELS: Record<string, string> = {
  FullAccess: "Full Access",
  SendAs: "Send As",
  SendOnBehalf: "Send on Behalf",
};
/** The families' defaults (SharedMailboxAccessRights, markers, templates). */
const DEFAULT_MAILBOX_RIGHTS = ["FullAccess", "SendAs"];
const MARKER: Record<Kind, string> = {
  mbx: "HelloID Dynamic Shared Mailbox",
  grp: "HelloID Dynamic Distribution Group",
};
const PREFIX: Record<Kind, string> = { mbx: "smb_", grp: "dg_" };
const SEEDED: Record<Kind, string[]> = {
  mbx: ["Sales", "O'Neil Support", "Zoë Team"],
  grp: ["Sales Group", "O'Neil Group", "Zoë Group"],
};
/** Departments D1..D3 have seeded objects; D4..D6 get theirs from the resources action. */
const RESOURCES = [
  { ExternalId: "D4", DisplayName: "Dept 4" },
  { ExternalId: "D5", DisplayName: "Café Zürich 5" },
  { ExternalId: "D6", DisplayName: "O'Hara & Co 6" },
];
const NOT_GRANTED = /account no longer exists/;

interface Target {
  readonly kind: Kind;
  readonly name: string;
  readonly guid: string;
  readonly department: string;
}

function isKind(record: Recipient, kind: Kind): boolean {
  return kind === "mbx"
    ? record.kind === "mailbox" && record.recipientTypeDetails === "SharedMailbox"
    : record.kind === "group";
}

const objectKey = (kind: Kind, name: string) => `obj:${kind}:${name}`;
const rightKey = (kind: Kind, name: string, right: string, person: Person) =>
  `${kind}:${name}:${right}:${person.key}`;

/** Objects the model says exist (seeded or created by resources), with their Guid from the tenant. */
function targets(context: StepContext, kind: Kind): Target[] {
  const found: Target[] = [];
  for (const [key, value] of context.model.state) {
    if (!key.startsWith(`obj:${kind}:`)) continue;
    const name = key.slice(`obj:${kind}:`.length);
    const record = context.tenant.findRecipient(name);
    if (record)
      found.push({ kind, name, guid: record.guid, department: (JSON.parse(value) as { c: string }).c });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function account(person: Person, extra: Record<string, unknown>): RunInput {
  return { actionContext: { References: { Account: person.guid }, ...extra } };
}

// ---- grant / revoke ----

interface FamilyShape {
  readonly action: "sharedMailboxes" | "sharedMailboxesSeparate" | "groups";
  readonly kind: Kind;
}

function identification(
  shape: FamilyShape,
  target: Target,
  random: Random,
): { id: Record<string, unknown>; rights: string[] } {
  if (shape.action === "groups") return { id: { Id: target.guid }, rights: ["Member"] };
  if (shape.action === "sharedMailboxesSeparate") {
    const right = random.pick(MAILBOX_RIGHTS);
    return {
      id: { Id: target.guid, Permission: random.chance(0.2) ? right.toLowerCase() : right },
      rights: [right],
    };
  }
  if (random.chance(0.4)) return { id: { Id: target.guid }, rights: DEFAULT_MAILBOX_RIGHTS };
  const rights = random.subset(MAILBOX_RIGHTS, 0.5);
  const chosen = rights.length > 0 ? rights : [random.pick(MAILBOX_RIGHTS)];
  return {
    id: {
      Id: target.guid,
      Name: target.name,
      Type: "Shared Mailbox",
      AccessRights: chosen.map((r) => LABELS[r]),
    },
    rights: chosen,
  };
}

function grantRevokeStep(shape: FamilyShape, context: StepContext): Step | undefined {
  const { random } = context;
  const person = context.person({ vanished: random.chance(0.15) });
  const all = targets(context, shape.kind);
  if (!person || all.length === 0) return undefined;
  const target = random.pick(all);
  const verb = random.chance(0.55) ? "grant" : "revoke";
  const { id, rights } = identification(shape, target, random);
  return {
    label: `${shape.action}/${verb} ${rights.join("+")} on ${target.name} ${person.key}${person.vanished ? " (vanished)" : ""}`,
    action: `${shape.action}/${verb}Permission`,
    input: () =>
      account(person, {
        References: { Account: person.guid, Permission: id },
        PermissionDisplayName: target.name,
      }),
    expectFailure: person.vanished && verb === "grant" ? NOT_GRANTED : undefined,
    commit: (model) => {
      if (person.vanished) return;
      for (const right of rights) {
        const key = rightKey(shape.kind, target.name, right, person);
        if (verb === "grant") model.set(key, true);
        else model.delete(key);
      }
    },
  };
}

// ---- sub-permissions ----

interface Dynamic {
  /** person.current key */
  readonly id: string;
  readonly reference: string;
  readonly rights: readonly string[];
}

function dynamicPermission(shape: FamilyShape, random: Random): Dynamic {
  if (shape.action === "groups") return { id: "groups", reference: "dg", rights: ["Member"] };
  if (shape.action === "sharedMailboxes")
    return { id: "sharedMailboxes", reference: "smb", rights: DEFAULT_MAILBOX_RIGHTS };
  const right = random.pick(MAILBOX_RIGHTS);
  return { id: `sharedMailboxesSeparate:${right}`, reference: right, rights: [right] };
}

/** The reference a sub-permission of this family carries (as the PowerShell connector writes it). */
function subReference(shape: FamilyShape, target: Target, right: string): Record<string, unknown> {
  if (shape.action === "groups") return { Id: target.guid };
  if (shape.action === "sharedMailboxes") return { Id: `${right}-${target.guid}` };
  return { Id: target.guid, Permission: right };
}

/** The (object, right) a current sub-permission stands for. */
function parseCurrent(
  shape: FamilyShape,
  tenant: Tenant,
  entry: SubPermission,
): { name: string; right: string } | undefined {
  const id = String(entry.Reference.Id ?? "");
  let guid = id;
  let right = shape.action === "groups" ? "Member" : String(entry.Reference.Permission ?? "");
  if (shape.action === "sharedMailboxes") {
    const match = /^(FullAccess|SendAs|SendOnBehalf)-(.+)$/.exec(id);
    if (!match) return undefined;
    right = match[1] as string;
    guid = match[2] as string;
  }
  const record = tenant.findRecipient(guid);
  return record ? { name: record.name, right } : undefined;
}

const canonicalReferences = (entries: readonly { Reference: Record<string, unknown> }[]) =>
  entries.map((entry) => JSON.stringify(entry.Reference)).sort();

function subPermissionsStep(shape: FamilyShape, context: StepContext): Step | undefined {
  const { random } = context;
  const person = context.person();
  if (!person) return undefined;
  const dynamic = dynamicPermission(shape, random);
  const held = person.current.get(dynamic.id) ?? [];
  const operation = held.length > 0 && random.chance(0.2) ? "revoke" : held.length > 0 ? "update" : "grant";
  const all = targets(context, shape.kind);
  const contracts = random.subset(all, 0.35).map((target) => ({
    Context: { InConditions: random.chance(0.85) },
    Department: {
      ExternalId: random.chance(0.2) ? target.department.toLowerCase() : target.department,
      DisplayName: target.name,
    },
  }));
  const inConditions = new Set(
    contracts.filter((c) => c.Context.InConditions).map((c) => c.Department.ExternalId.toLowerCase()),
  );
  const desired =
    operation === "revoke" ? [] : all.filter((target) => inConditions.has(target.department.toLowerCase()));
  const desiredReferences = desired.flatMap((target) =>
    dynamic.rights.map((right) => subReference(shape, target, right)),
  );
  return {
    label: `${shape.action}/subPermissions ${dynamic.reference} ${operation} ${person.key} -> [${desired.map((t) => t.name).join(", ")}]`,
    action: `${shape.action}/subPermissions`,
    input: () => ({
      ...account(person, {
        Operation: operation,
        References: { Account: person.guid, Permission: { Reference: dynamic.reference } },
        CurrentPermissions: person.current.get(dynamic.id) ?? [],
      }),
      personContext: { Person: { Contracts: contracts } },
    }),
    // As documented: current∖desired revoked, desired∖current granted; what HelloID says the person
    // holds and still wants is not touched (a static revoke of the same right in between stays revoked).
    commit: (model) => {
      const wanted = new Set(
        desired.flatMap((target) =>
          dynamic.rights.map((right) => rightKey(shape.kind, target.name, right, person)),
        ),
      );
      const current = new Set<string>();
      for (const entry of held) {
        const parsed = parseCurrent(shape, context.tenant, entry);
        if (parsed) current.add(rightKey(shape.kind, parsed.name, parsed.right, person));
      }
      for (const key of current) if (!wanted.has(key)) model.delete(key);
      for (const key of wanted) if (!current.has(key)) model.set(key, true);
    },
    after: (outcome) => {
      const reported = (outcome.output.SubPermissions ?? []) as SubPermission[];
      if (outcome.exitCode === 0 || outcome.exitCode === 1) person.current.set(dynamic.id, reported);
    },
    verify: (outcome) => {
      const reported = ((outcome.output.SubPermissions ?? []) as SubPermission[]).filter(
        (entry) => entry.Reference.Id !== "No permissions defined",
      );
      const expected = canonicalReferences(desiredReferences.map((Reference) => ({ Reference })));
      const actual = canonicalReferences(reported);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        return `SubPermissions ${JSON.stringify(actual)} are not the desired ${JSON.stringify(expected)}`;
      }
      const placeholder = (outcome.output.SubPermissions ?? []).length > reported.length;
      if (operation !== "revoke" && expected.length === 0 && !placeholder)
        return "no placeholder on an empty set";
      return undefined;
    },
  };
}

// ---- resources ----

function resourcesStep(shape: FamilyShape, context: StepContext): Step {
  const { random } = context;
  const existing = new Set(targets(context, shape.kind).map((t) => t.department.toLowerCase()));
  const chosen = random.subset(RESOURCES, 0.6);
  const seededDepartments = ["D1", "D2", "D3"]
    .filter(() => random.chance(0.3))
    .map((id) => ({ ExternalId: id, DisplayName: `Seeded ${id}` }));
  const sourceData = [
    ...chosen,
    ...seededDepartments,
    ...(chosen.length > 0 && random.chance(0.3) ? [chosen[0]] : []),
  ];
  const created = chosen.filter((resource) => !existing.has(resource.ExternalId.toLowerCase()));
  const names = new Map(
    created.map((resource) => [
      objectKey(shape.kind, `${PREFIX[shape.kind]}${resource.DisplayName}`),
      resource.ExternalId,
    ]),
  );
  return {
    label: `${shape.action}/resources [${sourceData.map((r) => r?.ExternalId).join(", ")}] creates [${created.map((r) => r.ExternalId).join(", ")}]`,
    action: `${shape.action}/resources`,
    input: () => ({ resourceContext: { SourceData: sourceData } }),
    commit: (model) => {
      for (const [key, department] of names) model.set(key, { c: department, m: MARKER[shape.kind] });
    },
    // Created but not yet stamped (the run failed between the two): the next run stamps it.
    allowPartial: (key, actual) =>
      names.has(key) && (actual === undefined || actual === JSON.stringify({ c: "", m: "" })),
  };
}

// ---- imports ----

/** importPermission must report exactly who holds each right now (live persons; a deleted one's SID is skipped). */
function importStep(shape: FamilyShape, context: StepContext): Step | undefined {
  if (shape.action === "sharedMailboxes") return undefined;
  const byGuid = new Map(context.persons.map((p) => [p.guid, p]));
  return {
    label: `${shape.action}/importPermission`,
    action: `${shape.action}/importPermission`,
    input: () => ({ actionContext: {} }),
    commit: () => undefined,
    verify: (outcome, observed) => {
      const expected = new Set<string>();
      for (const [key, value] of observed) {
        const [kind, name, right, person] = key.split(":");
        if (kind !== shape.kind || value !== "true" || !name || !right || !person) continue;
        const holder = context.persons.find((p) => p.key === person);
        if (holder && !holder.vanished) expected.add(`${name}|${right}|${holder.guid}`);
      }
      const imported = new Set<string>();
      for (const record of outcome.records) {
        const reference = record.PermissionReference as { Id: string; Permission?: string };
        const object = context.tenant.findRecipient(reference.Id);
        for (const account of record.AccountReferences as string[]) {
          if (!byGuid.has(account)) continue;
          imported.add(`${object?.name}|${reference.Permission ?? "Member"}|${account}`);
        }
      }
      const missing = [...expected].filter((e) => !imported.has(e));
      const extra = [...imported].filter((e) => !expected.has(e));
      return missing.length + extra.length === 0 ? undefined : `import missing [${missing}] extra [${extra}]`;
    },
  };
}

/** The retrieve-permissions listing names every object of the family Exchange shows (all pages). */
function listingStep(shape: FamilyShape, context: StepContext): Step {
  return {
    label: `${shape.action}/permissions`,
    action: `${shape.action}/permissions`,
    input: () => ({ actionContext: {} }),
    commit: () => undefined,
    verify: (outcome) => {
      const expected = targets(context, shape.kind)
        .filter((target) => {
          const record = context.tenant.findRecipient(target.guid);
          return record !== undefined && context.tenant.isVisible(record);
        })
        .map((target) => target.guid)
        .sort();
      const listed = [
        ...new Set(
          (outcome.output.Permissions as { Identification: { Id: string } }[]).map(
            (p) => p.Identification.Id,
          ),
        ),
      ].sort();
      return JSON.stringify(listed) === JSON.stringify(expected)
        ? undefined
        : `listed ${JSON.stringify(listed)}, expected ${JSON.stringify(expected)}`;
    },
  };
}

// ---- the plugin ----

function seedObjects(tenant: Tenant, kind: Kind): void {
  SEEDED[kind].forEach((name, i) => {
    const seed = { name, displayName: name, customAttributes: { 1: `D${i + 1}` } };
    if (kind === "mbx") tenant.addSharedMailbox(seed);
    else tenant.addDistributionGroup({ ...seed, type: i === 2 ? "Security" : "Distribution" });
  });
}

function observeKind(
  tenant: Tenant,
  persons: readonly Person[],
  kind: Kind,
  into: Map<string, string>,
): void {
  const byGuid = new Map(persons.map((p) => [p.guid, p]));
  const set = (key: string, value: unknown) => into.set(key, JSON.stringify(value));
  for (const record of tenant.toState().recipients) {
    if (!isKind(record, kind)) continue;
    set(objectKey(kind, record.name), {
      c: record.customAttributes[0] ?? "",
      m: record.customAttributes[1] ?? "",
    });
    const grants: [string, string[]][] =
      record.kind === "mailbox"
        ? [
            [
              "FullAccess",
              record.fullAccess
                .filter((ace) => ace.accessRights.includes("FullAccess") && !ace.deny)
                .map((ace) => ace.trustee),
            ],
            ["SendAs", record.sendAs],
            ["SendOnBehalf", record.grantSendOnBehalfTo],
          ]
        : [["Member", record.members]];
    for (const [right, trustees] of grants) {
      for (const guid of trustees) {
        const person = byGuid.get(guid);
        if (person) set(rightKey(kind, record.name, right, person), true);
      }
    }
  }
}

function duplicatesOf(tenant: Tenant, kind: Kind): string[] {
  const problems: string[] = [];
  const twice = (label: string, list: readonly string[]) => {
    const seen = new Set<string>();
    for (const item of list) {
      if (seen.has(item)) problems.push(`${label} ${item}`);
      seen.add(item);
    }
  };
  for (const record of tenant.toState().recipients) {
    if (!isKind(record, kind)) continue;
    if (record.kind === "mailbox") {
      const mailbox = record as MailboxRecord;
      twice(
        `FullAccess on ${mailbox.name} for`,
        mailbox.fullAccess.map((ace) => `${ace.trustee}/${ace.deny}`),
      );
      twice(`SendAs on ${mailbox.name} for`, mailbox.sendAs);
      twice(`SendOnBehalf on ${mailbox.name} for`, mailbox.grantSendOnBehalfTo);
    } else {
      twice(`membership of ${record.name} for`, (record as GroupRecord).members);
    }
  }
  return problems;
}

function accessPlugin(
  name: string,
  kind: Kind,
  shapes: readonly FamilyShape[],
  weight: number,
): FamilyPlugin {
  return {
    name,
    weight,
    seed: (tenant) => seedObjects(tenant, kind),
    observe: (tenant, persons, into) => observeKind(tenant, persons, kind, into),
    duplicates: (tenant) => duplicatesOf(tenant, kind),
    vanish(model: Model, person: Person) {
      // Deleting a mailbox removes its memberships and send-on-behalf links; ACEs stay as orphaned SIDs.
      for (const key of [...model.state.keys()]) {
        if (key.endsWith(`:${person.key}`) && (key.includes(":Member:") || key.includes(":SendOnBehalf:")))
          model.delete(key);
      }
      person.current.clear();
    },
    step(context) {
      const shape = context.random.pick(shapes);
      return context.random.weighted<() => Step | undefined>([
        [5, () => grantRevokeStep(shape, context)],
        [3, () => subPermissionsStep(shape, context)],
        [1, () => resourcesStep(shape, context)],
        [1, () => importStep(shape, context)],
        [1, () => listingStep(shape, context)],
      ])();
    },
  };
}

export const sharedMailboxFamily = accessPlugin(
  "sharedMailboxes",
  "mbx",
  [
    { action: "sharedMailboxes", kind: "mbx" },
    { action: "sharedMailboxesSeparate", kind: "mbx" },
  ],
  4,
);
export const groupFamily = accessPlugin("groups", "grp", [{ action: "groups", kind: "grp" }], 3);
