// A user's entry on the mailbox's calendar. The calendar's name is localized ("Calendar", "Agenda",
// "Kalender"), so it is found by type first; then the entry is read, because the audit names the old
// right, an equal right must cost no write, and the entry decides between Set- and Add-.
import {
  AlreadyExistsError,
  addMailboxFolderPermission,
  type CalendarFolder,
  type ExchangeClient,
  findMailboxFolderPermission,
  getCalendarFolder,
  NotFoundError,
  NotMemberError,
  setMailboxFolderPermission,
} from "../../exchange/index.js";
import type { Runtime } from "../framework.js";
import {
  isVanishedMailbox,
  MAILBOX_GONE,
  type Operation,
  reportNotFound,
} from "../mailboxSettings/ownMailbox.js";

export interface CalendarEntry {
  folder: CalendarFolder;
  /** The user's rights, or null when the user has no entry. */
  rights: string[] | null;
}

async function readCalendarEntry(
  exchange: ExchangeClient,
  mailbox: string,
  user: string,
): Promise<CalendarEntry> {
  const folder = await getCalendarFolder(exchange, mailbox);
  const entry = await findMailboxFolderPermission(exchange, folder.identity, user);
  return { folder, rights: entry ? [...(entry.AccessRights ?? [])] : null };
}

/** The entry, or undefined once a vanished mailbox or user is reported per the not-found matrix. */
export async function readCalendarEntryFor(
  operation: Operation,
  { exchange, output }: Runtime,
  target: { mailbox: string; user: string; what: string },
): Promise<CalendarEntry | undefined> {
  try {
    return await readCalendarEntry(exchange, target.mailbox, target.user);
  } catch (error) {
    if (isVanishedMailbox(error)) {
      reportNotFound(output, operation, target.what, MAILBOX_GONE);
    } else if (error instanceof NotFoundError) {
      reportNotFound(output, operation, target.what, `Exchange has no user [${target.user}]`);
    } else {
      throw error;
    }
    return undefined;
  }
}

/** Set- on an existing entry, Add- otherwise. */
export async function writeCalendarRight(
  exchange: ExchangeClient,
  entry: CalendarEntry,
  user: string,
  right: string,
) {
  const params = { Identity: entry.folder.identity, User: user, AccessRights: [right] };
  const write = (exists: boolean) =>
    exists ? setMailboxFolderPermission(exchange, params) : addMailboxFolderPermission(exchange, params);
  const exists = entry.rights !== null;
  try {
    await write(exists);
  } catch (error) {
    // The entry came or went since the read (another process, or a retried Add whose first attempt
    // landed): the other cmdlet is the right one.
    const wrongCmdlet = exists ? error instanceof NotMemberError : error instanceof AlreadyExistsError;
    if (!wrongCmdlet) throw error;
    await write(!exists);
  }
}
