// Which configured option a grant or revoke is about. The Dec 2024 PowerShell connector carried the
// settings in the Identification ({Id, Language, …}); later versions sent {Id} alone and kept the settings
// in their scripts. Both arrive here: settings the Identification carries are used as granted,
// an Id alone is looked up in the configured options (docs/HELLOID-CONTRACT.md, 'Permission references').
import type { z } from "zod";
import { getCI } from "../../helloid/caseInsensitive.js";
import { type ActionContext, InputError } from "../../helloid/context.js";
import { describeIssues } from "../../helloid/schema.js";
import { type ConfigurationSetting, readSetting } from "../configurationSetting.js";
import { findOption, optionId } from "./optionList.js";

export interface OptionFamily<T extends { Id: string }> {
  readonly options: ConfigurationSetting<T[]>;
  /** Parses an Identification that carries its settings. */
  readonly identification: z.ZodType<T>;
  /** Fields whose presence means the Identification carries its settings. */
  readonly settingFields: readonly string[];
}

const WHERE = "actionContext.References.Permission";

export function grantedOption<T extends { Id: string }>(context: ActionContext, family: OptionFamily<T>): T {
  // Read first: a broken option list is reported even when this Identification does not need it.
  const options = readSetting(context.Configuration, family.options);
  const permission = context.References?.Permission;
  if (!permission)
    throw new InputError(`${WHERE}: required (the Identification the permissions action listed)`);
  if (family.settingFields.some((field) => getCI(permission, field) !== undefined)) {
    const parsed = family.identification.safeParse(permission);
    if (!parsed.success) throw new InputError(describeIssues(parsed.error, WHERE));
    return parsed.data;
  }
  const id = optionId.safeParse(getCI(permission, "Id"));
  if (!id.success) throw new InputError(`${WHERE}.Id: required (the Id of a configured option)`);
  const option = findOption(options, id.data);
  if (!option) {
    const known = options.map((o) => o.Id).join(", ") || "none";
    throw new InputError(
      `${WHERE}.Id: no option with Id "${id.data}" in actionContext.Configuration.${family.options.key} (configured Ids: ${known})`,
    );
  }
  return option;
}
