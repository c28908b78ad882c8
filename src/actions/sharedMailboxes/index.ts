// The actions of the two shared-mailbox families.
import { familyActions } from "../permissions/actions.js";
import { sharedMailboxes } from "./family.js";
import { sharedMailboxesSeparate } from "./separateFamily.js";

export const sharedMailboxActions = familyActions(sharedMailboxes);
export const sharedMailboxSeparateActions = familyActions(sharedMailboxesSeparate);
