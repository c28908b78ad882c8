// Distribution groups and mail-enabled security groups: Get/New/Set-DistributionGroup and
// Get/Add/Remove-DistributionGroupMember. Writes pass BypassSecurityGroupManagerCheck so the app can
// manage groups it does not own. Already a member → AlreadyExistsError; not a member → NotMemberError.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import type { OpathFilter } from "../opath.js";
import {
  type CustomAttributes,
  type RecipientTypeDetails,
  type ResultSize,
  singleRow,
  type WriteResult,
  writeResult,
} from "./common.js";
import { identityReaders } from "./readers.js";
import type { RecipientRow } from "./recipient.js";

/** A group is a recipient with owners and a description. */
export type DistributionGroupRow = RecipientRow & {
  ManagedBy?: string[];
  Description?: string | string[] | null;
  [property: string]: unknown;
};

export interface ListDistributionGroupsParams {
  Filter?: OpathFilter;
  RecipientTypeDetails?: RecipientTypeDetails | RecipientTypeDetails[];
  /** Default "Unlimited": every page. */
  ResultSize?: ResultSize;
}

export interface NewDistributionGroupParams {
  Name: string;
  DisplayName?: string;
  Alias?: string;
  PrimarySmtpAddress?: string;
  Type?: "Distribution" | "Security";
}

export type SetDistributionGroupParams = CustomAttributes & {
  Identity: string;
  DisplayName?: string;
  /** Any other Set-DistributionGroup parameter. */
  [parameter: string]: unknown;
};

export interface GroupMemberParams {
  /** The group. */
  Identity: string;
  Member: string;
}

const bypass = { BypassSecurityGroupManagerCheck: true };

const groupReaders = identityReaders<DistributionGroupRow, ListDistributionGroupsParams>(
  "Get-DistributionGroup",
);

/** Like getDistributionGroup, but null when the group does not exist. */
export const findDistributionGroup = groupReaders.find;
/** Every group matching the parameters, streamed page by page. */
export const listDistributionGroups = groupReaders.list;

/** Creates a group; a taken name or address → AlreadyExistsError. */
export async function newDistributionGroup(
  client: ExchangeClient,
  params: NewDistributionGroupParams,
): Promise<DistributionGroupRow> {
  return singleRow(
    await client.invoke(newDistributionGroup.asCall(params)),
    "New-DistributionGroup",
    params.Name,
  );
}
newDistributionGroup.asCall = (params: NewDistributionGroupParams): CmdletCall<DistributionGroupRow> => ({
  cmdlet: "New-DistributionGroup",
  parameters: { ...params },
});

/** A dir-synced group answers BadRequestError ("is being synchronized from your on-premises organization"). */
export async function setDistributionGroup(
  client: ExchangeClient,
  params: SetDistributionGroupParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(setDistributionGroup.asCall(params)));
}
setDistributionGroup.asCall = (params: SetDistributionGroupParams): CmdletCall<never> => ({
  cmdlet: "Set-DistributionGroup",
  parameters: { ...params, ...bypass },
});

/** Every member of the group. */
export async function getDistributionGroupMembers(
  client: ExchangeClient,
  identity: string,
): Promise<RecipientRow[]> {
  return (await client.invoke(getDistributionGroupMembers.asCall(identity))).rows;
}
getDistributionGroupMembers.asCall = (identity: string): CmdletCall<RecipientRow> => ({
  cmdlet: "Get-DistributionGroupMember",
  parameters: { Identity: identity, ResultSize: "Unlimited" },
});

export async function addDistributionGroupMember(
  client: ExchangeClient,
  params: GroupMemberParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(addDistributionGroupMember.asCall(params)));
}
addDistributionGroupMember.asCall = (params: GroupMemberParams): CmdletCall<never> => ({
  cmdlet: "Add-DistributionGroupMember",
  parameters: { ...params, ...bypass },
});

export async function removeDistributionGroupMember(
  client: ExchangeClient,
  params: GroupMemberParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(removeDistributionGroupMember.asCall(params)));
}
removeDistributionGroupMember.asCall = (params: GroupMemberParams): CmdletCall<never> => ({
  cmdlet: "Remove-DistributionGroupMember",
  parameters: { ...params, ...bypass, Confirm: false },
});
