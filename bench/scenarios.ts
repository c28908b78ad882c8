// The common case of every action, for counting its round trips (and timing it under latency): the state it
// starts from, the input HelloID sends, the fewest round trips the job allows, and what the PowerShell
// connector does for the same script (docs/HELLOID-CONTRACT.md, 'The PowerShell connector's calls'; counts
// are its cmdlets, to which every connecting script adds a token request and Connect-ExchangeOnline's module
// download).
import type { GroupRecord, MailboxRecord, Simulator, Tenant } from "../src/simulator/index.js";
import type { RequestCounts } from "./requestStats.js";
import { type InProcessRun, type Json, type RunInput, runInProcess } from "./support/inProcess.js";

/** A figure that depends on how many objects the measured run met (imports: one read per object). */
export type Count = number | ((measured: RequestCounts) => number);

export const evaluate = (count: Count, measured: RequestCounts): number =>
  typeof count === "number" ? count : count(measured);

/** What the PowerShell connector's script sends for the same case. */
export interface PowerShellScript {
  /** Cmdlet round trips (Get-EXO* and InvokeCommand alike); undefined: no such script. */
  cmdlets: Count | undefined;
  /** False for scripts that only list configured options (no Connect-ExchangeOnline). */
  connects: boolean;
  detail: string;
  /** Its script in Tools4everBV/HelloID-Conn-Prov-Target-ExchangeOnline; "[I]" marks an inference. */
  source: string;
}

export interface Scenario {
  /** The common case, in words. */
  description: string;
  /** Seeds the state (setup runs are not counted) and returns the measured run's input. */
  prepare(context: ScenarioContext): Promise<RunInput> | RunInput;
  /** The fewest HTTP round trips (token included) the job allows here. */
  minimum: Count;
  /** Why that is the minimum. */
  why: string;
  /** The measured run did the common case when this matches one of its audit messages (or import records). */
  expect?: RegExp;
  powershell: PowerShellScript;
}

let counter = 0;
const unique = () => {
  counter += 1;
  return counter;
};

/** New objects per scenario run, so repeated runs (the latency benchmark) start from the same state. */
export class ScenarioContext {
  constructor(readonly simulator: Simulator) {}

  get tenant(): Tenant {
    return this.simulator.tenant;
  }

  user(seed: { language?: string; hidden?: boolean } = {}): MailboxRecord {
    const n = unique();
    return this.tenant.addUserMailbox({
      name: `Bench User ${n}`,
      firstName: "Bench",
      lastName: `User ${n}`,
      userPrincipalName: `bench.user${n}@${this.tenant.organization}`,
      language: seed.language ?? "en-US",
      hiddenFromAddressListsEnabled: seed.hidden ?? false,
      customAttributes: { 1: "Engineer" },
    });
  }

  sharedMailbox(): MailboxRecord {
    const n = unique();
    return this.tenant.addSharedMailbox({ name: `Bench Shared ${n}`, alias: `bench.shared${n}` });
  }

  group(): GroupRecord {
    const n = unique();
    return this.tenant.addDistributionGroup({ name: `Bench Group ${n}`, alias: `bench.group${n}` });
  }

  /** The generator's department objects (CustomAttribute1 = DEP001…), shared mailboxes or groups. */
  departmentObjects(kind: "SharedMailbox" | "group"): { id: string; name: string; department: string }[] {
    const found: { id: string; name: string; department: string }[] = [];
    for (const recipient of this.tenant.list("recipient")) {
      const department = recipient.customAttributes[0] ?? "";
      if (!/^DEP\d+$/.test(department)) continue;
      const matches =
        kind === "group"
          ? recipient.kind === "group"
          : recipient.kind === "mailbox" && recipient.recipientTypeDetails === "SharedMailbox";
      if (matches) found.push({ id: recipient.guid, name: recipient.displayName, department });
    }
    return found.sort((a, b) => a.department.localeCompare(b.department));
  }

  /** A run that prepares state; not counted. */
  async setup(action: string, input: RunInput): Promise<InProcessRun> {
    const run = await runInProcess(this.simulator, action, input);
    if (run.exitCode !== 0)
      throw new Error(`setup ${action} failed: ${run.stderr || JSON.stringify(run.output)}`);
    return run;
  }
}

