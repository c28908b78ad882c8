// Shapes of names every room checks: the client its options and OPATH property names, the actions their
// configuration and mappings, the simulator its filters.

/** A GUID in its 8-4-4-4-12 hex form, any case. */
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A DNS domain name (labels of up to 63 letters, digits or inner hyphens; a letter-only top label), any case. */
export const DOMAIN_NAME_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** An Exchange property or parameter name: a letter, then letters and digits. */
export const PROPERTY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;
