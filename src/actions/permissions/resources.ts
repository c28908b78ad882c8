// resources: one object (shared mailbox, group) per unique resource that has none. Existing ones are found
// with one listing of every object carrying the correlation attribute; the missing ones are created
// together through `$batch`, named from the templates, then stamped with the correlation and marker
// attributes despite replication lag. Each resource stands alone: a failure is audited, the rest go on.
// A name already taken by an object without a correlation value (an earlier run that stopped before
// stamping, or one made by hand) is correlated by name instead of failing forever.

import { setTimeout as sleep } from "node:timers/promises";
import { AlreadyExistsError, backoffCeiling, type ExchangeClient, ne } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { RESOURCES_SECONDS } from "../../helloid/timeLimits.js";
import type { OutputAction, PrepareInput, Runtime } from "../framework.js";
import type { CommonSettings } from "./commonSettings.js";
import type { Family, TargetObject } from "./family.js";
import { NAMING_SELECT, objectsByCorrelation, targetOf } from "./objects.js";
import { send } from "./send.js";
import { describeAttributes, type Stamp, stampAll } from "./stamping.js";
import { type Resource, type ResourceObject, renderResource } from "./templates.js";

interface ResourcesPlan<S> {
  settings: S;
  organization: string;
  resources: Resource[];
}

function text(value: unknown): string {
  return typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
}

function prepare<S extends CommonSettings>(
  family: Family<S>,
  { context, resource, connection }: PrepareInput,
): ResourcesPlan<S> {
  const settings = family.parseSettings(context.Configuration);
  const items = resource?.SourceData;
  if (!items)
    throw new InputError("resourceContext.SourceData: required (the resources to create objects for)");
  const unique = new Map<string, Resource>();
  items.forEach((item, index) => {
    const externalId = text(getCI(item, "ExternalId"));
    if (!externalId) throw new InputError(`resourceContext.SourceData[${index}].ExternalId: required`);
    const resource = { externalId, displayName: text(getCI(item, "DisplayName")) || externalId };
    if (!unique.has(externalId.toLowerCase())) unique.set(externalId.toLowerCase(), resource);
  });
  const resources = [...unique.values()].sort((a, b) => a.externalId.localeCompare(b.externalId));
  return { settings, organization: connection.Organization, resources };
}

interface Creation {
  resource: Resource;
  object: ResourceObject;
}

async function execute<S extends CommonSettings>(
  family: Family<S>,
  plan: ResourcesPlan<S>,
  runtime: Runtime,
) {
  const { output, log, dryRun } = runtime;
  const { settings } = plan;
  const attribute = settings.correlationAttribute;
  const existing = await objectsByCorrelation(family, runtime.exchange, settings, ne(attribute, null));
  const creations: Creation[] = [];
  let found = 0;
  for (const resource of plan.resources) {
    const about = `resource [${resource.displayName}] (${attribute} = [${resource.externalId}])`;
    const hits = existing.get(resource.externalId.toLowerCase()) ?? [];
    if (hits.length > 1) {
      const names = hits.map((hit) => targetOf(hit).name).join("], [");
      output.auditError(
        `${hits.length} ${family.noun} objects carry ${about}: [${names}]; expected at most one.`,
      );
      continue;
    }
    if (hits.length === 1) {
      found += 1;
      log.info(`${family.noun} [${targetOf(hits[0] as JsonObject).name}] exists for ${about}`);
      continue;
    }
    const object = renderResource(settings.templates, resource, plan.organization);
    if ("problem" in object)
      output.auditError(`Cannot create a ${family.noun} for ${about}: ${object.problem}.`);
    else creations.push({ resource, object });
  }
  if (found > 0) output.audit(`${found} resource(s) already have a ${family.noun}; nothing to do for them.`);
  if (dryRun) {
    for (const { resource, object } of creations) {
      output.audit(
        `DryRun: would create ${family.noun} [${object.name}] with PrimarySmtpAddress [${object.primarySmtpAddress}] for resource [${resource.displayName}] and set ${describeAttributes(stampFor(settings, resource))}.`,
      );
    }
    return;
  }
  const stamps = await create(family, settings, creations, runtime);
  await stampAll(family, stamps, runtime);
}

function stampFor(settings: CommonSettings, resource: Resource): Record<string, string> {
  return {
    [settings.correlationAttribute]: resource.externalId,
    [settings.markerAttribute]: settings.markerValue,
  };
}

