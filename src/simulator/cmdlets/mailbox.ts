// Get-Mailbox, Set-Mailbox, New-Mailbox.

import { aliasFrom, isSmtpAddress } from "../tenant/addresses.js";
import type { MailboxRecord, MailboxTypeDetails, Tenant } from "../tenant/index.js";
import { mailboxRecord } from "../tenant/records.js";
import {
  applyRecipientParams,
  assertUnique,
  commit,
  editList,
  RECIPIENT_PARAMS,
  setPrimary,
} from "./attributes.js";
import type { Cmdlet } from "./cmdlet.js";
import { badEnum, noSettingsModified, transformation, unknownParameters, validation } from "./errors.js";
import { getRecipients, mailboxFilterSchema } from "./filters.js";
import type { MultiEdit, ParamSpec, Params } from "./parameters.js";
import { resolveMailbox, resolveReference } from "./resolve.js";
import { noRows } from "./results.js";
import { mailboxRow } from "./rows.js";

const LIST_PARAMS: ParamSpec = {
  Identity: "string",
  Filter: "string",
  RecipientTypeDetails: "strings",
  ResultSize: "resultSize",
};

/** Plain Set-Mailbox properties kept as-is in `settings` and echoed on Get-Mailbox rows. */
const SETTINGS: ParamSpec = {
  MessageCopyForSentAsEnabled: "bool",
  MessageCopyForSendOnBehalfEnabled: "bool",
  DeliverToMailboxAndForward: "bool",
  ForwardingSmtpAddress: "string",
  RetentionUrl: "string",
  AuditEnabled: "bool",
  MailTip: "string",
};

const CONVERTIBLE: Record<string, MailboxTypeDetails> = {
  Regular: "UserMailbox",
  Shared: "SharedMailbox",
  Room: "RoomMailbox",
  Equipment: "EquipmentMailbox",
};

/** "Unlimited", a number of days, or a d.hh:mm:ss TimeSpan → Exchange's display form. */
function holdDuration(value: string): string {
  if (value.toLowerCase() === "unlimited") return "Unlimited";
  if (/^\d+$/.test(value)) return `${Number(value)}.00:00:00`;
  if (/^\d+\.\d\d:\d\d:\d\d$/.test(value)) return value;
  throw transformation(
    "LitigationHoldDuration",
    value,
    "Microsoft.Exchange.Data.Unlimited`1[Microsoft.Exchange.Data.EnhancedTimeSpan]",
  );
}

function delegates(tenant: Tenant, edit: MultiEdit): MultiEdit {
  const guid = (value: string) => resolveReference(tenant, value, "securityPrincipal").guid;
  return { replace: edit.replace?.map(guid), add: edit.add.map(guid), remove: edit.remove.map(guid) };
}

function applyMailboxParams(tenant: Tenant, params: Params, draft: MailboxRecord): void {
  applyRecipientParams(params, draft);
  const windows = params.string("WindowsEmailAddress");
  if (windows) draft.emailAddresses = setPrimary(draft.emailAddresses, windows);
  const office = params.string("Office");
  if (office !== undefined) draft.office = office ?? "";
  const sendOnBehalf = params.edit("GrantSendOnBehalfTo");
  if (sendOnBehalf)
    draft.grantSendOnBehalfTo = editList(draft.grantSendOnBehalfTo, delegates(tenant, sendOnBehalf));

  const hold = params.bool("LitigationHoldEnabled");
  if (hold !== undefined && hold !== draft.litigationHoldEnabled) {
    draft.litigationHoldEnabled = hold;
    draft.litigationHoldDate = hold ? tenant.now() : null;
    if (hold) draft.litigationHoldOwner = tenant.adminDisplayName;
  }
  const owner = params.string("LitigationHoldOwner");
  if (owner !== undefined) draft.litigationHoldOwner = owner;
  const duration = params.string("LitigationHoldDuration");
  if (duration != null) draft.litigationHoldDuration = holdDuration(duration);
  const comment = params.string("RetentionComment");
  if (comment !== undefined) draft.retentionComment = comment;

  const type = params.string("Type");
  if (type != null) {
    const key = Object.keys(CONVERTIBLE).find((k) => k.toLowerCase() === type.toLowerCase());
    if (!key)
      throw badEnum(
        "Type",
        type,
        "Microsoft.Exchange.Management.RecipientTasks.ConvertibleMailboxSubType",
        Object.keys(CONVERTIBLE),
      );
    draft.recipientTypeDetails = CONVERTIBLE[key] as MailboxTypeDetails;
  }
  for (const name of Object.keys(SETTINGS)) {
    if (params.has(name)) draft.settings[name] = params.value(name) as string | boolean | null;
  }
}

function newMailboxType(params: Params): MailboxTypeDetails {
  const chosen = (["Shared", "Room", "Equipment"] as const).filter((s) => params.bool(s) === true);
  // Only the resource/shared parameter sets are modelled: user mailboxes come from licensing.
  if (chosen.length !== 1) throw unknownParameters([]);
  return CONVERTIBLE[chosen[0] as string] as MailboxTypeDetails;
}

export const mailboxCmdlets: Cmdlet[] = [
  {
    name: "Get-Mailbox",
    parameters: LIST_PARAMS,
    run: (tenant, params) =>
      getRecipients(tenant, params, "mailbox", mailboxFilterSchema(tenant), (t, r, select) =>
        mailboxRow(t, r as MailboxRecord, select),
      ),
  },
  {
    name: "Set-Mailbox",
    parameters: {
      ...RECIPIENT_PARAMS,
      Office: "string",
      WindowsEmailAddress: "string",
      GrantSendOnBehalfTo: "edit",
      LitigationHoldEnabled: "bool",
      LitigationHoldDuration: "string",
      LitigationHoldOwner: "string",
      RetentionComment: "string",
      Type: "string",
      Force: "bool",
      ...SETTINGS,
    },
    run: (tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const changed = commit(tenant, mailbox, (draft) => applyMailboxParams(tenant, params, draft));
      return noRows(changed ? [] : [noSettingsModified(mailbox.name)]);
    },
  },
  {
    name: "New-Mailbox",
    parameters: {
      Shared: "bool",
      Room: "bool",
      Equipment: "bool",
      Name: "string",
      DisplayName: "string",
      Alias: "string",
      PrimarySmtpAddress: "string",
    },
    run: (tenant, params) => {
      const type = newMailboxType(params);
      const name = params.requiredString("Name");
      const alias = params.string("Alias") ?? aliasFrom(name);
      if (alias === "" || aliasFrom(alias) !== alias) {
        throw validation(`The alias "${alias}" contains characters that aren't allowed.`);
      }
      const primary = params.string("PrimarySmtpAddress") ?? undefined;
      if (primary !== undefined && !isSmtpAddress(primary)) {
        throw transformation("PrimarySmtpAddress", primary, "Microsoft.Exchange.Data.SmtpAddress");
      }
      const record = mailboxRecord(tenant, type, {
        name,
        alias,
        displayName: params.string("DisplayName") ?? name,
        primarySmtpAddress: primary ?? `${alias}@${tenant.defaultDomain}`,
      });
      record.createdByCmdletAt = tenant.now();
      assertUnique(tenant, record);
      tenant.insert(record);
      return { rows: [mailboxRow(tenant, record)], warnings: [] };
    },
  },
];
