// update: write the mapped mailbox properties that differ from Exchange (one read, at most one
// Set-Mailbox), merging EmailAddresses; Data/PreviousData come from Exchange, the audit names each change.
// Multi-valued properties change through add/remove hashtables (only the difference goes out), so a value
// another admin adds between the read and the write survives.

import { PROPERTY_NAME_PATTERN } from "../../common/patterns.js";
import { addRemove, findMailbox, setMailbox } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import type { OutputAction, Runtime } from "../framework.js";
import { emailAddressesToAdd, mappedPrimary, mergeEmailAddresses } from "./emailAddresses.js";
import { checkMappedProperty } from "./mailboxProperties.js";
import { requireAccountReference } from "./reference.js";

/** Identity properties Exchange sets itself; mapping them (e.g. Guid stored as account data) is read-only. */
const READ_ONLY = new Set([
  "guid",
  "exchangeguid",
  "externaldirectoryobjectid",
  "identity",
  "id",
  "distinguishedname",
]);
const EMAIL_ADDRESSES = "EmailAddresses";

interface UpdatePlan {
  reference: string;
  /** Mapped property -> desired value, as HelloID sent it. */
  desired: Map<string, unknown>;
}

function prepare(context: Parameters<OutputAction<UpdatePlan>["prepare"]>[0]["context"]): UpdatePlan {
  const reference = requireAccountReference(context);
  const desired = new Map<string, unknown>();
  for (const [name, value] of Object.entries(context.Data ?? {})) {
    if (!PROPERTY_NAME_PATTERN.test(name))
      throw new InputError(`actionContext.Data.${name}: not a mailbox property name`);
    if (READ_ONLY.has(name.toLowerCase())) continue;
    checkMappedProperty(name, value);
    if (name.toLowerCase() === EMAIL_ADDRESSES.toLowerCase()) mappedPrimary(value as string[]);
    desired.set(name, value);
  }
  return { reference, desired };
}

/** The mapped value in the current value's type: fixed mappings send "true" for booleans. */
function coerce(value: unknown, current: unknown): unknown {
  if (value === "" || value === undefined) return null;
  if (typeof current === "boolean" && typeof value === "string" && /^(true|false)$/i.test(value.trim())) {
    return value.trim().toLowerCase() === "true";
  }
  if (Array.isArray(current) && !Array.isArray(value) && value !== null) return [value];
  return value;
}

function same(a: unknown, b: unknown): boolean {
  const empty = (value: unknown) =>
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
  if (empty(a) && empty(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The add/remove hashtable that turns the current list into the wanted one; undefined when they agree. */
function listChange(current: readonly unknown[], wanted: readonly unknown[]) {
  const key = (value: unknown) => String(value).toLowerCase();
  const have = new Set(current.map(key));
  const want = new Set(wanted.map(key));
  const Add = wanted.filter((value) => !have.has(key(value))).map(String);
  const Remove = current.filter((value) => !want.has(key(value))).map(String);
  if (Add.length === 0 && Remove.length === 0) return undefined;
  return addRemove({ ...(Add.length > 0 ? { Add } : {}), ...(Remove.length > 0 ? { Remove } : {}) });
}

const show = (value: unknown) =>
  value === null || value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value);

function emailAddressChange(current: readonly string[], mapped: readonly string[]) {
  const Add = emailAddressesToAdd(current, mapped);
  return Add.length === 0 ? undefined : addRemove({ Add });
}

async function execute(plan: UpdatePlan, { exchange, output, dryRun }: Runtime): Promise<void> {
  const target = `mailbox [${plan.reference}]`;
  if (plan.desired.size === 0) {
    output.audit(`No mapped properties to update on ${target}.`, { auditAction: "UpdateAccount" });
    return;
  }
  const mailbox = await findMailbox(exchange, plan.reference, { select: ["Guid", ...plan.desired.keys()] });
  if (!mailbox) {
    output.auditError(`Cannot update: ${target} no longer exists.`, "UpdateAccount");
    return;
  }

  const previous: JsonObject = {};
  const next: JsonObject = {};
  const changes: JsonObject = {};
  const described: string[] = [];
  for (const [name, mapped] of plan.desired) {
    const current = getCI(mailbox, name) ?? null;
    const isEmail = name.toLowerCase() === EMAIL_ADDRESSES.toLowerCase();
    const currentList = Array.isArray(current) ? (current as unknown[]) : undefined;
    const value = isEmail
      ? mergeEmailAddresses((currentList ?? []) as string[], mapped as string[])
      : coerce(mapped, current);
    previous[name] = current;
    next[name] = value;
    const change = isEmail
      ? emailAddressChange((currentList ?? []) as string[], mapped as string[])
      : currentList
        ? listChange(currentList, Array.isArray(value) ? value : [])
        : same(current, value)
          ? undefined
          : value;
    if (change !== undefined) {
      changes[name] = change;
      described.push(`${name} [${show(current)}] -> [${show(value)}]`);
    }
  }
  output.PreviousData = { ...output.PreviousData, ...previous };
  output.Data = { ...output.Data, ...next };

  if (described.length === 0) {
    output.audit(`No changes: ${target} already has the mapped values.`, { auditAction: "UpdateAccount" });
    return;
  }
  if (dryRun) {
    output.audit(`DryRun: would update ${target}: ${described.join("; ")}.`, {
      auditAction: "UpdateAccount",
    });
    return;
  }
  await setMailbox(exchange, { Identity: plan.reference, ...changes });
  output.audit(`Updated ${target}: ${described.join("; ")}.`, { auditAction: "UpdateAccount" });
}

export const update: OutputAction<UpdatePlan> = {
  kind: "output",
  name: "update",
  summary: "Set the mapped mailbox properties that differ; merge EmailAddresses",
  prepare: ({ context }) => prepare(context),
  execute,
};
