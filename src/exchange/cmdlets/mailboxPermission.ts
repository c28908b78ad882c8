// Get/Add/Remove-MailboxPermission (FullAccess). Adding a present ACE or removing an absent one is a
// 200 with a warning, reported as `changed: false`.
import { rowsCmdlet, writeCmdlet } from "./declare.js";

export interface MailboxPermissionRow {
  /** The mailbox's Name. */
  Identity?: string;
  /** The trustee's UPN; "NT AUTHORITY\\SELF" for the owner. */
  User?: string;
  AccessRights?: string[];
  IsInherited?: boolean;
  Deny?: boolean;
  InheritanceType?: string;
  [property: string]: unknown;
}

export interface MailboxPermissionParams {
  /** The mailbox. */
  Identity: string;
  /** The trustee. */
  User: string;
  /** Default ["FullAccess"]. */
  AccessRights?: string[];
  /** Default "All". */
  InheritanceType?: "All" | "None" | "Children" | "Descendents" | "SelfAndChildren";
}

export interface AddMailboxPermissionParams extends MailboxPermissionParams {
  /** Whether Outlook opens the mailbox automatically for the trustee. */
  AutoMapping?: boolean;
}

/** The mailbox's permission entries (all trustees, or only `User`'s). */
export const getMailboxPermissions = rowsCmdlet<
  [identity: string, filter?: { User?: string }],
  MailboxPermissionRow
>("Get-MailboxPermission", (identity, filter = {}) => ({
  Identity: identity,
  ResultSize: "Unlimited",
  ...filter,
}));

function permissionParameters(params: MailboxPermissionParams) {
  return {
    ...params,
    AccessRights: params.AccessRights ?? ["FullAccess"],
    InheritanceType: params.InheritanceType ?? "All",
  };
}

export const addMailboxPermission = writeCmdlet<AddMailboxPermissionParams, MailboxPermissionRow>(
  "Add-MailboxPermission",
  permissionParameters,
);

export const removeMailboxPermission = writeCmdlet<MailboxPermissionParams>(
  "Remove-MailboxPermission",
  (params) => ({
    ...permissionParameters(params),
    Confirm: false,
  }),
);
