// Default folders of a mailbox: names localized to the mailbox's folder language, and permission
// entries that stay implicit (Exchange's defaults) until a cmdlet changes them.
import { createHash } from "node:crypto";
import { FOLDER_TYPES, type FolderType, folderName } from "./locale.js";
import type { FolderAce, MailboxRecord } from "./types.js";

export const DEFAULT_USER = "Default";
export const ANONYMOUS_USER = "Anonymous";

export interface MailboxFolder {
  type: FolderType;
  name: string;
  /** "/" for the root, "/<Name>" for the others. */
  path: string;
  folderId: string;
}

export function mailboxFolders(mailbox: MailboxRecord): MailboxFolder[] {
  return FOLDER_TYPES.map((type) => {
    const name = folderName(type, mailbox.folderLanguage);
    const id = createHash("sha256").update(`${mailbox.exchangeGuid}/${type}`).digest("base64");
    return { type, name, path: type === "Root" ? "/" : `/${name}`, folderId: `LgAAAA${id.slice(0, 40)}AAAB` };
  });
}

/** The folder whose current (localized) name matches, case-insensitively; the root is not addressable by name. */
export function folderByName(mailbox: MailboxRecord, name: string): MailboxFolder | undefined {
  const wanted = name.toLowerCase();
  return mailboxFolders(mailbox).find((f) => f.type !== "Root" && f.name.toLowerCase() === wanted);
}

function defaultFolderEntries(type: FolderType): FolderAce[] {
  return [
    { user: DEFAULT_USER, accessRights: [type === "Calendar" ? "AvailabilityOnly" : "None"] },
    { user: ANONYMOUS_USER, accessRights: ["None"] },
  ];
}

export function folderEntries(mailbox: MailboxRecord, type: FolderType): FolderAce[] {
  return mailbox.folderPermissions[type] ?? defaultFolderEntries(type);
}
