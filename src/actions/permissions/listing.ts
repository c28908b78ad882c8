// permissions (retrieve permissions): every object of the family, every page, as HelloID permissions.
// Only the properties the display names and Identifications need are fetched.
import { RETRIEVE_PERMISSIONS_SECONDS } from "../../helloid/timeLimits.js";
import type { OutputAction } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family } from "./family.js";
import { NAMING_SELECT } from "./objects.js";

export function permissionsAction<S extends CommonSettings>(
  family: Family<S>,
): OutputAction<{ settings: S }> {
  return {
    kind: "output",
    name: `${family.name}/permissions`,
    summary: `List every ${family.noun} as a permission`,
    timeLimitSeconds: RETRIEVE_PERMISSIONS_SECONDS,
    prepare: ({ context }) => ({ settings: family.parseSettings(context.Configuration) }),
    async execute({ settings }, { exchange, output, log }) {
      const objects = family.listObjects(exchange, settings, {
        scope: "permissions",
        select: [...NAMING_SELECT, ...family.select],
      });
      let count = 0;
      for await (const object of objects) {
        count += 1;
        for (const { displayName, identification } of family.entitlementsOf(object, settings)) {
          output.Permissions.push({ DisplayName: displayName, Identification: identification });
        }
      }
      log.info(`listed ${output.Permissions.length} permissions of ${count} ${family.noun} objects`);
    },
  };
}
