// Get/Add/Remove-MailboxPermission (FullAccess). Adding a present ACE or removing an absent one is a
// 200 with a warning, reported as `changed: false`.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { type WriteResult, writeResult } from "./common.js";

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
export async function getMailboxPermissions(
  client: ExchangeClient,
  identity: string,
  filter: { User?: string } = {},
): Promise<MailboxPermissionRow[]> {
  return (await client.invoke(getMailboxPermissions.asCall(identity, filter))).rows;
}
getMailboxPermissions.asCall = (
  identity: string,
  filter: { User?: string } = {},
): CmdletCall<MailboxPermissionRow> => ({
  cmdlet: "Get-MailboxPermission",
  parameters: { Identity: identity, ResultSize: "Unlimited", ...filter },
});

function permissionParameters(params: MailboxPermissionParams) {
  return {
    ...params,
    AccessRights: params.AccessRights ?? ["FullAccess"],
    InheritanceType: params.InheritanceType ?? "All",
  };
}

export async function addMailboxPermission(
  client: ExchangeClient,
  params: AddMailboxPermissionParams,
): Promise<WriteResult<MailboxPermissionRow>> {
  return writeResult(await client.invoke(addMailboxPermission.asCall(params)));
}
addMailboxPermission.asCall = (params: AddMailboxPermissionParams): CmdletCall<MailboxPermissionRow> => ({
  cmdlet: "Add-MailboxPermission",
  parameters: permissionParameters(params),
});

export async function removeMailboxPermission(
  client: ExchangeClient,
  params: MailboxPermissionParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(removeMailboxPermission.asCall(params)));
}
removeMailboxPermission.asCall = (params: MailboxPermissionParams): CmdletCall<never> => ({
  cmdlet: "Remove-MailboxPermission",
  parameters: { ...permissionParameters(params), Confirm: false },
});
