// The HelloID PowerShell V2 contexts a script receives (reference/helloid-contract.md §2–§4),
// as the CLI takes them: one JSON object {actionContext, personContext, resourceContext, outputContext}.
import { z } from "zod";
import { booleanLike, ciObject, describeIssues, stringLike } from "./schema.js";

const looseRecord = z.record(z.string(), z.unknown());

export const correlationConfigurationSchema = ciObject({
  Enabled: booleanLike.optional(),
  PersonField: z.string().nullish(),
  PersonFieldValue: z.unknown().optional(),
  AccountField: z.string().nullish(),
  AccountFieldValue: z.unknown().optional(),
});

export const referencesSchema = ciObject({
  Account: stringLike.nullish(),
  ManagerAccount: z.unknown().optional(),
  /** The Identification of a static permission, or {Reference} of a dynamic one. */
  Permission: looseRecord.nullish(),
});

export const currentPermissionSchema = ciObject({
  DisplayName: stringLike.nullish(),
  Reference: looseRecord,
});

export const actionContextSchema = ciObject({
  /** Validated by the connector's own configuration schema. */
  Configuration: looseRecord,
  DryRun: booleanLike.default(false),
  Operation: z.string().nullish(),
  Origin: z.string().nullish(),
  Data: looseRecord.nullish(),
  CorrelationConfiguration: correlationConfigurationSchema.nullish(),
  AccountCorrelated: booleanLike.nullish(),
  References: referencesSchema.nullish(),
  PermissionDisplayName: stringLike.nullish(),
  CurrentPermissions: z.array(currentPermissionSchema).nullish(),
  ImportFields: z.array(z.string()).nullish(),
});

export const personContextSchema = ciObject({
  Person: looseRecord.nullish(),
  Manager: looseRecord.nullish(),
});

export const resourceContextSchema = ciObject({
  SourceData: z.array(looseRecord).nullish(),
});

/** What HelloID pre-fills in $outputContext: the mapped fields in Data / PreviousData. */
export const incomingOutputContextSchema = ciObject({
  Data: looseRecord.nullish(),
  PreviousData: looseRecord.nullish(),
});

export const runInputSchema = ciObject({
  actionContext: actionContextSchema,
  personContext: personContextSchema.nullish(),
  resourceContext: resourceContextSchema.nullish(),
  outputContext: incomingOutputContextSchema.nullish(),
});

export type ActionContext = z.infer<typeof actionContextSchema>;
export type PersonContext = z.infer<typeof personContextSchema>;
export type ResourceContext = z.infer<typeof resourceContextSchema>;
export type RunInput = z.infer<typeof runInputSchema>;

/** Input that cannot be used: the CLI exits 2 and nothing is sent to Exchange. */
export class InputError extends Error {}

/** Parses the `run` input text; every problem names the field at fault. */
export function parseRunInput(text: string): RunInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the input is not valid JSON (${(error as Error).message})`);
  }
  const parsed = runInputSchema.safeParse(json);
  if (!parsed.success) throw new InputError(describeIssues(parsed.error));
  return parsed.data;
}
