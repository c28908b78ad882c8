// The HelloID PowerShell V2 contexts a script receives (docs/HELLOID-CONTRACT.md, 'Action context' and
// after), as the CLI takes them: one JSON object {actionContext, personContext, resourceContext,
// outputContext}.

import * as z from "zod";
import { parseJsonText, withoutByteOrderMark } from "../common/json.js";
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

/**
 * How deeply objects and arrays may nest in the input. HelloID's contexts nest a handful of levels; the limit
 * keeps absurd input from exhausting the stack of the code that walks it.
 */
export const MAX_INPUT_DEPTH = 100;

/** Parses the `run` input text; every problem names the field at fault. */
export function parseRunInput(text: string): RunInput {
  let json: unknown;
  const source = withoutByteOrderMark(text);
  if (nestsDeeperThan(source, MAX_INPUT_DEPTH))
    throw new InputError(
      `the input is too deep: objects and arrays nest more than ${MAX_INPUT_DEPTH} levels (the limit)`,
    );
  try {
    json = parseJsonText(source);
  } catch (error) {
    throw new InputError(
      `the input is not valid JSON (${describeJsonError((error as Error).message, source)})`,
    );
  }
  const parsed = runInputSchema.safeParse(json);
  if (!parsed.success) throw new InputError(describeIssues(parsed.error));
  return parsed.data;
}

/**
 * V8 quotes the text around some syntax errors (`Unexpected token 'S', ..."ppSecret":SuperSecre"... is not
 * valid JSON`); those characters may be a secret's, so only where the error is goes into the message.
 */
function describeJsonError(message: string, text: string): string {
  if (!message.includes('"')) return message;
  const quoted = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(
    message,
  );
  const [, token = "", cut, excerpt = ""] = quoted ?? [];
  const at = quoted ? text.indexOf(excerpt) : -1;
  if (at < 0) return "a character that JSON does not allow";
  // V8 shows ten characters before the fault when it cuts the text short.
  const position = at + (cut ? 10 : Math.max(0, excerpt.indexOf(token)));
  const lines = text.slice(0, position).split("\n");
  return `unexpected character at line ${lines.length}, column ${(lines.at(-1)?.length ?? 0) + 1}`;
}

/** Whether {} and [] outside strings nest more than `limit` levels anywhere. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return false;
}