const account = (mailbox: MailboxRecord) => ({ References: { Account: mailbox.guid } });

const contracts = (values: readonly string[]) => ({
  Person: {
    ExternalId: "bench",
    DisplayName: "Bench Person",
    Contracts: values.map((value, index) => ({
      ExternalId: `C-${index + 1}`,
      Context: { InConditions: true },
      Department: { ExternalId: value, DisplayName: value },
    })),
  },
});

const AUTO_REPLY = {
  AutoReplyState: "Enabled",
  InternalMessage: "Dear colleague, I am no longer employed here. Your mail is forwarded to Carl Dijk.",
  ExternalMessage: "Dear Sir, Madam, I am no longer employed here. Please write to carl@contoso.com.",
  ExternalAudience: "All",
};

function accountScenarios(): Record<string, Scenario> {
  return {
    create: {
      description: "correlate a new hire's visible mailbox by UPN, mapped HiddenFromAddressListsEnabled true",
      prepare: (c) => {
        const user = c.user();
        return {
          actionContext: {
            Data: { HiddenFromAddressListsEnabled: "true" },
            CorrelationConfiguration: {
              Enabled: true,
              PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
              PersonFieldValue: user.userPrincipalName,
              AccountField: "UserPrincipalName",
            },
          },
          outputContext: {
            Data: { Guid: null, UserPrincipalName: null, HiddenFromAddressListsEnabled: "true" },
          },
        };
      },
      minimum: 3,
      why: "token + the correlation query + the Set-Mailbox it decides (the write needs the Guid the read finds)",
      expect: /^Set HiddenFromAddressListsEnabled/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-EXOMailbox -Filter, Set-Mailbox (runs on every correlation)",
        source: "create.ps1, which reads without -Properties",
      },
    },
    "correlateOnly/create": {
      description: "correlate a mailbox by UPN, no write",
      prepare: (c) => ({
        actionContext: {
          CorrelationConfiguration: {
            Enabled: true,
            PersonFieldValue: c.user().userPrincipalName,
            AccountField: "UserPrincipalName",
          },
        },
        outputContext: { Data: { Guid: null, UserPrincipalName: null } },
      }),
      minimum: 2,
      why: "token + the correlation query",
      expect: /^Correlated/,
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Get-EXOMailbox -Filter",
        source: "correlateOnly/create.ps1",
      },
    },
    update: {
      description: "job title changed: CustomAttribute1 differs, EmailAddresses mapped and already primary",
      prepare: (c) => {
        const user = c.user();
        const primary = `bench.user${user.name.replace(/\D/g, "")}@contoso.com`;
        c.tenant.update(user, (record) => {
          record.emailAddresses = [`SMTP:${primary}`, `smtp:${user.userPrincipalName}`];
        });
        return {
          actionContext: {
            ...account(user),
            Data: { CustomAttribute1: "Senior Engineer", EmailAddresses: [`SMTP:${primary}`] },
          },
        };
      },
      minimum: 3,
      why: "token + one read (PreviousData and the EmailAddresses merge need the current values) + one Set-Mailbox",
      expect: /^Updated mailbox/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-EXOMailbox -Identity -Properties, Set-Mailbox per changed property (one here)",
        source: "update.ps1",
      },
    },
    enable: {
      description: "show a hidden mailbox (mapped HiddenFromAddressListsEnabled false)",
      prepare: (c) => ({
        actionContext: {
          ...account(c.user({ hidden: true })),
          Data: { HiddenFromAddressListsEnabled: "false" },
        },
      }),
      minimum: 2,
      why: "token + one Set-Mailbox (its no-change warning tells an already visible mailbox)",
      expect: /^Set HiddenFromAddressListsEnabled/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-EXOMailbox -Identity, Set-Mailbox",
        source: "enable.ps1",
      },
    },
    disable: {
      description: "hide a visible mailbox (mapped HiddenFromAddressListsEnabled true)",
      prepare: (c) => ({
        actionContext: { ...account(c.user()), Data: { HiddenFromAddressListsEnabled: "true" } },
      }),
      minimum: 2,
      why: "token + one Set-Mailbox",
      expect: /^Set HiddenFromAddressListsEnabled/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-EXOMailbox -Identity, Set-Mailbox",
        source: "disable.ps1",
      },
    },
    delete: {
      description: "set the leaver's auto-reply (state, both messages, audience) on a mailbox without one",
      prepare: (c) => ({ actionContext: { ...account(c.user()), Data: AUTO_REPLY } }),
      minimum: 3,
      why: "token + the current auto-reply + one Set-MailboxAutoReplyConfiguration: delete skips an auto-reply already set without writing (tested: a second run sends no write), and that needs the read; a write-first variant would save the read but send a no-op write on every repeat",
      expect: /^Set the auto-reply/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-MailboxAutoReplyConfiguration, Set-MailboxAutoReplyConfiguration",
        source: "delete.ps1",
      },
    },
    import: {
      description: "every user mailbox of the bench tenant (about 500: one page)",
      prepare: () => ({
        actionContext: {
          ImportFields: ["Guid", "UserPrincipalName", "HiddenFromAddressListsEnabled", "CustomAttribute1"],
        },
      }),
      minimum: 2,
      why: "token + one page per 1,000 mailboxes",
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Get-EXOMailbox -ResultSize Unlimited (one page per 1,000)",
        source: "import.ps1",
      },
    },
    "correlateOnly/import": {
      description: "as import",
      prepare: () => ({ actionContext: { ImportFields: ["Guid", "UserPrincipalName"] } }),
      minimum: 2,
      why: "token + one page per 1,000 mailboxes",
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Get-EXOMailbox -ResultSize Unlimited",
        source: "correlateOnly/import.ps1",
      },
    },
  };
}

