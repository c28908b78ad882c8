// Get/Set-MailboxRegionalConfiguration. A date or time format that does not fit the language answers
// BadRequestError (ValidationException); an unknown time zone too (ParameterTransformationException).
import { identityCmdlet, writeCmdlet } from "./declare.js";

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

export const getRegionalConfiguration = identityCmdlet<RegionalConfigurationRow>(
  "Get-MailboxRegionalConfiguration",
);

export const setRegionalConfiguration = writeCmdlet<SetRegionalConfigurationParams>(
  "Set-MailboxRegionalConfiguration",
);
