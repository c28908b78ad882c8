// Who is a member of a group, as account references: the members that are user mailboxes (their Guid),
// every page of them (one Get-DistributionGroupMember per group, sent ten to a `$batch` by the import). Other members (groups, contacts, shared mailboxes) are no accounts: counted, skipped.

import type { Logger } from "../../common/logger.js";
import { getDistributionGroupMembers } from "../../exchange/index.js";
import type { HolderSource } from "../permissions/family.js";

/** The one right of a group: membership. */
export const MEMBER = "Member";
export type Member = typeof MEMBER;

export async function groupHolderSource(): Promise<HolderSource<Member>> {
  let skipped = 0;
  return {
    select: [],
    read: (group) => getDistributionGroupMembers.asCall(String(group.Guid)),
    holders(_group, _rights, members) {
      const accounts = members.filter((member) => member.RecipientTypeDetails === "UserMailbox");
      skipped += members.length - accounts.length;
      return new Map([[MEMBER, accounts.map((member) => String(member.Guid))]]);
    },
    report(log: Logger) {
      if (skipped > 0) log.warn(`skipped ${skipped} group member(s) that are no user mailbox`);
    },
  };
}
