// sharedMailboxes/*: one entitlement per shared mailbox standing for the configured rights. Identification
// is the Dec 2024 shape {Id, Name, Type, AccessRights} or, by configuration, the later {Id}; grant/revoke
// take both ({Id} means the configured rights). Sub-permissions are one per right: {Id: "FullAccess-<guid>"}, "FullAccess-<name>".
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { truncateDisplayName } from "../../helloid/output.js";
import type { Family, SubEntitlement, TargetObject } from "../permissions/family.js";
import { targetOf } from "../permissions/objects.js";
import { sharedMailboxBase } from "./familyBase.js";
import { parseRight, RIGHTS_HINT, type Right, rightLabel } from "./rights.js";
import type { SharedMailboxSettings } from "./settings.js";

const SUB_REFERENCE = /^(FullAccess|SendAs|SendOnBehalf)-(.+)$/i;

/** The rights an Identification names (either spelling), or the configured ones when it names none. */
function identificationRights(identification: JsonObject, settings: SharedMailboxSettings): readonly Right[] {
  const given = getCI(identification, "AccessRights");
  const texts = Array.isArray(given) ? given : typeof given === "string" && given.trim() ? [given] : [];
  if (texts.length === 0) return settings.accessRights;
  return [
    ...new Set(
      texts.map((text) => {
        const right = typeof text === "string" ? parseRight(text) : undefined;
        if (!right) {
          throw new InputError(
            `actionContext.References.Permission.AccessRights: unknown access right ${JSON.stringify(text)}; use ${RIGHTS_HINT}`,
          );
        }
        return right;
      }),
    ),
  ];
}

function subEntitlement(target: TargetObject, right: Right, reference?: JsonObject): SubEntitlement<Right> {
  const id = `${right}-${target.id}`;
  return {
    key: id.toLowerCase(),
    displayName: `${right}-${target.name}`,
    reference: reference ?? { Id: id },
    access: { target, right },
  };
}

export const sharedMailboxes: Family<SharedMailboxSettings, Right> = {
  ...sharedMailboxBase,
  name: "sharedMailboxes",
  entitlementsOf(mailbox, settings) {
    const target = targetOf(mailbox);
    return [
      {
        displayName: truncateDisplayName(`${settings.displayNamePrefix}${target.name}`),
        identification:
          settings.identification === "Id"
            ? { Id: target.id }
            : {
                Id: target.id,
                Name: target.name,
                Type: "Shared Mailbox",
                AccessRights: settings.accessRights.map(rightLabel),
              },
        description: String(getCI(mailbox, "PrimarySmtpAddress") ?? ""),
        rights: settings.accessRights,
      },
    ];
  },
  staticRights: (settings) => settings.accessRights,
  accessesOf: (identification, target, settings) =>
    identificationRights(identification, settings).map((right) => ({ target, right })),
  subPermissionRights: (_reference, settings) => ({ rights: settings.accessRights }),
  subEntitlementsOf: (target, rights) => rights.map((right) => subEntitlement(target, right)),
  parseSubEntitlement(reference, displayName) {
    const match = SUB_REFERENCE.exec(String(getCI(reference, "Id") ?? ""));
    const right = match && parseRight(match[1] as string);
    if (!match || !right) return undefined;
    const name = displayName.replace(new RegExp(`^${right}-`, "i"), "") || (match[2] as string);
    return subEntitlement({ id: match[2] as string, name }, right, reference);
  },
  dynamicPermissions: (settings) => [
    {
      reference: { Reference: settings.subPermissionsReference },
      displayName: "Permission - Shared Mailbox",
      rights: settings.accessRights,
    },
  ],
};
