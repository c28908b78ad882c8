// Get/Add/Remove-RecipientPermission (SendAs). Adding a present ACE or removing an absent one is a 200
// with a warning, reported as `changed: false`.
import { listCmdlet, writeCmdlet } from "./declare.js";

export interface RecipientPermissionRow {
  /** The mailbox's Name. */
  Identity?: string;
  /** The trustee's UPN. */
  Trustee?: string;
  AccessControlType?: string;
  AccessRights?: string[];
  IsInherited?: boolean;
  InheritanceType?: string;
  [property: string]: unknown;
}

export interface ListRecipientPermissionsParams {
  Identity?: string;
  Trustee?: string;
  AccessRights?: string[];
}

export interface RecipientPermissionParams {
  Identity: string;
  Trustee: string;
  /** Default ["SendAs"]. */
  AccessRights?: string[];
}

/** SendAs entries of one recipient, of one trustee, or of the whole tenant, streamed page by page. */
export const listRecipientPermissions = listCmdlet<
  [params?: ListRecipientPermissionsParams],
  RecipientPermissionRow
>("Get-RecipientPermission", (params = {}) => ({ parameters: { ...params } }));

const sendAs = (params: RecipientPermissionParams) => ({
  ...params,
  AccessRights: params.AccessRights ?? ["SendAs"],
  Confirm: false,
});

export const addRecipientPermission = writeCmdlet<RecipientPermissionParams, RecipientPermissionRow>(
  "Add-RecipientPermission",
  sendAs,
);

export const removeRecipientPermission = writeCmdlet<RecipientPermissionParams>(
  "Remove-RecipientPermission",
  sendAs,
);
