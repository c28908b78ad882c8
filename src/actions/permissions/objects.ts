// Rows of a family's objects as the machinery reads them: named by Guid (references) and display name
// (people), and grouped by the attribute that correlates them to contracts and resources.
import { collect, type ExchangeClient, type OpathFilter } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family, TargetObject } from "./family.js";

/** The properties `targetOf` reads. */
export const NAMING_SELECT = ["Guid", "Name", "DisplayName"] as const;

export function targetOf(row: JsonObject): TargetObject {
  const id = String(getCI(row, "Guid") ?? "");
  const name = getCI(row, "DisplayName") || getCI(row, "Name") || id;
  return { id, name: String(name) };
}

/** Every object of the family matching `filter`, by its correlation value (lower-cased: Exchange compares
 * values ignoring case). */
export async function objectsByCorrelation<S extends CommonSettings>(
  family: Family<S>,
  exchange: ExchangeClient,
  settings: S,
  filter: OpathFilter,
): Promise<Map<string, JsonObject[]>> {
  const attribute = settings.correlationAttribute;
  const rows = family.listObjects(exchange, settings, {
    scope: "all",
    filter,
    select: [...NAMING_SELECT, attribute],
  });
  const groups = new Map<string, JsonObject[]>();
  for (const row of await collect(rows)) {
    const value = String(getCI(row, attribute) ?? "").toLowerCase();
    const group = groups.get(value);
    if (group) group.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}
