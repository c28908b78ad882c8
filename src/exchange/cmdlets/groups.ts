// Distribution groups and mail-enabled security groups: Get/New/Set-DistributionGroup and
// Get/Add/Remove-DistributionGroupMember. Writes pass BypassSecurityGroupManagerCheck so the app can
// manage groups it does not own. Already a member → AlreadyExistsError; not a member → NotMemberError.
import type { OpathFilter } from "../opath.js";
import type { CustomAttributes, RecipientTypeDetails, ResultSize } from "./common.js";
import { createCmdlet, rowsCmdlet, writeCmdlet } from "./declare.js";
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

/** The group with this identity, or null when it does not exist. */
export const findDistributionGroup = groupReaders.find;
/** Every group matching the parameters, streamed page by page. */
export const listDistributionGroups = groupReaders.list;

/** Creates a group; a taken name or address → AlreadyExistsError. */
export const newDistributionGroup = createCmdlet<NewDistributionGroupParams, DistributionGroupRow>(
  "New-DistributionGroup",
);

/** A dir-synced group answers BadRequestError ("is being synchronized from your on-premises organization"). */
export const setDistributionGroup = writeCmdlet<SetDistributionGroupParams>(
  "Set-DistributionGroup",
  (params) => ({
    ...params,
    ...bypass,
  }),
);

/** Every member of the group. */
export const getDistributionGroupMembers = rowsCmdlet<[identity: string], RecipientRow>(
  "Get-DistributionGroupMember",
  (identity) => ({ Identity: identity, ResultSize: "Unlimited" }),
);

export const addDistributionGroupMember = writeCmdlet<GroupMemberParams>(
  "Add-DistributionGroupMember",
  (params) => ({
    ...params,
    ...bypass,
  }),
);

export const removeDistributionGroupMember = writeCmdlet<GroupMemberParams>(
  "Remove-DistributionGroupMember",
  (params) => ({ ...params, ...bypass, Confirm: false }),
);
