// Get/Add/Remove-RecipientPermission (SendAs). Adding a present ACE or removing an absent one is a 200
// with a warning, reported as `changed: false`.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { type WriteResult, writeResult } from "./common.js";

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
export function listRecipientPermissions(
  client: ExchangeClient,
  params: ListRecipientPermissionsParams = {},
): AsyncIterable<RecipientPermissionRow> {
  return client.rows(listRecipientPermissions.asCall(params));
}
listRecipientPermissions.asCall = (
  params: ListRecipientPermissionsParams = {},
): CmdletCall<RecipientPermissionRow> => ({
  cmdlet: "Get-RecipientPermission",
  parameters: { ResultSize: "Unlimited", ...params },
});

function writeCall(cmdlet: string, params: RecipientPermissionParams) {
  return {
    cmdlet,
    parameters: { ...params, AccessRights: params.AccessRights ?? ["SendAs"], Confirm: false },
  };
}

export async function addRecipientPermission(
  client: ExchangeClient,
  params: RecipientPermissionParams,
): Promise<WriteResult<RecipientPermissionRow>> {
  return writeResult(await client.invoke(addRecipientPermission.asCall(params)));
}
addRecipientPermission.asCall = (params: RecipientPermissionParams): CmdletCall<RecipientPermissionRow> =>
  writeCall("Add-RecipientPermission", params);

export async function removeRecipientPermission(
  client: ExchangeClient,
  params: RecipientPermissionParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(removeRecipientPermission.asCall(params)));
}
removeRecipientPermission.asCall = (params: RecipientPermissionParams): CmdletCall<never> =>
  writeCall("Remove-RecipientPermission", params);
