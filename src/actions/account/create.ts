// create: correlate the person to exactly one existing user mailbox (this connector never creates user
// mailboxes: licensing does), optionally applying a mapped HiddenFromAddressListsEnabled. The
// correlate-only variant makes no writes at all.

import { PROPERTY_NAME_PATTERN } from "../../common/patterns.js";
import { collect, type ExchangeClient, eq, listMailboxes, setMailbox } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { ActionFailure, type OutputAction, type PrepareInput, type Runtime } from "../framework.js";
import { booleanField, mailboxDataFields, pickData } from "./mapping.js";
import { DRY_RUN_REFERENCE } from "./reference.js";

interface CreatePlan {
  accountField: string;
  value: string;
  hidden: boolean | undefined;
  dataFields: string[];
}

function prepare({ context, prefilled }: PrepareInput, options: { writes: boolean }): CreatePlan {
  const correlation = context.CorrelationConfiguration;
  if (correlation?.Enabled !== true) {
    throw new InputError(
      "actionContext.CorrelationConfiguration.Enabled: correlation must be enabled; this connector only correlates to existing mailboxes",
    );
  }
  const accountField = correlation.AccountField?.trim() ?? "";
  if (!PROPERTY_NAME_PATTERN.test(accountField)) {
    throw new InputError(
      "actionContext.CorrelationConfiguration.AccountField: expected a mailbox property name such as UserPrincipalName",
    );
  }
  const raw = correlation.PersonFieldValue;
  const value = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!value) {
    const field = correlation.PersonField ? ` (${correlation.PersonField})` : "";
    throw new ActionFailure(`The person has no value for the correlation field${field}; cannot correlate.`);
  }
  const hidden = options.writes
    ? booleanField(context.Data, "HiddenFromAddressListsEnabled", "actionContext.Data")
    : undefined;
  return {
    accountField,
    value,
    hidden,
    dataFields: mailboxDataFields(prefilled?.Data, context.Data),
  };
}

async function execute(plan: CreatePlan, { exchange, output, dryRun }: Runtime): Promise<void> {
  const matches = await findByCorrelation(exchange, plan);
  const on = `[${plan.accountField}] = [${plan.value}]`;
  if (matches.length === 0) {
    if (dryRun) output.AccountReference = DRY_RUN_REFERENCE;
    output.auditError(
      `No mailbox found where ${on}. This connector only correlates; user mailboxes are created by licensing.`,
      "CorrelateAccount",
    );
    return;
  }
  if (matches.length > 1) {
    if (dryRun) output.AccountReference = DRY_RUN_REFERENCE;
    output.auditError(
      `Multiple mailboxes found where ${on}; correlation needs exactly one.`,
      "CorrelateAccount",
    );
    return;
  }
  const mailbox = matches[0] as JsonObject;
  const guid = String(getCI(mailbox, "Guid"));
  const name = String(getCI(mailbox, "DisplayName") ?? guid);
  output.AccountReference = guid;
  output.AccountCorrelated = true;
  output.audit(`Correlated to mailbox [${name}] (Guid ${guid}) on ${on}.`, {
    auditAction: "CorrelateAccount",
  });

  const current = getCI(mailbox, "HiddenFromAddressListsEnabled");
  if (plan.hidden !== undefined && current !== plan.hidden) {
    const change = `HiddenFromAddressListsEnabled of mailbox [${name}] from [${current}] to [${plan.hidden}]`;
    if (dryRun) {
      output.audit(`DryRun: would set ${change}.`);
    } else {
      await setMailbox(exchange, { Identity: guid, HiddenFromAddressListsEnabled: plan.hidden });
      mailbox.HiddenFromAddressListsEnabled = plan.hidden;
      output.audit(`Set ${change}.`);
    }
  }
  output.Data = { ...output.Data, ...pickData(mailbox, plan.dataFields) };
}

async function findByCorrelation(exchange: ExchangeClient, plan: CreatePlan): Promise<JsonObject[]> {
  const select = [
    "Guid",
    "DisplayName",
    "UserPrincipalName",
    "HiddenFromAddressListsEnabled",
    plan.accountField,
  ];
  return collect(
    listMailboxes(
      exchange,
      {
        Filter: eq(plan.accountField, plan.value),
        RecipientTypeDetails: "UserMailbox",
        // Two rows are enough to tell "exactly one" from "more than one".
        ResultSize: 2,
      },
      { select: [...new Set([...select, ...plan.dataFields])] },
    ),
  );
}

function createAction(name: string, writes: boolean): OutputAction<CreatePlan> {
  return {
    kind: "output",
    name,
    summary: writes
      ? "Correlate the person to one existing user mailbox; apply a mapped HiddenFromAddressListsEnabled"
      : "Correlate the person to one existing user mailbox, without any write",
    prepare: (input) => prepare(input, { writes }),
    execute,
  };
}

export const create = createAction("create", true);
export const correlateOnlyCreate = createAction("correlateOnly/create", false);
