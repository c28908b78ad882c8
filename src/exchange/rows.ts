// Rows come with inline type annotations (`Guid@odata.type`, `Guid@data.type`, reference §3.1) that no
// caller wants; any key containing `@` is one.
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
