// Calendar folder permissions. The calendar's name is localized ("Calendar", "Agenda", "Kalender"), so
// it is looked up with Get-MailboxFolderStatistics -FolderScope Calendar, then addressed as
// "<mailbox>:\<name>". Add on an existing entry → AlreadyExistsError; Set/Remove without one → NotMemberError.
import type { ExchangeClient } from "../client.js";
import { NotFoundError, NotMemberError } from "../errors.js";
import { rowsCmdlet, writeCmdlet } from "./declare.js";

export interface MailboxFolderStatisticsRow {
  Name?: string;
  FolderPath?: string;
  FolderType?: string;
  FolderId?: string;
  Identity?: string;
  [property: string]: unknown;
}

export interface MailboxFolderPermissionRow {
  Identity?: string;
  FolderName?: string;
  /** "Default", "Anonymous", or the user's display name. */
  User?: string;
  AccessRights?: string[];
  [property: string]: unknown;
}

export interface MailboxFolderPermissionParams {
  /** The folder: folderIdentity(mailbox, name). */
  Identity: string;
  /** "Default", "Anonymous", or a user. */
  User: string;
  /** e.g. ["AvailabilityOnly"], ["LimitedDetails"], ["Reviewer"], ["Editor"]. */
  AccessRights: string[];
}

export interface CalendarFolder {
  /** The localized folder name, e.g. "Agenda". */
  name: string;
  /** `<mailbox>:\<name>`, for the folder permission cmdlets. */
  identity: string;
}

/** `<mailbox>:\<folder>`, how the folder permission cmdlets name a folder. */
export function folderIdentity(mailbox: string, folderName: string): string {
  return `${mailbox}:\\${folderName}`;
}

export const getMailboxFolderStatistics = rowsCmdlet<
  [identity: string, folderScope: string],
  MailboxFolderStatisticsRow
>("Get-MailboxFolderStatistics", (identity, folderScope) => ({
  Identity: identity,
  FolderScope: folderScope,
}));

/** The mailbox's default calendar, whatever its language calls it. */
export async function getCalendarFolder(client: ExchangeClient, mailbox: string): Promise<CalendarFolder> {
  const folders = await getMailboxFolderStatistics(client, mailbox, "Calendar");
  const calendar = folders.find((folder) => folder.FolderType === "Calendar") ?? folders[0];
  if (!calendar?.Name) {
    throw new NotFoundError(`Mailbox '${mailbox}' has no calendar folder`, "identity", mailbox, {
      cmdlet: "Get-MailboxFolderStatistics",
    });
  }
  return { name: calendar.Name, identity: folderIdentity(mailbox, calendar.Name) };
}

/** The folder's permission entries (all, or only `User`'s). */
export const getMailboxFolderPermissions = rowsCmdlet<
  [folder: string, filter?: { User?: string }],
  MailboxFolderPermissionRow
>("Get-MailboxFolderPermission", (folder, filter = {}) => ({ Identity: folder, ...filter }));

/** `user`'s entry on the folder, or null when there is none. */
export async function findMailboxFolderPermission(
  client: ExchangeClient,
  folder: string,
  user: string,
): Promise<MailboxFolderPermissionRow | null> {
  try {
    return (await getMailboxFolderPermissions(client, folder, { User: user }))[0] ?? null;
  } catch (error) {
    if (error instanceof NotMemberError) return null;
    throw error;
  }
}

export const addMailboxFolderPermission = writeCmdlet<
  MailboxFolderPermissionParams,
  MailboxFolderPermissionRow
>("Add-MailboxFolderPermission");

export const setMailboxFolderPermission = writeCmdlet<MailboxFolderPermissionParams>(
  "Set-MailboxFolderPermission",
);

export const removeMailboxFolderPermission = writeCmdlet<{ Identity: string; User: string }>(
  "Remove-MailboxFolderPermission",
  (params) => ({ ...params, Confirm: false }),
);
