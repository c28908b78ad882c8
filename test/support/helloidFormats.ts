// HelloID's file formats as docs/HELLOID-CONTRACT.md describes them ('configuration.json',
// 'fieldMapping.json'), as validators, and a small evaluator of field mappings (Fixed, Field, Complex) that
// builds what HelloID would hand the scripts.
import { runInNewContext } from "node:vm";

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON files are inspected ad hoc
type Json = Record<string, any>;

/** Problems of a configuration.json; empty when it is valid. */
export function configurationProblems(form: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(form)) return ["configuration.json must be an array of fields"];
  const keys = new Set<string>();
  form.forEach((field: Json, index) => {
    const where = `field ${index} (${field?.key})`;
    if (typeof field?.key !== "string" || !/^[A-Za-z][A-Za-z0-9]*$/.test(field.key))
      problems.push(`${where}: key`);
    else if (keys.has(field.key.toLowerCase())) problems.push(`${where}: duplicate key`);
    else keys.add(field.key.toLowerCase());
    if (field.type !== "input" && field.type !== "checkbox")
      problems.push(`${where}: type must be input or checkbox`);
    if (!("defaultValue" in field)) problems.push(`${where}: no defaultValue`);
    if (field.type === "checkbox" && typeof field.defaultValue !== "boolean")
      problems.push(`${where}: checkbox default`);
    const options = field.templateOptions;
    if (typeof options !== "object" || options === null) {
      problems.push(`${where}: no templateOptions`);
      return;
    }
    if (typeof options.label !== "string" || !options.label.trim()) problems.push(`${where}: no label`);
    if (typeof options.description !== "string" || options.description.trim().length < 20) {
      problems.push(`${where}: no description an implementer understands`);
    }
    if (typeof options.required !== "boolean") problems.push(`${where}: required must be a boolean`);
    if (options.type !== undefined && !["password", "number"].includes(options.type))
      problems.push(`${where}: input type`);
    const extra = Object.keys(field).filter(
      (k) => !["key", "type", "defaultValue", "templateOptions"].includes(k),
    );
    if (extra.length) problems.push(`${where}: unknown properties ${extra.join(", ")}`);
  });
  return problems;
}

export const LIFECYCLE_ACTIONS = ["Create", "Update", "Enable", "Disable", "Delete"] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Problems of a fieldMapping.json; empty when it is valid. */
export function fieldMappingProblems(file: unknown): string[] {
  const problems: string[] = [];
  const mapping = file as Json;
  if (mapping?.Version !== "v1") problems.push("Version must be v1");
  if (!Array.isArray(mapping?.UniqueFieldNames)) problems.push("UniqueFieldNames must be an array");
  if (!Array.isArray(mapping?.MappingFields)) return [...problems, "MappingFields must be an array"];
  const names = new Set<string>();
  for (const field of mapping.MappingFields as Json[]) {
    const where = `field ${field?.Name}`;
    if (typeof field?.Name !== "string" || !field.Name) problems.push(`${where}: Name`);
    else if (names.has(field.Name.toLowerCase())) problems.push(`${where}: duplicate`);
    else names.add(field.Name.toLowerCase());
    if (typeof field.Description !== "string") problems.push(`${where}: Description`);
    if (field.Type !== "Text" && field.Type !== "Array")
      problems.push(`${where}: Type must be Text or Array`);
    if (!Array.isArray(field.MappingActions) || field.MappingActions.length === 0) {
      problems.push(`${where}: MappingActions`);
      continue;
    }
    const stages = new Set<string>();
    for (const action of field.MappingActions as Json[]) {
      if (!Array.isArray(action.MapForActions) || action.MapForActions.length === 0)
        problems.push(`${where}: MapForActions`);
      for (const stage of action.MapForActions ?? []) {
        if (!(LIFECYCLE_ACTIONS as readonly string[]).includes(stage))
          problems.push(`${where}: unknown action ${stage}`);
        if (stages.has(stage)) problems.push(`${where}: ${stage} mapped twice`);
        stages.add(stage);
      }
      if (!["None", "Fixed", "Field", "Complex"].includes(action.MappingMode))
        problems.push(`${where}: MappingMode`);
      if (typeof action.UsedInNotifications !== "boolean") problems.push(`${where}: UsedInNotifications`);
      if (typeof action.StoreInAccountData !== "boolean") problems.push(`${where}: StoreInAccountData`);
      if (typeof action.Value !== "string") {
        problems.push(`${where}: Value must be a JSON-encoded string`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(action.Value);
      } catch {
        problems.push(`${where}: Value is not JSON`);
        continue;
      }
      if (action.MappingMode !== "None" && (typeof value !== "string" || !value))
        problems.push(`${where}: empty Value`);
      if (action.MappingMode === "Field" && !/^Person(\.[A-Za-z0-9_]+)+$/.test(String(value))) {
        problems.push(`${where}: Field path`);
      }
    }
  }
  return problems;
}

export function deleteDiacriticalMarks(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** The value one mapping gives for a person, as HelloID's mapping engine would compute it. */
export function evaluateMapping(action: Json, person: Json): unknown {
  const value = JSON.parse(action.Value) as string;
  switch (action.MappingMode) {
    case "None":
      return null;
    case "Fixed":
      return value;
    case "Field":
      return value
        .split(".")
        .slice(1)
        .reduce<unknown>((object, part) => (object == null ? undefined : (object as Json)[part]), person);
    case "Complex":
      return runInNewContext(
        value,
        { Person: person, deleteDiacriticalMarks, Iteration: 0 },
        { timeout: 1000 },
      );
    default:
      throw new Error(`unknown mapping mode ${action.MappingMode}`);
  }
}

/**
 * What HelloID hands a lifecycle script: actionContext.Data (the mapped fields, without None-mapped ones)
 * and the pre-filled outputContext.Data (every mapped field, None-mapped ones as null).
 */
export function mappedContexts(file: Json, stage: LifecycleAction, person: Json) {
  const data: Record<string, unknown> = {};
  const prefilled: Record<string, unknown> = {};
  for (const field of file.MappingFields as Json[]) {
    const action = (field.MappingActions as Json[]).find((a) => a.MapForActions.includes(stage));
    if (!action) continue;
    const value = evaluateMapping(action, person);
    prefilled[field.Name] = value;
    if (action.MappingMode !== "None") data[field.Name] = value;
  }
  return { data, prefilled };
}
