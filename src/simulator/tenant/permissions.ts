// Mailbox ACL as Get-MailboxPermission shows it: NT AUTHORITY\SELF, the explicit grants, then the
// inherited system entries (some of them Deny) every Exchange Online mailbox carries.
import { createHash } from "node:crypto";
import { recipientLabel } from "./addresses.js";
import type { MailboxRecord, Recipient } from "./types.js";

export interface MailboxPermissionEntry {
  user: string;
  /** The trustee recipient for explicit grants; null for system entries and orphaned SIDs. */
  trustee: Recipient | null;
  accessRights: string[];
  isInherited: boolean;
  deny: boolean;
  inheritanceType: string;
}

export const SELF = "NT AUTHORITY\\SELF";

function inherited(user: string, accessRights: string[], deny: boolean): MailboxPermissionEntry {
  return { user, trustee: null, accessRights, isInherited: true, deny, inheritanceType: "All" };
}

function systemEntries(domain: string): MailboxPermissionEntry[] {
  return [
    inherited(`${domain}\\Administrator`, ["FullAccess"], true),
    inherited(`${domain}\\Domain Admins`, ["FullAccess"], true),
    inherited(`${domain}\\Enterprise Admins`, ["FullAccess"], true),
    inherited(`${domain}\\Organization Management`, ["FullAccess"], true),
    inherited("NT AUTHORITY\\SYSTEM", ["FullAccess"], false),
    inherited("NT AUTHORITY\\NETWORK SERVICE", ["ReadPermission"], false),
    inherited(`${domain}\\Exchange Servers`, ["FullAccess", "ReadPermission"], false),
    inherited(
      `${domain}\\Exchange Trusted Subsystem`,
      ["FullAccess", "DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"],
      false,
    ),
    inherited(`${domain}\\Managed Availability Servers`, ["ReadPermission"], false),
  ];
}

/** A stable pseudo-SID for a recipient Guid: how an ACE of a deleted trustee is displayed. */
export function orphanSid(guid: string): string {
  const digest = createHash("sha256").update(guid).digest();
  const parts = [0, 4, 8, 12].map((offset) => digest.readUInt32BE(offset));
  return `S-1-5-21-${parts.slice(0, 3).join("-")}-${(parts[3] as number) % 100_000}`;
}

export function mailboxPermissionEntries(
  mailbox: MailboxRecord,
  findRecipient: (guid: string) => Recipient | undefined,
  domainPrefix: string,
): MailboxPermissionEntry[] {
  const explicit = mailbox.fullAccess.map((ace): MailboxPermissionEntry => {
    const trustee = findRecipient(ace.trustee) ?? null;
    return {
      user: trustee ? recipientLabel(trustee) : orphanSid(ace.trustee),
      trustee,
      accessRights: [...ace.accessRights],
      isInherited: false,
      deny: ace.deny,
      inheritanceType: ace.inheritanceType,
    };
  });
  const self: MailboxPermissionEntry = {
    user: SELF,
    trustee: null,
    accessRights: ["FullAccess", "ReadPermission"],
    isInherited: false,
    deny: false,
    inheritanceType: "All",
  };
  return [self, ...explicit, ...systemEntries(domainPrefix)];
}
