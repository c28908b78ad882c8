// importPermission / importSubPermissions: who holds each permission now, streamed as HelloID's import
// records (NDJSON), at most 500 account references a record (a permission with more is repeated). The
// per-object holder reads go ten to a `$batch`, two batches in flight; records go out as batches answer.

import { chunked, mapConcurrent } from "../../common/concurrency.js";
import { eq, NotFoundError } from "../../exchange/index.js";
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import { truncateDisplayName } from "../../helloid/output.js";
import { IMPORT_SECONDS } from "../../helloid/timeLimits.js";
import type { ImportAction, Runtime } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family, HolderSource } from "./family.js";
import { NAMING_SELECT, targetOf } from "./objects.js";

/** HelloID's limit of account references per import record. */
export const MAX_ACCOUNT_REFERENCES = 500;
/** Exchange's `$batch` limit. */
const OBJECTS_PER_BATCH = 10;
const CONCURRENT_BATCHES = 2;

type ImportRuntime = Omit<Runtime, "output">;

/** The record split into parts of at most 500 account references; nothing for a permission nobody holds. */
function* split(record: JsonObject, references: Iterable<string>): Generator<JsonObject> {
  const all = [...new Set(references)];
  for (let start = 0; start < all.length; start += MAX_ACCOUNT_REFERENCES) {
    yield { ...record, AccountReferences: all.slice(start, start + MAX_ACCOUNT_REFERENCES) };
  }
}

/**
 * Holders per right of each object of a chunk, read in one `$batch`; an object that vanished since it was
 * listed is left out.
 */
async function holdersOfChunk(
  source: HolderSource,
  objects: readonly JsonObject[],
  rights: readonly string[],
  { exchange, log }: ImportRuntime,
): Promise<[JsonObject, Map<string, string[]>][]> {
  const reads = objects.map((object) => source.read(object, rights));
  const calls = reads.filter((call) => call !== undefined);
  const results = calls.length > 0 ? await exchange.batch(calls) : [];
  let next = 0;
  return objects.flatMap((object, index): [JsonObject, Map<string, string[]>][] => {
    if (reads[index] === undefined) return [[object, source.holders(object, rights, [])]];
    const result = results[next++];
    if (result?.ok) return [[object, source.holders(object, rights, result.result.rows)]];
    const error = result?.error;
    if (!(error instanceof NotFoundError && error.subject === "identity")) throw error;
    log.warn(`skipped [${targetOf(object).name}]: it no longer exists`);
    return [];
  });
}

async function* importRecords<S extends CommonSettings>(
  family: Family<S>,
  settings: S,
  rights: readonly string[],
  options: { scope: "permissions" | "all"; marked: boolean },
  recordsOf: (object: JsonObject, holders: Map<string, string[]>) => JsonObject[],
  runtime: ImportRuntime,
): AsyncGenerator<JsonObject> {
  const source = await family.holderSource(runtime.exchange, rights);
  const objects = family.listObjects(runtime.exchange, settings, {
    scope: options.scope,
    filter: options.marked ? eq(settings.markerAttribute, settings.markerValue) : undefined,
    select: [...new Set([...NAMING_SELECT, ...family.select, ...source.select])],
  });
  const read = (chunk: JsonObject[]) => holdersOfChunk(source, chunk, rights, runtime);
  for await (const holders of mapConcurrent(chunked(objects, OBJECTS_PER_BATCH), CONCURRENT_BATCHES, read)) {
    for (const [object, byRight] of holders) yield* recordsOf(object, byRight);
  }
  source.report(runtime.log);
}

export function importPermissionAction<S extends CommonSettings>(
  family: Family<S>,
): ImportAction<{ settings: S }> {
  return {
    kind: "import",
    name: `${family.name}/importPermission`,
    summary: `Stream who holds each ${family.noun} permission (NDJSON)`,
    timeLimitSeconds: IMPORT_SECONDS,
    prepare: ({ context }) => ({ settings: family.parseSettings(context.Configuration) }),
    records({ settings }, runtime) {
      const recordsOf = (object: JsonObject, holders: Map<string, string[]>) =>
        family.entitlementsOf(object, settings).flatMap((entitlement) => [
          ...split(
            {
              PermissionReference: entitlement.identification,
              DisplayName: truncateDisplayName(entitlement.displayName),
              Description: entitlement.description,
            },
            entitlement.rights.flatMap((right) => holders.get(right) ?? []),
          ),
        ]);
      const options = { scope: "permissions", marked: false } as const;
      return importRecords(family, settings, family.staticRights(settings), options, recordsOf, runtime);
    },
  };
}

export function importSubPermissionsAction<S extends CommonSettings>(
  family: Family<S>,
): ImportAction<{ settings: S }> {
  return {
    kind: "import",
    name: `${family.name}/importSubPermissions`,
    summary: `Stream who holds each ${family.noun} sub-permission of objects the resources action made (NDJSON)`,
    timeLimitSeconds: IMPORT_SECONDS,
    prepare: ({ context }) => ({ settings: family.parseSettings(context.Configuration) }),
    records({ settings }, runtime) {
      const dynamic = family.dynamicPermissions(settings);
      const recordsOf = (object: JsonObject, holders: Map<string, string[]>) =>
        dynamic.flatMap((permission) =>
          family.subEntitlementsOf(targetOf(object), permission.rights).flatMap((entry) => [
            ...split(
              {
                PermissionReference: permission.reference,
                DisplayName: truncateDisplayName(permission.displayName),
                SubPermissionReference: entry.reference,
                SubPermissionDisplayName: truncateDisplayName(entry.displayName),
              },
              holders.get(entry.access.right) ?? [],
            ),
          ]),
        );
      const rights = [...new Set(dynamic.flatMap((permission) => permission.rights))];
      return importRecords(family, settings, rights, { scope: "all", marked: true }, recordsOf, runtime);
    },
  };
}