async function create<S extends CommonSettings>(
  family: Family<S>,
  settings: S,
  creations: readonly Creation[],
  runtime: Runtime,
): Promise<Stamp[]> {
  const { exchange, output } = runtime;
  const results = await send(
    exchange,
    creations.map(({ object }) => family.newObjectCall(settings, object)),
  );
  const stamps: Stamp[] = [];
  const conflicts: { creation: Creation; message: string }[] = [];
  for (const [index, creation] of creations.entries()) {
    const { resource, object } = creation;
    const result = results[index];
    if (result?.ok) {
      const [row] = result.result.rows;
      const target = { id: String(getCI(row, "Guid") ?? object.name), name: object.name };
      output.audit(
        `Created ${family.noun} [${object.name}] with PrimarySmtpAddress [${object.primarySmtpAddress}] for resource [${resource.displayName}].`,
      );
      stamps.push({ target, attributes: stampFor(settings, resource) });
    } else if (result?.error instanceof AlreadyExistsError) {
      conflicts.push({ creation, message: result.error.message });
    } else {
      output.auditError(
        `Could not create ${family.noun} [${object.name}] for resource [${resource.displayName}]: ${result?.error.message}`,
      );
    }
  }
  // Only once every creation is known: an object this run made or claimed is no leftover of an earlier one.
  const claimed = new Set(stamps.map((stamp) => stamp.target.id.toLowerCase()));
  for (const { creation, message } of conflicts) {
    const target = await correlateByName(family, settings, creation, claimed, runtime, message);
    if (target) stamps.push({ target, attributes: stampFor(settings, creation.resource) });
  }
  return stamps;
}

async function correlateByName<S extends CommonSettings>(
  family: Family<S>,
  settings: S,
  { resource, object }: Creation,
  claimed: Set<string>,
  { exchange, output, log }: Runtime,
  conflict: string,
): Promise<TargetObject | undefined> {
  const attribute = settings.correlationAttribute;
  const row = await findTakenName(family, exchange, object.name, [...NAMING_SELECT, attribute], log);
  const current = row ? String(getCI(row, attribute) ?? "") : "";
  const cannot = `Could not create ${family.noun} [${object.name}] for resource [${resource.displayName}]`;
  if (!row) {
    output.auditError(
      `${cannot}: ${conflict} No ${family.noun} of that name can be read yet (one created moments ago may still be replicating); the next run correlates it by name.`,
    );
    return undefined;
  }
  const target = targetOf(row);
  if (claimed.has(target.id.toLowerCase())) {
    output.auditError(`${cannot}: another resource of this run has a ${family.noun} of that name.`);
    return undefined;
  }
  if (current.toLowerCase() === resource.externalId.toLowerCase()) {
    output.audit(
      `${family.noun} [${object.name}] already exists for resource [${resource.displayName}]; nothing to do.`,
    );
    return undefined;
  }
  if (current) {
    output.auditError(`${cannot}: the name is taken by a ${family.noun} with ${attribute} = [${current}].`);
    return undefined;
  }
  output.audit(
    `Found ${family.noun} [${object.name}] without ${attribute}; correlating it to resource [${resource.displayName}] by name.`,
  );
  claimed.add(target.id.toLowerCase());
  return target;
}

/** The longest wait for a taken name's object to become readable. */
const REPLICATION_WAIT_MS = 30_000;

/**
 * The object a name conflict names. One this very run created — its New-* answer lost on the wire, the retry
 * told "already exists" — is not readable until Exchange has replicated it, so it is looked for again with
 * growing pauses, for at most REPLICATION_WAIT_MS and while the deadline leaves room.
 */
async function findTakenName<S extends CommonSettings>(
  family: Family<S>,
  exchange: ExchangeClient,
  name: string,
  select: readonly string[],
  log: Runtime["log"],
): Promise<JsonObject | null> {
  const giveUpAt = Date.now() + REPLICATION_WAIT_MS;
  for (let round = 1; ; round++) {
    const pause = backoffCeiling(round);
    const row = await family.findObject(exchange, name, select);
    if (row || Date.now() + pause > giveUpAt || exchange.deadline.remainingMs() < pause + 3_000) return row;
    log.info(`waiting ${pause} ms for Exchange to replicate ${family.noun} [${name}], whose name is taken`);
    await sleep(pause);
  }
}

export function resourcesAction<S extends CommonSettings>(family: Family<S>): OutputAction<ResourcesPlan<S>> {
  return {
    kind: "output",
    name: `${family.name}/resources`,
    summary: `Create a ${family.noun} for every resource that has none`,
    timeLimitSeconds: RESOURCES_SECONDS,
    prepare: (input) => prepare(family, input),
    execute: (plan, runtime) => execute(family, plan, runtime),
  };
}
