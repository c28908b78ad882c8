// The values that select a person's sub-permission objects: the configured contract field (default
// Department.ExternalId) of every contract in conditions — of every contract in DryRun, as HelloID's
// preview does not evaluate conditions (docs/HELLOID-CONTRACT.md, 'Person and resource context').
import { getCI, isObject } from "../../helloid/caseInsensitive.js";
import { InputError, type PersonContext } from "../../helloid/context.js";
import { booleanLike } from "../../helloid/schema.js";

/** Distinct non-empty values (compared ignoring case, as Exchange's filters do), in contract order. */
export function contractValues(
  person: PersonContext | undefined,
  path: readonly string[],
  dryRun: boolean,
): string[] {
  const contracts = getCI(person?.Person, "Contracts");
  if (!Array.isArray(contracts)) {
    throw new InputError(
      "personContext.Person.Contracts: required (the contracts that select the sub-permissions)",
    );
  }
  const values = new Map<string, string>();
  for (const contract of contracts) {
    if (!isObject(contract) || !(dryRun || inConditions(contract))) continue;
    const value = path.reduce<unknown>((node, part) => getCI(node, part), contract);
    const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
    if (text && !values.has(text.toLowerCase())) values.set(text.toLowerCase(), text);
  }
  return [...values.values()];
}

function inConditions(contract: unknown): boolean {
  const parsed = booleanLike.safeParse(getCI(getCI(contract, "Context"), "InConditions"));
  return parsed.success && parsed.data;
}
