// The settings every family has (sub-permission lookup, resource templates, correlation and marker
// attributes) and the schemas their configuration keys share.
import * as z from "zod";

export interface ResourceTemplates {
  readonly name: string;
  readonly alias: string;
  readonly address: string;
}

export interface CommonSettings {
  /** Path into a contract whose value selects the object, e.g. ["Department", "ExternalId"]. */
  readonly contractField: readonly string[];
  /** The object attribute holding that value (resources stamp it; sub-permissions look it up). */
  readonly correlationAttribute: string;
  /** Marks objects the resources action created, so sub-permission imports can select them. */
  readonly markerAttribute: string;
  readonly markerValue: string;
  readonly templates: ResourceTemplates;
}

const CUSTOM_ATTRIBUTES = Array.from({ length: 15 }, (_, i) => `CustomAttribute${i + 1}`);

/** CustomAttribute1..15, any letter case, canonically spelled. */
export const customAttribute = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const match = CUSTOM_ATTRIBUTES.find((name) => name.toLowerCase() === value.toLowerCase());
    if (!match) ctx.addIssue({ code: "custom", message: "expected CustomAttribute1 … CustomAttribute15" });
    return match ?? value;
  });

/** A dotted path into a contract ("Department.ExternalId"), as its parts. */
export const contractField = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    'expected a dotted field path such as "Department.ExternalId"',
  )
  .transform((path) => path.split("."));

/** A template text whose `{Placeholder}`s are all among `allowed` (matched ignoring case). */
export function template(allowed: readonly string[]) {
  const known = new Set(allowed.map((name) => name.toLowerCase()));
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      for (const [, name] of text.matchAll(/\{([^}]*)\}/g)) {
        if (!known.has((name ?? "").toLowerCase())) {
          ctx.addIssue({
            code: "custom",
            message: `unknown placeholder {${name}}; use ${allowed.map((p) => `{${p}}`).join(", ")}`,
          });
        }
      }
    });
}

export const NAME_PLACEHOLDERS = ["DisplayName", "ExternalId"] as const;
export const ADDRESS_PLACEHOLDERS = ["Alias", "DisplayName", "ExternalId", "Organization"] as const;
