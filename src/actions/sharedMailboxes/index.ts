// The actions of the two shared-mailbox families.
import { familyActions } from "../permissions/actions.js";
import { sharedMailboxes } from "./legacy.js";
import { sharedMailboxesSeparate } from "./separate.js";

export const sharedMailboxActions = familyActions(sharedMailboxes);
export const sharedMailboxSeparateActions = familyActions(sharedMailboxesSeparate);
