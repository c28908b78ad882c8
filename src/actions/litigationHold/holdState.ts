// The mailbox's litigation hold as Get-Mailbox reports it (only the hold fields are selected), and whether
// this connector placed it: the owner is the configured marker.
import { getMailbox } from "../../exchange/index.js";
import type { Runtime } from "../framework.js";
import {
  isVanishedMailbox,
  MAILBOX_GONE,
  type Operation,
  reportNotFound,
} from "../mailboxSettings/ownMailbox.js";
import { type HoldDuration, parseExchangeDuration } from "./holdDuration.js";

export interface HoldState {
  enabled: boolean;
  duration: HoldDuration | null;
  owner: string;
  comment: string;
}

const SELECT = [
  "Guid",
  "LitigationHoldEnabled",
  "LitigationHoldDuration",
  "LitigationHoldOwner",
  "RetentionComment",
];

/** The hold, or undefined once a vanished mailbox is reported per the not-found matrix. */
export async function readHold(
  operation: Operation,
  { exchange, output }: Runtime,
  target: { mailbox: string; what: string },
): Promise<HoldState | undefined> {
  try {
    const row = await getMailbox(exchange, target.mailbox, { select: SELECT });
    return {
      enabled: row.LitigationHoldEnabled === true,
      duration: parseExchangeDuration(row.LitigationHoldDuration),
      owner: row.LitigationHoldOwner ?? "",
      comment: row.RetentionComment ?? "",
    };
  } catch (error) {
    if (!isVanishedMailbox(error)) throw error;
    reportNotFound(output, operation, target.what, MAILBOX_GONE);
    return undefined;
  }
}

export function placedBy(hold: HoldState, owner: string): boolean {
  return hold.owner.trim().toLowerCase() === owner.toLowerCase();
}

/** "[Legal]", or "someone else" when Exchange names no owner. */
export function describeOwner(hold: HoldState): string {
  return hold.owner.trim() ? `[${hold.owner}]` : "someone else";
}
