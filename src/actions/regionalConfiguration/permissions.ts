// regionalConfiguration/permissions: the configured regional options, each with its settings in the
// Identification or with its Id alone (RegionalConfigurationIdentification).
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import { readSetting } from "../configurationSetting.js";
import { optionPermissionsAction } from "../mailboxSettings/permissionsAction.js";
import {
  type IdentificationShape,
  type RegionalConfigurationOption,
  regionalConfigurationDisplayName,
  regionalConfigurationIdentification,
  regionalConfigurationOptions,
  SETTING_NAMES,
} from "./settings.js";

function identification(option: RegionalConfigurationOption, shape: IdentificationShape): JsonObject {
  const identification: JsonObject = { Id: option.Id };
  if (shape === "Id") return identification;
  for (const name of SETTING_NAMES) {
    if (option[name] !== undefined) identification[name] = option[name];
  }
  return identification;
}

export const regionalConfigurationPermissions = optionPermissionsAction({
  name: "regionalConfiguration/permissions",
  summary: "List the configured regional configuration options (RegionalConfigurationOptions)",
  list: (configuration) => {
    const shape = readSetting(configuration, regionalConfigurationIdentification);
    return readSetting(configuration, regionalConfigurationOptions).map((option) => ({
      DisplayName: regionalConfigurationDisplayName(option),
      Identification: identification(option, shape),
    }));
  },
});
