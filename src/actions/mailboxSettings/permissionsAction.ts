// The `<family>/permissions` actions: the configured options as HelloID permissions. No Exchange call.
import { type Permission, truncateDisplayName } from "../../helloid/output.js";
import type { OutputAction } from "../framework.js";

export function optionPermissionsAction(spec: {
  name: string;
  summary: string;
  /** Validates the family's settings and lists one permission per option. */
  list(configuration: Record<string, unknown>): Permission[];
}): OutputAction<Permission[]> {
  return {
    kind: "output",
    name: spec.name,
    summary: spec.summary,
    prepare: ({ context }) => spec.list(context.Configuration),
    execute: async (permissions, { output }) => {
      for (const permission of permissions) {
        output.Permissions.push({ ...permission, DisplayName: truncateDisplayName(permission.DisplayName) });
      }
    },
  };
}
