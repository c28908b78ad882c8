// Mailbox folders: Get-MailboxFolderStatistics and Get/Add/Set/Remove-MailboxFolderPermission.
// Folder identities are "<mailbox>:\<FolderName>" with the folder's current, localized name; asking
// for "Calendar" on a mailbox whose calendar is "Agenda" fails as it does in Exchange.

import {
  ANONYMOUS_USER,
  DEFAULT_USER,
  folderByName,
  folderEntries,
  type MailboxFolder,
  mailboxFolders,
} from "../tenant/folders.js";
import type { FolderAce, MailboxRecord, Tenant } from "../tenant/index.js";
import { orphanSid } from "../tenant/permissions.js";
import { exchangeDate } from "../tenant/time.js";
import type { Cmdlet } from "./cmdlet.js";
import { badEnum, folderNotFound, noSettingsModified } from "./errors.js";
import type { Params } from "./parameters.js";
import { resolveMailbox, resolveReference } from "./resolve.js";
import { noRows } from "./results.js";
import { CmdletError, type CmdletResult, type Row } from "./types.js";

const STORE_TASKS = "Microsoft.Exchange.Management.StoreTasks";
const FOLDER_RIGHTS = [
  "None",
  "Owner",
  "PublishingEditor",
  "Editor",
  "PublishingAuthor",
  "Author",
  "NonEditingAuthor",
  "Reviewer",
  "Contributor",
  "AvailabilityOnly",
  "LimitedDetails",
  "ReadItems",
  "CreateItems",
  "EditOwnedItems",
  "DeleteOwnedItems",
  "EditAllItems",
  "DeleteAllItems",
  "CreateSubfolders",
  "FolderOwner",
  "FolderContact",
  "FolderVisible",
];
const FOLDER_SCOPES = [
  "All",
  "Archive",
  "Calendar",
  "Contacts",
  "ConversationHistory",
  "DeletedItems",
  "Drafts",
  "Inbox",
  "JunkEmail",
  "Journal",
  "Notes",
  "Outbox",
  "Personal",
  "RecoverableItems",
  "RssSubscriptions",
  "SentItems",
  "SyncIssues",
  "Tasks",
];
const CONTAINER_CLASS: Record<string, string | null> = {
  Root: null,
  Calendar: "IPF.Appointment",
  Contacts: "IPF.Contact",
};

interface FolderTarget {
  mailbox: MailboxRecord;
  folder: MailboxFolder;
  identity: string;
}

function resolveFolder(tenant: Tenant, identity: string): FolderTarget {
  const separator = identity.indexOf(":\\");
  const mailbox = resolveMailbox(tenant, separator < 0 ? identity : identity.slice(0, separator));
  const folderName = separator < 0 ? "" : identity.slice(separator + 2);
  const folder =
    folderName === ""
      ? mailboxFolders(mailbox).find((f) => f.type === "Root")
      : folderByName(mailbox, folderName);
  if (!folder) throw folderNotFound(identity);
  return { mailbox, folder, identity };
}

/** "Default", "Anonymous" or the Guid of a recipient named by -User. */
function folderUser(tenant: Tenant, value: string): string {
  for (const special of [DEFAULT_USER, ANONYMOUS_USER]) {
    if (value.toLowerCase() === special.toLowerCase()) return special;
  }
  return resolveReference(tenant, value, "securityPrincipal").guid;
}

/** How an entry's user is shown: Default/Anonymous, the recipient's DisplayName, or NT:<SID> when deleted. */
function userDisplay(tenant: Tenant, user: string): string {
  if (user === DEFAULT_USER || user === ANONYMOUS_USER) return user;
  return tenant.byGuid(user)?.displayName ?? `NT:${orphanSid(user)}`;
}

function accessRights(params: Params): string[] {
  params.require("AccessRights");
  return (params.strings("AccessRights") ?? []).map((value) => {
    const match = FOLDER_RIGHTS.find((r) => r.toLowerCase() === value.toLowerCase());
    if (!match) {
      throw badEnum(
        "AccessRights",
        value,
        "Microsoft.Exchange.Management.StoreTasks.MailboxFolderAccessRight[]",
        FOLDER_RIGHTS,
      );
    }
    return match;
  });
}

function permissionRow(tenant: Tenant, target: FolderTarget, entry: FolderAce): Row {
  const { mailbox, folder } = target;
  return {
    Identity: `${mailbox.name}:\\${folder.type === "Root" ? "" : folder.name}`,
    FolderName: folder.name,
    User: userDisplay(tenant, entry.user),
    "AccessRights@odata.type": "#Collection(String)",
    AccessRights: [...entry.accessRights],
    SharingPermissionFlags: null,
    IsValid: true,
    ObjectState: "Unchanged",
  };
}

function entryNotFound(tenant: Tenant, user: string): CmdletError {
  return new CmdletError(
    400,
    `${STORE_TASKS}.UserNotFoundInPermissionEntryException`,
    `There is no existing permission entry found for user: ${userDisplay(tenant, user)}.`,
  );
}

