// What a litigation hold grant or revoke works with: the option, and the mark of this connector's holds.
import { requireAccountReference } from "../account/reference.js";
import { readSetting } from "../configurationSetting.js";
import type { PrepareInput } from "../framework.js";
import { grantedOption } from "../mailboxSettings/grantedOption.js";
import {
  type LitigationHoldOption,
  litigationHoldFamily,
  litigationHoldOwner,
  litigationHoldRetentionComment,
} from "./settings.js";

export interface HoldPlan {
  mailbox: string;
  option: LitigationHoldOption;
  owner: string;
  /** "" when no comment is configured. */
  comment: string;
}

export function prepareHold({ context }: PrepareInput): HoldPlan {
  return {
    mailbox: requireAccountReference(context),
    option: grantedOption(context, litigationHoldFamily),
    owner: readSetting(context.Configuration, litigationHoldOwner),
    comment: readSetting(context.Configuration, litigationHoldRetentionComment),
  };
}
