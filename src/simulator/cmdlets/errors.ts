// Exchange's failure classes and texts (docs/EXCHANGE-API.md 'Errors', docs/CMDLETS.md), built in one place
// so every cmdlet reports the same situation the same way.
import type { Tenant } from "../tenant/index.js";
import { CmdletError } from "./types.js";

const TASKS = "Microsoft.Exchange.Configuration.Tasks";
const INVOCATION = "Microsoft.Exchange.AdminApi.CommandInvocation";

const NOT_FOUND = `${TASKS}.ManagementObjectNotFoundException`;
const VALIDATION = "Microsoft.Exchange.Management.Tasks.ValidationException";
export const DATA_VALIDATION = "Microsoft.Exchange.Data.DataValidationException";

export function objectNotFound(tenant: Tenant, identity: string): CmdletError {
  return new CmdletError(
    404,
    NOT_FOUND,
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${tenant.domainController}'.`,
    "Ex6F9304",
    identity,
  );
}

/** A folder identity ("mailbox:\Folder") that doesn't exist. */
export function folderNotFound(identity: string): CmdletError {
  return new CmdletError(
    404,
    NOT_FOUND,
    `The operation couldn't be performed because '${identity}' couldn't be found.`,
    "",
    identity,
  );
}

/** A recipient named by a parameter other than Identity (Member, User, Trustee, ...). */
export function recipientNotFound(value: string): CmdletError {
  return new CmdletError(
    400,
    NOT_FOUND,
    `Couldn't find object "${value}". Please make sure that it was spelled correctly or specify a different object.`,
    "Ex94914C",
  );
}

export function ambiguous(identity: string): CmdletError {
  return new CmdletError(
    400,
    `${TASKS}.ManagementObjectAmbiguousException`,
    `The operation couldn't be performed because '${identity}' matches multiple entries.`,
  );
}

export function unknownParameters(names: string[]): CmdletError {
  const suffix = names.length > 0 ? ` Invalid cmdlet parameters specified. ${names.join(", ")}` : "";
  return new CmdletError(
    400,
    `${INVOCATION}.AmbiguousParameterSetException`,
    `Parameter set cannot be resolved using the specified named parameters.${suffix}`,
    "",
    "",
    "bindingWithDetails",
  );
}

export function missingParameters(names: string[]): CmdletError {
  return new CmdletError(
    400,
    "System.Management.Automation.ParameterBindingException",
    `Cannot process command because of one or more missing mandatory parameters: ${names.join(" ")}.`,
    "",
    "",
    "binding",
  );
}

export function transformation(
  parameter: string,
  value: unknown,
  type: string,
  detail?: string,
): CmdletError {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  const error = detail ? ` Error: "${detail}"` : "";
  return new CmdletError(
    400,
    `${INVOCATION}.ParameterTransformationException`,
    `Cannot process argument transformation on parameter '${parameter}'. Cannot convert value "${shown}" to type "${type}".${error}`,
    "",
    "",
    "binding",
  );
}

/** An enum value outside its list, with Exchange's "Unable to match the identifier name" detail. */
export function badEnum(
  parameter: string,
  value: unknown,
  type: string,
  allowed: readonly string[],
): CmdletError {
  return transformation(
    parameter,
    value,
    type,
    `Unable to match the identifier name ${String(value)} to a valid enumerator name. Specify one of the following enumerator names and try again: ${allowed.join(", ")}`,
  );
}

export function filterError(reason: string): CmdletError {
  return new CmdletError(
    400,
    "System.Management.Automation.ParameterBindingException",
    `Cannot bind parameter 'Filter' to the target. Exception setting "Filter": "${reason}"`,
    "",
    "",
    "binding",
  );
}

export function validation(message: string, exceptionType = VALIDATION, target = ""): CmdletError {
  return new CmdletError(400, exceptionType, message, "", target);
}

export function dirSynced(cmdlet: string, property: string, group: string): CmdletError {
  return new CmdletError(
    400,
    `${TASKS}.TaskException`,
    `The action '${cmdlet}', '${property}', can't be performed on the object '${group}' because the object is being synchronized from your on-premises organization. This action should be performed on the object in your on-premises organization.`,
    "",
    group,
  );
}

export function noSettingsModified(identity: string): string {
  return `The command completed successfully but no settings of '${identity}' have been modified.`;
}

/** The shorter wording some Set-* cmdlets use (public Q&A threads quote both). */
export const NO_SETTINGS_MODIFIED_SHORT =
  "The command completed successfully but no settings have been modified.";

export function acePresent(object: string, account: string): string {
  return `The appropriate access control entry is already present on the object "${object}" for account "${account}".`;
}

export function aceMissing(object: string, account: string): string {
  return `Can't remove the access control entry on the object "${object}" for account "${account}" because the ACE doesn't exist on the object.`;
}

/** Remove-RecipientPermission's own wording for a SendAs entry that is not there. */
export function recipientAceMissing(object: string, account: string): string {
  return `Can't remove the access control entry on the object "${object}" for account "${account}" because the ACE isn't present.`;
}