const NO_CALL: Pick<Scenario, "minimum" | "why"> = {
  minimum: 0,
  why: "the configured options are the permissions: nothing to ask Exchange",
};

function mailboxSettingScenarios(): Record<string, Scenario> {
  const folderGrant = (user: MailboxRecord, id: string) => ({
    actionContext: { ...account(user), References: { Account: user.guid, Permission: { Id: id } } },
  });
  const holdInput = (user: MailboxRecord) => ({
    actionContext: { References: { Account: user.guid, Permission: { Id: "LitigationHold-365" } } },
  });
  return {
    "folderPermission/permissions": {
      description: "list the configured calendar options",
      prepare: () => ({}),
      ...NO_CALL,
      powershell: {
        cmdlets: 0,
        connects: false,
        detail: "static list",
        source: "permissions/folderPermission/permissions.ps1 [I: no connect]",
      },
    },
    "folderPermission/grantPermission": {
      description: "give Default Reviewer on a calendar where Default has AvailabilityOnly",
      prepare: (c) => folderGrant(c.user(), "3"),
      minimum: 4,
      why: "token + the calendar's (localized) name + the user's entry + one Set-/Add-MailboxFolderPermission: the entry decides Set or Add and lets an equal right cost no write (tested); write-first (Set, then Add on no entry) would save the read but write on every repeat",
      expect: /^Granted/,
      powershell: {
        cmdlets: 2,
        connects: true,
        detail: "Get-MailboxFolderStatistics, Set-MailboxFolderPermission",
        source: "permissions/folderPermission/grantPermission.ps1",
      },
    },
    "folderPermission/revokePermission": {
      description: "revoke Reviewer from Default: back to the AvailabilityOnly baseline",
      prepare: async (c) => {
        const user = c.user();
        await c.setup("folderPermission/grantPermission", folderGrant(user, "3"));
        return folderGrant(user, "3");
      },
      minimum: 4,
      why: "token + calendar name + the entry (only a right that is still the revoked one is reset) + one write",
      expect: /^Revoked/,
      powershell: {
        cmdlets: undefined,
        connects: true,
        detail: "no revoke script",
        source: "permissions/folderPermission/",
      },
    },
    "regionalConfiguration/permissions": {
      description: "list the configured regional options",
      prepare: () => ({}),
      ...NO_CALL,
      powershell: {
        cmdlets: 0,
        connects: false,
        detail: "static list",
        source: "permissions/regionalConfiguration/permissions.ps1 [I: no connect]",
      },
    },
    "regionalConfiguration/grantPermission": {
      description: "apply the default NL option to an en-US mailbox",
      prepare: (c) => ({
        actionContext: {
          References: { Account: c.user().guid, Permission: { Id: "MailboxRegionalConfiguration-NL" } },
        },
      }),
      minimum: 3,
      why: "token + the current configuration + one Set-MailboxRegionalConfiguration: a mailbox already set gets no write (tested), which needs the read; the PowerShell script only writes, and so could we, at the cost of a no-op write on every repeat",
      expect: /^Set the regional configuration/,
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Set-MailboxRegionalConfiguration",
        source: "permissions/regionalConfiguration/grantPermission.ps1",
      },
    },
    "regionalConfiguration/revokePermission": {
      description: "revoke: the settings stay",
      prepare: (c) => ({
        actionContext: {
          References: { Account: c.user().guid, Permission: { Id: "MailboxRegionalConfiguration-NL" } },
        },
      }),
      minimum: 0,
      why: "nothing records the earlier settings, so there is nothing to send",
      powershell: {
        cmdlets: undefined,
        connects: true,
        detail: "no revoke script",
        source: "permissions/regionalConfiguration/",
      },
    },
    "litigationHold/permissions": {
      description: "list the configured hold durations",
      prepare: () => ({}),
      ...NO_CALL,
      powershell: {
        cmdlets: 0,
        connects: false,
        detail: "static list (seed)",
        source: "permissions/litigationHold/permissions.ps1 @ 08bf3cf",
      },
    },
    "litigationHold/grantPermission": {
      description: "place a 365-day hold on a mailbox without one",
      prepare: (c) => holdInput(c.user()),
      minimum: 3,
      why: "token + the hold fields (a hold someone else placed must be left alone) + one Set-Mailbox",
      expect: /^Placed/,
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Set-Mailbox -LitigationHoldEnabled (seed; removed later)",
        source: "permissions/litigationHold/grantPermission.ps1 @ 08bf3cf",
      },
    },
    "litigationHold/revokePermission": {
      description: "lift the connector's own 365-day hold",
      prepare: async (c) => {
        const user = c.user();
        await c.setup("litigationHold/grantPermission", holdInput(user));
        return holdInput(user);
      },
      minimum: 3,
      why: "token + the hold's owner (only this connector's hold is lifted) + one Set-Mailbox",
      expect: /^Lifted/,
      powershell: {
        cmdlets: 1,
        connects: true,
        detail: "Set-Mailbox -LitigationHoldEnabled $false (seed; removed later)",
        source: "permissions/litigationHold/revokePermission.ps1 @ 08bf3cf",
      },
    },
  };
}

