// subPermissions (a dynamic permission's "handle all actions" script): the objects the person's
// contracts select, found with one query for all contracts; current∖desired revoked and desired∖current
// granted in one `$batch`; SubPermissions = what the account holds afterwards. One failing change does not
// stop the others: it is reported, a failed grant is left out and a failed revoke kept, so the next run
// retries both (and when the outcome is unknown, what was held before is reported).
import { anyEq } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import type { OutputContext, SubPermission } from "../../helloid/output.js";
import { truncateDisplayName } from "../../helloid/output.js";
import { requireAccountReference } from "../account/reference.js";
import type { OutputAction, PrepareInput, Runtime } from "../framework.js";
import { applyChanges, type Change } from "./changes.js";
import type { CommonSettings } from "./commonSettings.js";
import { contractValues } from "./contracts.js";
import type { Family, SubEntitlement } from "./family.js";
import { objectsByCorrelation, targetOf } from "./objects.js";

const OPERATIONS = ["grant", "update", "revoke"] as const;
type Operation = (typeof OPERATIONS)[number];

/** HelloID errors on an empty set after grant/update; this entry is never revoked. */
export const PLACEHOLDER = "No permissions defined";
/** HelloID's limit of sub-permissions per person per permission. */
export const MAX_SUB_PERMISSIONS = 100;

interface SubPermissionsPlan<S> {
  settings: S;
  account: string;
  operation: Operation;
  /** The rights the dynamic permission manages; undefined when its Reference does not say (preview). */
  rights: readonly string[] | undefined;
  values: string[];
  current: SubEntitlement[];
  /** Current entries this family does not write: reported, and kept as they are. */
  foreign: SubPermission[];
}

function prepare<S extends CommonSettings>(family: Family<S>, input: PrepareInput): SubPermissionsPlan<S> {
  const { context, person } = input;
  const settings = family.parseSettings(context.Configuration);
  const account = requireAccountReference(context);
  const operation = OPERATIONS.find((name) => name === context.Operation?.trim().toLowerCase());
  if (!operation)
    throw new InputError(
      `actionContext.Operation: expected grant, update or revoke, got ${JSON.stringify(context.Operation)}`,
    );

  let rights: readonly string[] | undefined = [];
  if (operation !== "revoke") {
    const reference = getCI(context.References?.Permission, "Reference");
    const scope = family.subPermissionRights(
      typeof reference === "string" ? reference.trim() : undefined,
      settings,
    );
    if ("problem" in scope && !context.DryRun) {
      throw new InputError(`actionContext.References.Permission.Reference: ${scope.problem}`);
    }
    rights = "rights" in scope ? scope.rights : undefined;
  }
  const values = rights?.length ? contractValues(person, settings.contractField, context.DryRun) : [];

  const current: SubEntitlement[] = [];
  const foreign: SubPermission[] = [];
  for (const { DisplayName, Reference } of context.CurrentPermissions ?? []) {
    if (getCI(Reference, "Id") === PLACEHOLDER) continue;
    const entry = family.parseSubEntitlement(Reference, DisplayName ?? "");
    if (entry) current.push(entry);
    else foreign.push({ DisplayName: DisplayName ?? "", Reference });
  }
  return { settings, account, operation, rights, values, current, foreign };
}

interface Desired {
  entries: Map<string, SubEntitlement>;
  /** Objects an ambiguous value matched: their current entries are kept, not revoked on a guess. */
  keep: Set<string>;
}

async function lookUpDesired<S extends CommonSettings>(
  family: Family<S>,
  plan: SubPermissionsPlan<S>,
  { exchange, output }: Runtime,
): Promise<Desired> {
  const desired: Desired = { entries: new Map(), keep: new Set() };
  if (!plan.rights || plan.values.length === 0) return desired;
  const attribute = plan.settings.correlationAttribute;
  const byValue = await objectsByCorrelation(family, exchange, plan.settings, anyEq(attribute, plan.values));
  for (const value of plan.values) {
    const hits = byValue.get(value.toLowerCase()) ?? [];
    const where = `where ${attribute} = [${value}] (from the person's contracts)`;
    if (hits.length === 0) {
      output.auditError(`No ${family.noun} found ${where}.`, "GrantPermission");
      continue;
    }
    if (hits.length > 1) {
      const names = hits.map((hit) => targetOf(hit).name).join("], [");
      output.auditError(
        `${hits.length} ${family.noun} objects found ${where}: [${names}]; expected exactly one.`,
        "GrantPermission",
      );
      for (const hit of hits) desired.keep.add(targetOf(hit).id.toLowerCase());
      continue;
    }
    for (const entry of family.subEntitlementsOf(targetOf(hits[0] as JsonObject), plan.rights)) {
      desired.entries.set(entry.key, entry);
    }
  }
  if (desired.entries.size > MAX_SUB_PERMISSIONS) {
    output.auditError(
      `The contracts give ${desired.entries.size} sub-permissions; HelloID allows ${MAX_SUB_PERMISSIONS} per permission, so only the first ${MAX_SUB_PERMISSIONS} are kept.`,
      "GrantPermission",
    );
    desired.entries = new Map([...desired.entries].slice(0, MAX_SUB_PERMISSIONS));
  }
  return desired;
}

