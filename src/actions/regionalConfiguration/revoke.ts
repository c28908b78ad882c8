// regionalConfiguration/revokePermission: a mailbox always has some language, formats and time zone, and
// nothing records what they were before the grant, so a revoke leaves them as they are and says so. It
// exists so the entitlement can be revoked cleanly (the PowerShell connector had no revoke script).
import { requireAccountReference } from "../account/reference.js";
import type { OutputAction } from "../framework.js";
import { AUDIT_ACTION } from "../mailboxSettings/ownMailbox.js";

export const regionalConfigurationRevoke: OutputAction<{ mailbox: string }> = {
  kind: "output",
  name: "regionalConfiguration/revokePermission",
  summary:
    "Leave the regional configuration as it is (there is no earlier setting to return to); no Exchange call",
  prepare: ({ context }) => ({ mailbox: requireAccountReference(context) }),
  execute: async ({ mailbox }, { output }) => {
    output.audit(
      `Revoked: the regional configuration of mailbox [${mailbox}] is left as it is (a revoke does not change language, formats or time zone).`,
      { auditAction: AUDIT_ACTION.revoke },
    );
  },
};
