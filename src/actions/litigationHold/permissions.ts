// litigationHold/permissions: the configured hold durations.
import { readSetting } from "../configurationSetting.js";
import { optionPermissionsAction } from "../mailboxSettings/permissionsAction.js";
import { litigationHoldDisplayName, litigationHoldOptions } from "./settings.js";

export const litigationHoldPermissions = optionPermissionsAction({
  name: "litigationHold/permissions",
  summary: "List the configured litigation hold durations (LitigationHoldOptions)",
  list: (configuration) =>
    readSetting(configuration, litigationHoldOptions).map((option) => ({
      DisplayName: litigationHoldDisplayName(option),
      Identification: { Id: option.Id, Duration: option.Duration },
    })),
});
