// The actions of the groups family.
import { familyActions } from "../permissions/actions.js";
import { groups } from "./family.js";

export const groupActions = familyActions(groups);