interface FamilyShape {
  name: "sharedMailboxes" | "sharedMailboxesSeparate" | "groups";
  kind: "SharedMailbox" | "group";
  /** The rights one grant/revoke or one sub-permission object stands for. */
  rightsPerObject: number;
  identification(target: { id: string; name: string }): Json;
  /** Gives the account what `identification` stands for, directly in the tenant. */
  hold(tenant: Tenant, target: string, user: MailboxRecord): void;
  subReference: string;
  current(target: { id: string; name: string }): Json[];
  /** The PowerShell script's cmdlets for one grant or revoke. */
  psGrant: string;
  psListing: string;
}

const FAMILIES: FamilyShape[] = [
  {
    name: "sharedMailboxes",
    kind: "SharedMailbox",
    rightsPerObject: 2,
    identification: ({ id, name }) => ({
      Id: id,
      Name: name,
      Type: "Shared Mailbox",
      AccessRights: ["Full Access", "Send As"],
    }),
    hold: (tenant, target, user) => {
      tenant.addMailboxPermission(target, user);
      tenant.addSendAs(target, user);
    },
    subReference: "smb",
    current: ({ id, name }) => [
      { DisplayName: `FullAccess-${name}`, Reference: { Id: `FullAccess-${id}` } },
      { DisplayName: `SendAs-${name}`, Reference: { Id: `SendAs-${id}` } },
    ],
    psGrant: "Add-MailboxPermission, Add-RecipientPermission",
    psListing: "Get-EXORecipient -RecipientTypeDetails SharedMailbox -ResultSize Unlimited",
  },
  {
    name: "sharedMailboxesSeparate",
    kind: "SharedMailbox",
    rightsPerObject: 1,
    identification: ({ id }) => ({ Id: id, Permission: "FullAccess" }),
    hold: (tenant, target, user) => tenant.addMailboxPermission(target, user),
    subReference: "FullAccess",
    current: ({ id, name }) => [{ DisplayName: name, Reference: { Id: id, Permission: "FullAccess" } }],
    psGrant: "Add-MailboxPermission",
    psListing: "Get-EXOMailbox -RecipientTypeDetails SharedMailbox -ResultSize Unlimited",
  },
  {
    name: "groups",
    kind: "group",
    rightsPerObject: 1,
    identification: ({ id }) => ({ Id: id }),
    hold: (tenant, target, user) => tenant.addMember(target, user),
    subReference: "dg",
    current: ({ id, name }) => [{ DisplayName: name, Reference: { Id: id } }],
    psGrant: "Add-DistributionGroupMember",
    psListing: "Get-DistributionGroup ×2 (security groups, then the others)",
  },
];

