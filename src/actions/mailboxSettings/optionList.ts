// The option lists implementers configure (one option = one HelloID permission): items matched
// case-insensitively as PowerShell does, Ids unique and stable because HelloID stores them in entitlements.
import * as z from "zod";
import { isObject } from "../../helloid/caseInsensitive.js";
import { ciObject, stringLike } from "../../helloid/schema.js";

export const optionId = stringLike.pipe(z.string().trim().min(1, "required: a unique Id that never changes"));

/** A display name override; longer ones are cut to HelloID's 100 characters when listed. */
export const optionDisplayName = z.string().trim().min(1).optional();

/** Runs an option's refinement even when one of its fields is wrong, so every problem is reported at once. */
export const REPORT_ALL = { when: (payload: { value: unknown }) => isObject(payload.value) };

/**
 * A configured option: like the Identification HelloID sends back, but misspelt keys are reported
 * (a misspelt optional field would otherwise be ignored without a word).
 */
export function optionObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape);
  return ciObject(shape).superRefine((option, ctx) => {
    for (const key of Object.keys(option)) {
      if (!names.includes(key)) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `unknown field; an option has ${names.join(", ")}`,
        });
      }
    }
  }, REPORT_ALL);
}

export function optionList<T extends { Id: string }>(option: z.ZodType<T>) {
  return z.array(option).superRefine((options, ctx) => {
    const firstIndex = new Map<string, number>();
    options.forEach((item, index) => {
      const first = firstIndex.get(item.Id.toLowerCase());
      if (first === undefined) firstIndex.set(item.Id.toLowerCase(), index);
      else
        ctx.addIssue({
          code: "custom",
          path: [index, "Id"],
          message: `duplicate Id "${item.Id}" (item [${first}] has it)`,
        });
    });
  });
}

export function findOption<T extends { Id: string }>(options: readonly T[], id: string): T | undefined {
  const wanted = id.trim().toLowerCase();
  return options.find((option) => option.Id.toLowerCase() === wanted);
}
