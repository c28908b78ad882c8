// Schema building blocks for HelloID input: case-insensitive objects and the loose scalar types
// HelloID sends (fixed mapping values arrive as strings, checkboxes as booleans).

import * as z from "zod";
import { GUID_PATTERN } from "../common/patterns.js";
import { canonicalizeKeys, DuplicateKeyError } from "./caseInsensitive.js";

// A process parses its input once: compiling a fast parser per object schema (zod's JIT, `new Function`) costs
// more than it saves (a run's first parse took 27 ms with it, 6–13 ms without, on a busy machine). Set before any
// object schema below is built: zod reads it then.
z.config({ jitless: true });

/** A z.object whose keys are matched case-insensitively; unknown keys are kept. */
export function ciObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return z.preprocess((value, ctx) => {
    try {
      return canonicalizeKeys(value, names);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      ctx.issues.push({ code: "custom", message: error.message, input: value });
      return z.NEVER;
    }
  }, z.looseObject(shape));
}

/** true/false, or the strings "true"/"false" (any case, surrounding spaces ignored) as fixed mappings send them. */
const BOOLEAN_VALUES = 'expected true or false (or the strings "true"/"false")';
export const booleanLike = z.union(
  [
    z.boolean(),
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["true", "false"]))
      .transform((text) => text === "true"),
  ],
  { error: BOOLEAN_VALUES },
);

/** A string, or a number that PowerShell would have turned into one. */
export const stringLike = z.union([z.string(), z.number().transform(String)]);

export const guid = z
  .string()
  .trim()
  .regex(GUID_PATTERN, "expected a GUID like 00000000-0000-0000-0000-000000000000");

/** Renders zod issues as one line per field: `actionContext.Configuration.AppId: expected a GUID …`. */
export function describeIssues(error: z.ZodError, root?: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path
        .map((part, i) =>
          typeof part === "number" ? `[${part}]` : `${i > 0 || root ? "." : ""}${String(part)}`,
        )
        .join("");
      return `${root ?? ""}${path || (root ? "" : "input")}: ${issue.message}`;
    })
    .join("; ");
}
