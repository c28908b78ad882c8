// enable / disable: HiddenFromAddressListsEnabled = the mapped value (defaults false / true). Outside
// DryRun this is one write: Exchange's "no settings have been modified" warning says whether anything
// changed, so no read is needed first. Reconciliation (no Data) disables with the default.
import { getMailbox, NotFoundError, setMailbox } from "../../exchange/index.js";
import type { AuditAction } from "../../helloid/output.js";
import type { OutputAction, Runtime } from "../framework.js";
import { booleanField } from "./mapping.js";
import { requireAccountReference } from "./reference.js";

const FIELD = "HiddenFromAddressListsEnabled";

interface AccessPlan {
  reference: string;
  hidden: boolean;
}

interface AccessVerbs {
  name: "enable" | "disable";
  auditAction: AuditAction;
  defaultHidden: boolean;
  /** Not-found matrix (docs/HELLOID-CONTRACT.md): disabling a vanished mailbox is done, enabling one fails. */
  vanishedIsSuccess: boolean;
}

function describe(hidden: boolean): string {
  return hidden ? "hidden from the address lists" : "shown in the address lists";
}

async function execute(verbs: AccessVerbs, plan: AccessPlan, { exchange, output, dryRun }: Runtime) {
  const { reference, hidden } = plan;
  const target = `mailbox [${reference}]`;
  let previous: boolean;
  try {
    if (dryRun) {
      const mailbox = await getMailbox(exchange, reference, { select: ["Guid", FIELD] });
      previous = mailbox[FIELD] === true;
      if (previous !== hidden)
        output.audit(`DryRun: would set ${FIELD} of ${target} to ${hidden} (${describe(hidden)}).`);
    } else {
      const { changed } = await setMailbox(exchange, { Identity: reference, [FIELD]: hidden });
      previous = changed ? !hidden : hidden;
      if (previous !== hidden) {
        output.audit(`Set ${FIELD} of ${target} to ${hidden}: the mailbox is now ${describe(hidden)}.`, {
          auditAction: verbs.auditAction,
        });
      }
    }
  } catch (error) {
    if (!(error instanceof NotFoundError && error.subject === "identity")) throw error;
    const message = `${target} no longer exists`;
    if (verbs.vanishedIsSuccess)
      output.audit(`Skipped ${verbs.name}: ${message}.`, { auditAction: verbs.auditAction });
    else output.auditError(`Cannot ${verbs.name}: ${message}.`, verbs.auditAction);
    return;
  }
  if (previous === hidden) {
    output.audit(`No change: ${target} is already ${describe(hidden)} (${FIELD} = ${hidden}).`, {
      auditAction: verbs.auditAction,
    });
  }
  output.Data = { ...output.Data, [FIELD]: hidden };
  output.PreviousData = { ...output.PreviousData, [FIELD]: previous };
}

function accessAction(verbs: AccessVerbs): OutputAction<AccessPlan> {
  return {
    kind: "output",
    name: verbs.name,
    summary: `Set ${FIELD} to the mapped value (default ${verbs.defaultHidden})`,
    prepare: ({ context }) => ({
      reference: requireAccountReference(context),
      // Reconciliation runs without Data: the default applies.
      hidden: booleanField(context.Data, FIELD, "actionContext.Data") ?? verbs.defaultHidden,
    }),
    execute: (plan, runtime) => execute(verbs, plan, runtime),
  };
}

export const enable = accessAction({
  name: "enable",
  auditAction: "EnableAccount",
  defaultHidden: false,
  vanishedIsSuccess: false,
});
export const disable = accessAction({
  name: "disable",
  auditAction: "DisableAccount",
  defaultHidden: true,
  vanishedIsSuccess: true,
});
