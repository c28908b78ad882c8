// delete: set the mapped auto-reply (out of office); the mailbox itself is never deleted. Skipped when
// the auto-reply is already in that state; a mailbox that is gone counts as done (docs/HELLOID-CONTRACT.md,
// 'Not-found matrix').
import {
  type AutoReplyRow,
  autoReplyStates,
  autoReplyText,
  externalAudiences,
  getAutoReplyConfiguration,
  NotFoundError,
  type SetAutoReplyParams,
  setAutoReplyConfiguration,
} from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import type { OutputAction, Runtime } from "../framework.js";
import { requireAccountReference } from "./reference.js";

const MESSAGES = ["InternalMessage", "ExternalMessage"] as const;

interface DeletePlan {
  reference: string;
  /** Only the mapped settings, canonically spelled. */
  settings: Omit<SetAutoReplyParams, "Identity">;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  const match = allowed.find(
    (option) => typeof value === "string" && option.toLowerCase() === value.trim().toLowerCase(),
  );
  if (!match)
    throw new InputError(
      `actionContext.Data.${field}: expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`,
    );
  return match;
}

function prepare(context: Parameters<OutputAction<DeletePlan>["prepare"]>[0]["context"]): DeletePlan {
  const reference = requireAccountReference(context);
  const data = context.Data ?? {};
  const settings: Omit<SetAutoReplyParams, "Identity"> = {};
  const state = getCI(data, "AutoReplyState");
  if (state !== undefined && state !== null && state !== "")
    settings.AutoReplyState = oneOf(state, autoReplyStates, "AutoReplyState");
  const audience = getCI(data, "ExternalAudience");
  if (audience !== undefined && audience !== null && audience !== "") {
    settings.ExternalAudience = oneOf(audience, externalAudiences, "ExternalAudience");
  }
  for (const name of MESSAGES) {
    const message = getCI(data, name);
    if (message === undefined || message === null) continue;
    if (typeof message !== "string") throw new InputError(`actionContext.Data.${name}: expected text`);
    settings[name] = message;
  }
  return { reference, settings };
}

function differs(name: string, wanted: unknown, current: unknown): boolean {
  if ((MESSAGES as readonly string[]).includes(name))
    return autoReplyText(String(wanted)).trim() !== autoReplyText(current as string | null).trim();
  return String(wanted).toLowerCase() !== String(current ?? "").toLowerCase();
}

async function execute(plan: DeletePlan, { exchange, output, dryRun }: Runtime): Promise<void> {
  const target = `mailbox [${plan.reference}]`;
  if (Object.keys(plan.settings).length === 0) {
    output.audit(`No auto-reply mapped for delete; ${target} left as it is.`, {
      auditAction: "DeleteAccount",
    });
    return;
  }
  let current: AutoReplyRow;
  try {
    current = await getAutoReplyConfiguration(exchange, plan.reference);
  } catch (error) {
    if (!(error instanceof NotFoundError && error.subject === "identity")) throw error;
    output.audit(`Skipped delete: ${target} no longer exists.`, { auditAction: "DeleteAccount" });
    return;
  }
  const wanted: JsonObject = { ...plan.settings };
  const changed = Object.keys(wanted).filter((name) => differs(name, wanted[name], getCI(current, name)));
  const state = plan.settings.AutoReplyState ?? getCI(current, "AutoReplyState");
  if (changed.length === 0) {
    output.audit(`No change: the auto-reply of ${target} is already set (AutoReplyState = ${state}).`, {
      auditAction: "DeleteAccount",
    });
    return;
  }
  if (dryRun) {
    output.audit(
      `DryRun: would set the auto-reply of ${target}: ${changed.join(", ")} (AutoReplyState = ${state}).`,
      {
        auditAction: "DeleteAccount",
      },
    );
    return;
  }
  await setAutoReplyConfiguration(exchange, { Identity: plan.reference, ...plan.settings });
  output.audit(
    `Set the auto-reply of ${target}: ${changed.join(", ")} (AutoReplyState = ${state}). The mailbox is kept.`,
    {
      auditAction: "DeleteAccount",
    },
  );
}

export const remove: OutputAction<DeletePlan> = {
  kind: "output",
  name: "delete",
  summary: "Set the mapped auto-reply (out of office); never deletes the mailbox",
  prepare: ({ context }) => prepare(context),
  execute,
};