function familyScenarios(family: FamilyShape): Record<string, Scenario> {
  const object = (c: ScenarioContext) => {
    const record = family.kind === "group" ? c.group() : c.sharedMailbox();
    return { id: record.guid, name: record.displayName };
  };
  const grantInput = (user: MailboxRecord, target: { id: string; name: string }) => ({
    actionContext: {
      PermissionDisplayName: target.name,
      References: { Account: user.guid, Permission: family.identification(target) },
    },
  });
  const writes = family.rightsPerObject;
  const psWrites = family.psGrant.split(",").length;
  const verb = (grant: boolean) => (grant ? "Granted" : "Revoked");
  // Sub-permissions: 5 changes each way where an object stands for one right; shared mailboxes (2 rights an
  // object) move 3 objects in and 2 out: 6 grants + 4 revokes.
  const grantsObjects = family.rightsPerObject === 1 ? 5 : 3;
  const revokeObjects = family.rightsPerObject === 1 ? 5 : 2;
  const psLookupCount = grantsObjects;
  const changes = (grantsObjects + revokeObjects) * family.rightsPerObject;
  // Imports read the holders object by object (the cmdlet needs an Identity): as many reads as objects.
  const perObject = family.kind === "group" ? "Get-DistributionGroupMember" : "Get-MailboxPermission";
  const objects = (m: RequestCounts) => m.cmdlets[perObject] ?? 0;
  // Listings before the per-object reads: groups 1 (the groups); mailboxes 3 (users, SendAs, shared mailboxes).
  const listings = family.kind === "group" ? 1 : 3;
  const importMinimum = (m: RequestCounts) => 1 + listings + Math.ceil(objects(m) / 10);
  const importWhy = `token + ${listings === 1 ? "the group listing" : "user directory, SendAs listing and mailbox listing"} + the per-object reads (${perObject} needs an Identity), 10 to a $batch as the module pipelines them (whether Exchange then runs the 10 in parallel is undocumented: fewer round trips, not necessarily less server time)`;
  const importPowerShell = (m: RequestCounts) => listings + objects(m);
  const importDetail =
    family.kind === "group"
      ? "Get-DistributionGroup, Get-DistributionGroupMember per group"
      : "Get-EXOMailbox (users, shared), Get-EXORecipientPermission, Get-EXOMailboxPermission per mailbox";
  return {
    [`${family.name}/permissions`]: {
      description: `every ${family.kind === "group" ? "cloud-only group" : "shared mailbox"} of the bench tenant (< 1,000: one page)`,
      prepare: () => ({}),
      minimum: 2,
      why: "token + one page per 1,000 objects",
      powershell: {
        cmdlets: family.kind === "group" ? 2 : 1,
        connects: true,
        detail: family.psListing,
        source: "permissions/*/permissions.ps1",
      },
    },
    [`${family.name}/grantPermission`]: {
      description: `grant a new permission (${writes} right${writes > 1 ? "s" : ""})`,
      prepare: (c) => grantInput(c.user(), object(c)),
      minimum: 2,
      why:
        writes > 1
          ? "token + one $batch carrying the writes"
          : "token + one write (already granted: Exchange says so)",
      expect: new RegExp(`^${verb(true)}`),
      powershell: {
        cmdlets: psWrites,
        connects: true,
        detail: family.psGrant,
        source: "permissions/*/grantPermission.ps1",
      },
    },
    [`${family.name}/revokePermission`]: {
      description: `revoke a held permission (${writes} right${writes > 1 ? "s" : ""})`,
      prepare: (c) => {
        const user = c.user();
        const target = object(c);
        family.hold(c.tenant, target.id, user);
        return grantInput(user, target);
      },
      minimum: 2,
      why: writes > 1 ? "token + one $batch carrying the writes" : "token + one write",
      expect: new RegExp(`^${verb(false)}`),
      powershell: {
        cmdlets: psWrites,
        connects: true,
        detail: family.psGrant.replaceAll("Add-", "Remove-"),
        source: "permissions/*/revokePermission.ps1",
      },
    },
    [`${family.name}/subPermissions`]: {
      description: `update: contracts move the person into ${grantsObjects} department objects and out of ${revokeObjects} (${changes} changes)`,
      prepare: (c) => {
        const user = c.user();
        const objects = c.departmentObjects(family.kind);
        if (objects.length < grantsObjects + revokeObjects) throw new Error("too few department objects");
        const desired = objects.slice(0, grantsObjects);
        const current = objects.slice(grantsObjects, grantsObjects + revokeObjects);
        for (const target of current) family.hold(c.tenant, target.id, user);
        return {
          actionContext: {
            Operation: "update",
            References: { Account: user.guid, Permission: { Reference: family.subReference } },
            CurrentPermissions: current.flatMap((target) => family.current(target)),
          },
          personContext: contracts(desired.map((target) => target.department)),
        };
      },
      minimum: 2 + Math.ceil(changes / 10),
      why: `token + one filtered query for all contracts + ${Math.ceil(changes / 10)} $batch (10 changes each)`,
      expect: /^(Granted|Revoked)/,
      powershell: {
        cmdlets: psLookupCount + changes,
        connects: true,
        detail: `one lookup per contract (${psLookupCount}), one cmdlet per change (${changes})`,
        source: "permissions/*/subPermissions.ps1",
      },
    },
    [`${family.name}/resources`]: {
      description: "12 departments, 10 with an object already, 2 new: create and stamp those 2",
      prepare: (c) => {
        const existing = c.departmentObjects(family.kind).map((target) => ({
          ExternalId: target.department,
          DisplayName: target.name,
        }));
        const n = unique();
        const fresh = [`NEW${n}A`, `NEW${n}B`].map((id) => ({
          ExternalId: id,
          DisplayName: `Department ${id}`,
        }));
        return { resourceContext: { SourceData: [...existing, ...fresh] } };
      },
      minimum: 4,
      why: "token + one listing of the correlated objects + one $batch of New-* + one $batch stamping them (New-* takes no custom attributes)",
      expect: /^Created/,
      powershell: {
        cmdlets: 1 + 2 * 2,
        connects: true,
        detail: "one listing, then per new object New-* and Set-*",
        source: "resources/*/resources.ps1",
      },
    },
    [`${family.name}/importPermission`]: {
      description: `who holds each ${family.kind === "group" ? "group" : "shared mailbox"} permission (every listed object)`,
      prepare: () => ({}),
      minimum: (m) => importMinimum(m),
      why: importWhy,
      powershell: {
        cmdlets: (m) => importPowerShell(m),
        connects: true,
        detail: importDetail,
        source: "permissions/*/importPermission.ps1",
      },
    },
    [`${family.name}/importSubPermissions`]: {
      description: "holders of the department objects the resources action marked",
      prepare: () => ({}),
      minimum: (m) => importMinimum(m),
      why: importWhy,
      powershell: {
        cmdlets: (m) => importPowerShell(m),
        connects: true,
        detail: importDetail,
        source: "permissions/*/importSubPermissions.ps1",
      },
    },
  };
}

export function allScenarios(): Record<string, Scenario> {
  return {
    ...accountScenarios(),
    ...mailboxSettingScenarios(),
    ...Object.assign({}, ...FAMILIES.map(familyScenarios)),
  };
}

/** The generated tenant every in-process benchmark starts from: realistic and small. */
export const BENCH_TENANT = {
  seed: 7,
  users: 500,
  sharedMailboxes: 50,
  groups: 50,
  departments: 10,
} as const;
