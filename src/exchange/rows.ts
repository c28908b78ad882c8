// Rows come with inline type annotations (`Guid@odata.type`, `Guid@data.type`) that no caller wants; any key
// containing `@` is one (docs/EXCHANGE-API.md, 'Success envelope').
import type { Row } from "./call.js";

export function stripAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (typeof value !== "object" || value === null) return value;
  const clean: Row = {};
  for (const [key, inner] of Object.entries(value)) {
    if (!key.includes("@")) clean[key] = stripAnnotations(inner);
  }
  return clean;
}
