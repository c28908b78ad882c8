// `exo-connector example <action>`: a ready `run` input for any action against the simulator's sample tenant
// (what `exo-connector simulator` serves when it generates nothing): Emma Jansen's mailbox, the shared mailbox
// "Finance Shared Mailbox", the group "All Staff", departments DEP001 (Finance) and DEP003 (Sales). Every
// field is one HelloID hands that kind of script; README.md ("Run any action locally") says what each means.
import { GROUP_SETTINGS } from "../actions/groups/settings.js";
import { findAction } from "../actions/registry.js";
import { SHARED_MAILBOX_SETTINGS } from "../actions/sharedMailboxes/settings.js";
import { DEFAULT_APP, sampleTenant } from "../simulator/index.js";

export const SIMULATOR_URL_PLACEHOLDER = "<simulator URL>";

export interface ExampleOptions {
  /** The simulator's URL (`https://127.0.0.1:PORT`, printed when it starts); else a placeholder to fill in. */
  simulatorUrl?: string;
  /** DryRun in the example; default true, so a first run writes nothing. */
  dryRun?: boolean;
}

interface SampleObjects {
  tenantId: string;
  organization: string;
  person: { guid: string; userPrincipalName: string };
  sharedMailbox: { guid: string; name: string };
  group: { guid: string; name: string };
}

function sampleObjects(): SampleObjects {
  const tenant = sampleTenant();
  const find = (name: string) => {
    const recipient = tenant.findRecipient(name);
    if (!recipient) throw new Error(`the sample tenant has no ${name}`);
    return recipient;
  };
  const person = find("Emma Jansen") as ReturnType<typeof find> & { userPrincipalName: string };
  const shared = find("Finance Shared Mailbox");
  const group = find("All Staff");
  return {
    tenantId: tenant.tenantId,
    organization: tenant.organization,
    person: { guid: person.guid, userPrincipalName: person.userPrincipalName },
    sharedMailbox: { guid: shared.guid, name: shared.name },
    group: { guid: group.guid, name: group.name },
  };
}

const DEPARTMENTS = {
  finance: { ExternalId: "DEP001", DisplayName: "Finance" },
  sales: { ExternalId: "DEP003", DisplayName: "Sales" },
};

/**
 * personContext as HelloID hands it: the person, with the contracts a sub-permission script reads (those in
 * the business rule's conditions have Context.InConditions true). The sample tenant has a dynamic shared
 * mailbox for Finance and a dynamic group for Sales.
 */
function personContext(department: (typeof DEPARTMENTS)[keyof typeof DEPARTMENTS]) {
  return {
    Person: {
      ExternalId: "100001",
      DisplayName: "Emma Jansen",
      Name: { GivenName: "Emma", FamilyName: "Jansen" },
      PrimaryContract: { Title: { Name: "Controller" }, Department: department },
      Contracts: [{ ExternalId: "C-1", Context: { InConditions: true }, Department: department }],
    },
    Manager: { DisplayName: "Carl Dijk" },
  };
}

/** The Identification and display name the family's permissions script lists for the sample object. */
function permissionOf(
  family: string,
  sample: SampleObjects,
): { Identification: object; DisplayName: string } {
  switch (family) {
    case "sharedMailboxes":
      return {
        Identification: {
          Id: sample.sharedMailbox.guid,
          Name: sample.sharedMailbox.name,
          Type: "Shared Mailbox",
          AccessRights: ["Full Access", "Send As"],
        },
        DisplayName: `Shared Mailbox - ${sample.sharedMailbox.name}`,
      };
    case "sharedMailboxesSeparate":
      return {
        Identification: { Id: sample.sharedMailbox.guid, Permission: "FullAccess" },
        DisplayName: `Shared Mailbox - ${sample.sharedMailbox.name} - FullAccess`,
      };
    case "groups":
      return {
        Identification: { Id: sample.group.guid },
        DisplayName: `Distribution Group - ${sample.group.name}`,
      };
    case "folderPermission":
      return {
        Identification: { Id: "3", mailboxFolderUser: "Default", mailboxFolderAccessRight: "Reviewer" },
        DisplayName: "Mailbox folder permissions - Reviewer",
      };
    case "regionalConfiguration":
      return {
        Identification: { Id: "MailboxRegionalConfiguration-NL" },
        DisplayName: "Mailbox Regional Configuration - NL",
      };
    case "litigationHold":
      return {
        Identification: { Id: "LitigationHold-365", Duration: 365 },
        DisplayName: "Litigation hold - 365 days",
      };
    default:
      throw new Error(`no example permission for the family ${family}`);
  }
}

