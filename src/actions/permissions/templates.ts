// Names and addresses of objects the resources action creates, rendered from the configured templates and
// made acceptable to Exchange: Name ≤ 64 and DisplayName ≤ 256 characters, Alias and the address's local
// part limited to letters, digits, '.', '_' and '-' (diacritics dropped: "Café" → "Cafe"), ≤ 64.
import { DOMAIN_NAME_PATTERN } from "../../common/patterns.js";
import type { ResourceTemplates } from "./commonSettings.js";

export interface Resource {
  readonly externalId: string;
  readonly displayName: string;
}

export interface ResourceObject {
  readonly name: string;
  readonly displayName: string;
  readonly alias: string;
  readonly primarySmtpAddress: string;
}

const NAME_MAX = 64;
const DISPLAY_NAME_MAX = 256;
const ALIAS_MAX = 64;

function render(template: string, values: Readonly<Record<string, string>>): string {
  const byLower = new Map(Object.entries(values).map(([key, value]) => [key.toLowerCase(), value]));
  return template.replace(/\{([^}]*)\}/g, (whole, name: string) => byLower.get(name.toLowerCase()) ?? whole);
}

/** Text for Name/DisplayName: no control characters, single spaces, trimmed to `max`. */
function cleanName(text: string, max: number): string {
  const cleaned = text
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.slice(0, max).trimEnd();
}

/** Text for an alias or an address's local part. */
export function sanitizeAddressPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]/g, "")
    .replace(/\.{2,}/g, ".")
    .replace(/^\.+/, "")
    .slice(0, ALIAS_MAX)
    .replace(/\.+$/, "");
}

/** The object for a resource, or the reason the templates give nothing usable for it. */
export function renderResource(
  templates: ResourceTemplates,
  resource: Resource,
  organization: string,
): ResourceObject | { problem: string } {
  const raw = { DisplayName: resource.displayName, ExternalId: resource.externalId };
  const displayName = cleanName(render(templates.name, raw), DISPLAY_NAME_MAX);
  const name = cleanName(displayName, NAME_MAX);
  const alias = sanitizeAddressPart(render(templates.alias, raw));
  if (!name) return { problem: "the name template gives an empty name" };
  if (!alias) return { problem: "the alias template gives an empty alias" };
  const address = render(templates.address, {
    Alias: alias,
    DisplayName: sanitizeAddressPart(resource.displayName),
    ExternalId: sanitizeAddressPart(resource.externalId),
    Organization: organization,
  });
  const at = address.lastIndexOf("@");
  const local = sanitizeAddressPart(address.slice(0, Math.max(at, 0)));
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (at < 0 || !local || !DOMAIN_NAME_PATTERN.test(domain)) {
    return { problem: `the address template gives [${address}], which is not an e-mail address` };
  }
  return { name, displayName, alias, primarySmtpAddress: `${local}@${domain}` };
}
