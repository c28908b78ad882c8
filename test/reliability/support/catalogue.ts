// A valid input for every registered action (what HelloID would hand its script), built on one small
// tenant: the deadline and bad-input suites run each action from here, so a new action is covered as soon
// as the registry lists it (families are recognised by their name prefix).
import { listActions } from "../../../src/actions/registry.js";
import type { Tenant } from "../../../src/simulator/index.js";
import type { RunInput } from "./world.js";

export interface Fixtures {
  person: { guid: string; upn: string };
  sharedMailbox: { guid: string; name: string };
  group: { guid: string; name: string };
}

export function seedFixtures(tenant: Tenant): Fixtures {
  const person = tenant.addUserMailbox({
    userPrincipalName: "fixture.person@contoso.com",
    displayName: "Fixture Person",
  });
  const shared = tenant.addSharedMailbox({ name: "Fixture Shared", customAttributes: { 1: "FIX" } });
  const group = tenant.addDistributionGroup({ name: "Fixture Group", customAttributes: { 1: "FIX" } });
  return {
    person: { guid: person.guid, upn: person.userPrincipalName },
    sharedMailbox: { guid: shared.guid, name: shared.name },
    group: { guid: group.guid, name: group.name },
  };
}

export interface CatalogueEntry {
  action: string;
  kind: "output" | "import";
  /** HelloID's limit for the slot when longer than 30 s (the deadline then follows it outside DryRun). */
  timeLimitSeconds?: number;
  input: RunInput;
}

function permissionOf(action: string, fixtures: Fixtures): Record<string, unknown> {
  const family = action.split("/")[0];
  switch (family) {
    case "sharedMailboxes":
      return {
        Id: fixtures.sharedMailbox.guid,
        Name: fixtures.sharedMailbox.name,
        Type: "Shared Mailbox",
        AccessRights: ["Full Access"],
      };
    case "sharedMailboxesSeparate":
      return { Id: fixtures.sharedMailbox.guid, Permission: "FullAccess" };
    case "groups":
      return { Id: fixtures.group.guid };
    case "folderPermission":
      return { Id: "3", mailboxFolderUser: "Default", mailboxFolderAccessRight: "Reviewer" };
    case "regionalConfiguration":
      return {
        Id: "nl-NL",
        Language: "nl-NL",
        DateFormat: "d-M-yyyy",
        TimeFormat: "HH:mm",
        TimeZone: "W. Europe Standard Time",
      };
    case "litigationHold":
      return { Id: "LitigationHold-365", Duration: 365 };
    default:
      return { Id: fixtures.group.guid };
  }
}

function subPermissionReference(action: string): string {
  if (action.startsWith("sharedMailboxesSeparate/")) return "FullAccess";
  if (action.startsWith("sharedMailboxes/")) return "smb";
  return "dg";
}

export function validInput(action: string, fixtures: Fixtures): RunInput {
  const account = fixtures.person.guid;
  const slot = action.split("/").pop() ?? action;
  if (action === "create" || action === "correlateOnly/create") {
    return {
      actionContext: {
        CorrelationConfiguration: {
          Enabled: true,
          PersonFieldValue: fixtures.person.upn,
          AccountField: "UserPrincipalName",
        },
        Data: {},
      },
    };
  }
  if (action === "update")
    return { actionContext: { References: { Account: account }, Data: { CustomAttribute5: "x" } } };
  if (action === "enable" || action === "disable")
    return { actionContext: { References: { Account: account } } };
  if (action === "delete") {
    return {
      actionContext: {
        References: { Account: account },
        Data: { AutoReplyState: "Enabled", InternalMessage: "Gone" },
      },
    };
  }
  if (
    slot === "import" ||
    slot === "importPermission" ||
    slot === "importSubPermissions" ||
    slot === "permissions"
  ) {
    return { actionContext: {} };
  }
  if (slot === "grantPermission" || slot === "revokePermission") {
    return {
      actionContext: {
        References: { Account: account, Permission: permissionOf(action, fixtures) },
        PermissionDisplayName: "Fixture",
      },
    };
  }
  if (slot === "subPermissions") {
    return {
      actionContext: {
        Operation: "grant",
        References: { Account: account, Permission: { Reference: subPermissionReference(action) } },
        CurrentPermissions: [],
      },
      personContext: {
        Person: { Contracts: [{ Context: { InConditions: true }, Department: { ExternalId: "FIX" } }] },
      },
    };
  }
  if (slot === "resources") {
    return { resourceContext: { SourceData: [{ ExternalId: "NEW1", DisplayName: "New One" }] } };
  }
  // An action this catalogue does not know yet: the superset of what HelloID hands any script.
  return {
    actionContext: {
      Operation: "grant",
      References: { Account: account, Permission: permissionOf(action, fixtures) },
    },
    personContext: { Person: { Contracts: [] } },
    resourceContext: { SourceData: [] },
  };
}

export function catalogue(fixtures: Fixtures): CatalogueEntry[] {
  return listActions().map((action) => ({
    action: action.name,
    kind: action.kind,
    timeLimitSeconds: action.timeLimitSeconds,
    input: validInput(action.name, fixtures),
  }));
}