/** Resolves -Identity and -User and hands the folder's entries (a copy to edit) to `action`. */
function withEntries(
  tenant: Tenant,
  params: Params,
  action: (entries: FolderAce[], user: string, target: FolderTarget) => CmdletResult,
): CmdletResult {
  const target = resolveFolder(tenant, params.requiredString("Identity"));
  const user = folderUser(tenant, params.requiredString("User"));
  const entries = structuredClone(folderEntries(target.mailbox, target.folder.type));
  return action(entries, user, target);
}

function store(tenant: Tenant, target: FolderTarget, entries: FolderAce[]): void {
  tenant.update(target.mailbox, (m) => {
    m.folderPermissions[target.folder.type] = entries;
  });
}

const sameRights = (a: string[], b: string[]) => a.length === b.length && a.every((r) => b.includes(r));

export const folderCmdlets: Cmdlet[] = [
  {
    name: "Get-MailboxFolderStatistics",
    parameters: { Identity: "string", FolderScope: "string" },
    run: (tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const value = params.string("FolderScope") ?? "All";
      const scope = FOLDER_SCOPES.find((s) => s.toLowerCase() === value.toLowerCase());
      if (!scope)
        throw badEnum("FolderScope", value, "Microsoft.Exchange.Data.Mapi.ElcFolderType", FOLDER_SCOPES);
      const folders = mailboxFolders(mailbox).filter((f) => scope === "All" || f.type === scope);
      const rows = folders.map(
        (f): Row => ({
          Name: f.name,
          FolderPath: f.path,
          FolderType: f.type,
          FolderId: f.folderId,
          Identity: `${mailbox.name}\\${f.type === "Root" ? "" : f.name}`,
          ContainerClass: f.type in CONTAINER_CLASS ? CONTAINER_CLASS[f.type] : "IPF.Note",
          "CreationTime@data.type": "System.DateTime",
          CreationTime: exchangeDate(mailbox.whenCreated),
          ItemsInFolder: 0,
          ItemsInFolderAndSubfolders: 0,
          FolderSize: "0 B (0 bytes)",
          FolderAndSubfolderSize: "0 B (0 bytes)",
        }),
      );
      return { rows, warnings: [] };
    },
  },
  {
    name: "Get-MailboxFolderPermission",
    parameters: { Identity: "string", User: "string" },
    run: (tenant, params) => {
      const target = resolveFolder(tenant, params.requiredString("Identity"));
      const entries = folderEntries(target.mailbox, target.folder.type);
      const userValue = params.string("User");
      if (userValue == null)
        return { rows: entries.map((e) => permissionRow(tenant, target, e)), warnings: [] };
      const user = folderUser(tenant, userValue);
      const entry = entries.find((e) => e.user === user);
      if (!entry) throw entryNotFound(tenant, user);
      return { rows: [permissionRow(tenant, target, entry)], warnings: [] };
    },
  },
  {
    name: "Add-MailboxFolderPermission",
    parameters: {
      Identity: "string",
      User: "string",
      AccessRights: "strings",
      SendNotificationToUser: "bool",
    },
    run: (tenant, params) =>
      withEntries(tenant, params, (entries, user, target) => {
        const rights = accessRights(params);
        if (entries.some((e) => e.user === user)) {
          throw new CmdletError(
            400,
            `${STORE_TASKS}.UserAlreadyExistsInPermissionEntryException`,
            `An existing permission entry was found for user: ${userDisplay(tenant, user)}.`,
          );
        }
        const entry = { user, accessRights: rights };
        store(tenant, target, [...entries, entry]);
        return { rows: [permissionRow(tenant, target, entry)], warnings: [] };
      }),
  },
  {
    name: "Set-MailboxFolderPermission",
    parameters: {
      Identity: "string",
      User: "string",
      AccessRights: "strings",
      SendNotificationToUser: "bool",
    },
    run: (tenant, params) =>
      withEntries(tenant, params, (entries, user, target) => {
        const rights = accessRights(params);
        const entry = entries.find((e) => e.user === user);
        if (!entry) throw entryNotFound(tenant, user);
        if (sameRights(entry.accessRights, rights)) return noRows([noSettingsModified(target.identity)]);
        entry.accessRights = rights;
        store(tenant, target, entries);
        return noRows();
      }),
  },
  {
    name: "Remove-MailboxFolderPermission",
    parameters: { Identity: "string", User: "string" },
    run: (tenant, params) =>
      withEntries(tenant, params, (entries, user, target) => {
        const entry = entries.find((e) => e.user === user);
        if (!entry) throw entryNotFound(tenant, user);
        // Default and Anonymous can't leave the ACL; removing them resets their rights to None.
        const kept =
          user === DEFAULT_USER || user === ANONYMOUS_USER
            ? entries.map((e) => (e === entry ? { user, accessRights: ["None"] } : e))
            : entries.filter((e) => e !== entry);
        store(tenant, target, kept);
        return noRows();
      }),
  },
];
