// Get/Set-MailboxRegionalConfiguration. A date or time format that does not fit the language answers
// BadRequestError (ValidationException); an unknown time zone too (ParameterTransformationException).
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { singleRow, type WriteResult, writeResult } from "./common.js";

export interface RegionalConfigurationRow {
  Identity?: string;
  Language?: string | null;
  DateFormat?: string | null;
  TimeFormat?: string | null;
  TimeZone?: string | null;
  DefaultFolderNameMatchingUserLanguage?: boolean;
  [property: string]: unknown;
}

export interface SetRegionalConfigurationParams {
  Identity: string;
  /** A culture name such as "nl-NL". */
  Language?: string;
  DateFormat?: string;
  TimeFormat?: string;
  /** A Windows time zone name such as "W. Europe Standard Time". */
  TimeZone?: string;
  /** Renames the default folders (Calendar ↔ Agenda …) to the language. */
  LocalizeDefaultFolderName?: boolean;
}

export async function getRegionalConfiguration(
  client: ExchangeClient,
  identity: string,
): Promise<RegionalConfigurationRow> {
  const result = await client.invoke(getRegionalConfiguration.asCall(identity));
  return singleRow(result, "Get-MailboxRegionalConfiguration", identity);
}
getRegionalConfiguration.asCall = (identity: string): CmdletCall<RegionalConfigurationRow> => ({
  cmdlet: "Get-MailboxRegionalConfiguration",
  parameters: { Identity: identity },
});

export async function setRegionalConfiguration(
  client: ExchangeClient,
  params: SetRegionalConfigurationParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(setRegionalConfiguration.asCall(params)));
}
setRegionalConfiguration.asCall = (params: SetRegionalConfigurationParams): CmdletCall<never> => ({
  cmdlet: "Set-MailboxRegionalConfiguration",
  parameters: { ...params },
});