/** The Reference a dynamic permission is configured with in HelloID (the families' defaults). */
const SUB_PERMISSIONS_REFERENCE: Record<string, string> = {
  sharedMailboxes: String(SHARED_MAILBOX_SETTINGS.SharedMailboxSubPermissionsReference.defaultValue),
  // The separate-entitlement family's Reference is the right itself.
  sharedMailboxesSeparate: "FullAccess",
  groups: String(GROUP_SETTINGS.GroupSubPermissionsReference.defaultValue),
};

export function exampleInput(actionName: string, options: ExampleOptions = {}): Record<string, unknown> {
  const action = findAction(actionName);
  const sample = sampleObjects();
  const url = options.simulatorUrl ?? SIMULATOR_URL_PLACEHOLDER;
  const base = {
    Configuration: {
      Organization: sample.organization,
      TenantID: sample.tenantId,
      AppId: DEFAULT_APP.appId,
      AppSecret: DEFAULT_APP.secret,
      AdminApiUrl: url,
      AuthorityUrl: url,
    },
    DryRun: options.dryRun ?? true,
  };
  const account = { ...base, References: { Account: sample.person.guid } };
  const [family, script] = action.name.includes("/") ? action.name.split("/") : ["", action.name];

  switch (script) {
    case "create":
      return {
        actionContext: {
          ...base,
          Data: { HiddenFromAddressListsEnabled: "true" },
          CorrelationConfiguration: {
            Enabled: true,
            PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
            PersonFieldValue: sample.person.userPrincipalName,
            AccountField: "UserPrincipalName",
          },
        },
        personContext: personContext(DEPARTMENTS.finance),
        outputContext: { Data: { guid: null, userPrincipalName: null, HiddenFromAddressListsEnabled: null } },
      };
    case "update":
      return {
        actionContext: { ...account, Data: { CustomAttribute1: "Controller", Office: "Utrecht" } },
        personContext: personContext(DEPARTMENTS.finance),
        outputContext: { Data: { CustomAttribute1: null, Office: null } },
      };
    case "enable":
    case "disable":
      return {
        actionContext: {
          ...account,
          Data: { HiddenFromAddressListsEnabled: script === "disable" ? "true" : "false" },
        },
      };
    case "delete":
      return {
        actionContext: {
          ...account,
          Data: {
            AutoReplyState: "Enabled",
            InternalMessage: "I no longer work at Contoso. Please contact Carl Dijk.",
            ExternalMessage: "I no longer work at Contoso. Please contact carl.dijk@contoso.com.",
            ExternalAudience: "All",
          },
        },
      };
    case "import":
    case "permissions":
    case "importPermission":
    case "importSubPermissions":
      return { actionContext: base };
    case "grantPermission":
    case "revokePermission": {
      const permission = permissionOf(family as string, sample);
      return {
        actionContext: {
          ...account,
          Operation: script === "grantPermission" ? "grant" : "revoke",
          PermissionDisplayName: permission.DisplayName,
          References: { ...account.References, Permission: permission.Identification },
        },
      };
    }
    case "subPermissions":
      return {
        actionContext: {
          ...account,
          Operation: "grant",
          PermissionDisplayName: "Department permissions",
          References: {
            ...account.References,
            Permission: { Reference: SUB_PERMISSIONS_REFERENCE[family as string] },
          },
          CurrentPermissions: [],
        },
        personContext: personContext(family === "groups" ? DEPARTMENTS.sales : DEPARTMENTS.finance),
      };
    case "resources":
      return {
        actionContext: base,
        resourceContext: { SourceData: [{ ExternalId: "DEP007", DisplayName: "Legal" }] },
      };
    default:
      throw new Error(`no example for the action ${action.name}`);
  }
}