const subPermission = (entry: SubEntitlement): SubPermission => ({
  DisplayName: truncateDisplayName(entry.displayName),
  Reference: entry.reference,
});

async function execute<S extends CommonSettings>(
  family: Family<S>,
  plan: SubPermissionsPlan<S>,
  runtime: Runtime,
) {
  const { output } = runtime;
  if (!plan.rights) {
    output.audit(
      `DryRun: the dynamic permission's Reference is empty in preview, so which right it manages is unknown; no ${family.noun} was looked up.`,
    );
  }
  for (const entry of plan.foreign) {
    output.auditError(
      `Cannot revoke sub-permission [${entry.DisplayName || JSON.stringify(entry.Reference)}]: its reference is not one the ${family.name} permissions write.`,
      "RevokePermission",
    );
  }
  // Should the lookup or a whole $batch fail, what changed is unknown: what was held before is reported,
  // so the next run makes every change again (each one is idempotent).
  let held: readonly SubEntitlement[] = plan.current;
  try {
    held = await reconcile(family, plan, runtime);
  } finally {
    output.SubPermissions.push(...held.map(subPermission), ...plan.foreign);
    addPlaceholder(plan.operation, output);
  }
}

/** Makes the changes; returns what the account holds afterwards. */
async function reconcile<S extends CommonSettings>(
  family: Family<S>,
  plan: SubPermissionsPlan<S>,
  runtime: Runtime,
): Promise<SubEntitlement[]> {
  const desired = await lookUpDesired(family, plan, runtime);
  const current = new Set(plan.current.map((entry) => entry.key));
  const undesired = plan.current.filter((entry) => !desired.entries.has(entry.key));
  const kept = undesired.filter((entry) => desired.keep.has(entry.access.target.id.toLowerCase()));
  const revokes = undesired.filter((entry) => !kept.includes(entry));
  const grants = [...desired.entries.values()].filter((entry) => !current.has(entry.key));
  const changes = [
    ...revokes.map((entry): Change => ({ verb: "revoke", access: entry.access, account: plan.account })),
    ...grants.map((entry): Change => ({ verb: "grant", access: entry.access, account: plan.account })),
  ];
  const statuses = await applyChanges(family, plan.settings, changes, runtime);
  if (changes.length === 0) {
    const state =
      plan.operation === "revoke"
        ? `holds no ${family.noun} sub-permissions`
        : `already holds the ${desired.entries.size} ${family.noun} sub-permissions its contracts give`;
    runtime.output.audit(`No changes: account [${plan.account}] ${state}.`);
  }
  const failedGrants = new Set(grants.filter((_, i) => statuses[revokes.length + i] === "failed"));
  const failedRevokes = revokes.filter((_, i) => statuses[i] === "failed");
  return [
    ...[...desired.entries.values()].filter((entry) => !failedGrants.has(entry)),
    ...kept,
    ...failedRevokes,
  ];
}

function addPlaceholder(operation: Operation, output: OutputContext): void {
  if (operation !== "revoke" && output.SubPermissions.length === 0) {
    output.SubPermissions.push({ DisplayName: PLACEHOLDER, Reference: { Id: PLACEHOLDER } });
  }
}

export function subPermissionsAction<S extends CommonSettings>(
  family: Family<S>,
): OutputAction<SubPermissionsPlan<S>> {
  return {
    kind: "output",
    name: `${family.name}/subPermissions`,
    summary: `Grant and revoke the ${family.noun} sub-permissions the person's contracts give`,
    prepare: (input) => prepare(family, input),
    execute: (plan, runtime) => execute(family, plan, runtime),
  };
}
