// sharedMailboxesSeparate/*: one entitlement per right, Identification {Id, Permission} (the PowerShell
// connector's "new separate entitlements"). A dynamic permission manages the one right its Reference names
// (FullAccess, SendAs or SendOnBehalf); its sub-permissions are {Id: <guid>, Permission: <right>}.
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { truncateDisplayName } from "../../helloid/output.js";
import type { Family, SubEntitlement, TargetObject } from "../permissions/family.js";
import { targetOf } from "../permissions/objects.js";
import { sharedMailboxBase } from "./familyBase.js";
import { parseRight, RIGHTS, RIGHTS_HINT, type Right, rightLabel } from "./rights.js";
import type { SharedMailboxSettings } from "./settings.js";

/** The PowerShell connector cut the name part to 83 characters so " - Send on Behalf" still fits in 100. */
const NAME_PART_MAX = 83;

function subEntitlement(target: TargetObject, right: Right, reference?: JsonObject): SubEntitlement<Right> {
  return {
    key: `${target.id}|${right}`.toLowerCase(),
    displayName: target.name,
    reference: reference ?? { Id: target.id, Permission: right },
    access: { target, right },
  };
}

export const sharedMailboxesSeparate: Family<SharedMailboxSettings, Right> = {
  ...sharedMailboxBase,
  name: "sharedMailboxesSeparate",
  entitlementsOf(mailbox, settings) {
    const target = targetOf(mailbox);
    const name = truncateDisplayName(`${settings.displayNamePrefix}${target.name}`, NAME_PART_MAX);
    return RIGHTS.map((right) => ({
      displayName: `${name} - ${rightLabel(right)}`,
      identification: { Id: target.id, Permission: right },
      description: String(getCI(mailbox, "PrimarySmtpAddress") ?? ""),
      rights: [right],
    }));
  },
  staticRights: () => RIGHTS,
  accessesOf(identification, target) {
    const permission = getCI(identification, "Permission");
    const right = typeof permission === "string" ? parseRight(permission) : undefined;
    if (!right) {
      throw new InputError(
        `actionContext.References.Permission.Permission: expected ${RIGHTS_HINT}, got ${JSON.stringify(permission)}`,
      );
    }
    return [{ target, right }];
  },
  subPermissionRights(reference) {
    const right = reference ? parseRight(reference) : undefined;
    if (right) return { rights: [right] };
    const got = reference ? `"${reference}" is` : "it is empty, which is";
    return {
      problem: `${got} not a right; set the dynamic permission's Reference to FullAccess, SendAs or SendOnBehalf`,
    };
  },
  subEntitlementsOf: (target, rights) => rights.map((right) => subEntitlement(target, right)),
  parseSubEntitlement(reference, displayName) {
    const id = getCI(reference, "Id");
    const permission = getCI(reference, "Permission");
    const right = typeof permission === "string" ? parseRight(permission) : undefined;
    if (typeof id !== "string" || !id || !right) return undefined;
    return subEntitlement({ id, name: displayName || id }, right, reference);
  },
  dynamicPermissions: () =>
    RIGHTS.map((right) => ({
      reference: { Reference: right },
      displayName: `Permission - Shared Mailbox - ${rightLabel(right)}`,
      rights: [right],
    })),
};
