// The seven actions of a permission family, all built from the one machinery.
import type { AnyAction } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family } from "./family.js";
import { grantRevokeAction } from "./grantRevoke.js";
import { importPermissionAction, importSubPermissionsAction } from "./imports.js";
import { permissionsAction } from "./listing.js";
import { resourcesAction } from "./resources.js";
import { subPermissionsAction } from "./subPermissions.js";

export function familyActions<S extends CommonSettings>(family: Family<S>): AnyAction[] {
  return [
    permissionsAction(family),
    grantRevokeAction(family, "grant"),
    grantRevokeAction(family, "revoke"),
    subPermissionsAction(family),
    resourcesAction(family),
    importPermissionAction(family),
    importSubPermissionsAction(family),
  ];
}
