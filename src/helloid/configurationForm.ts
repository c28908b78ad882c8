// The Configuration tab of a HelloID target system (configuration.json): angular-formly style field
// definitions (docs/HELLOID-CONTRACT.md, 'configuration.json'). Each module that reads configuration keys
// describes them once as ConfigurationField values; the package command renders them.

/**
 * One configuration key as an implementer sees it.
 * - `text`: a line of text (also JSON option lists and templates, which HelloID has no multi-line field for);
 * - `secret`: masked text (`templateOptions.type: "password"`);
 * - `checkbox`: a boolean, which HelloID hands the scripts as true/false;
 * - `number`: a number field (the connector also accepts it as text).
 */
export interface ConfigurationField {
  readonly key: string;
  readonly kind: "text" | "secret" | "checkbox" | "number";
  readonly label: string;
  /** What it is, when it matters and what happens when it is left empty: a sentence an implementer understands. */
  readonly description: string;
  readonly defaultValue?: string | number | boolean;
  readonly required?: boolean;
  readonly placeholder?: string;
}

/** One entry of configuration.json, as HelloID's form builder reads it. */
export interface FormlyField {
  key: string;
  type: "input" | "checkbox";
  defaultValue: string | number | boolean;
  templateOptions: {
    label: string;
    description: string;
    required: boolean;
    type?: "password" | "number";
    placeholder?: string;
  };
}

export function toFormlyField(field: ConfigurationField): FormlyField {
  const type = field.kind === "checkbox" ? "checkbox" : "input";
  const defaultValue = field.defaultValue ?? (field.kind === "checkbox" ? false : "");
  return {
    key: field.key,
    type,
    defaultValue,
    templateOptions: {
      label: field.label,
      ...(field.kind === "secret" ? { type: "password" as const } : {}),
      ...(field.kind === "number" ? { type: "number" as const } : {}),
      ...(field.placeholder ? { placeholder: field.placeholder } : {}),
      description: field.description,
      required: field.required ?? false,
    },
  };
}

/**
 * configuration.json for a list of fields. Keys must be unique (case-insensitively, as PowerShell reads them);
 * a duplicate is a programming error caught here rather than a form HelloID rejects.
 */
export function toConfigurationJson(fields: readonly ConfigurationField[]): FormlyField[] {
  const seen = new Set<string>();
  for (const field of fields) {
    const key = field.key.toLowerCase();
    if (seen.has(key)) throw new Error(`configuration key "${field.key}" is defined twice`);
    seen.add(key);
  }
  return fields.map(toFormlyField);
}
