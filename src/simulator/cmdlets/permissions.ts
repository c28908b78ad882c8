// Mailbox permissions (FullAccess & co., Get/Add/Remove-MailboxPermission) and recipient permissions
// (SendAs, Get/Add/Remove-RecipientPermission). Granting what is already there and removing what isn't
// are not errors in Exchange: they succeed with a warning.
import { type MailboxRecord, type Recipient, recipientLabel, type Tenant } from "../tenant/index.js";
import {
  type MailboxPermissionEntry,
  mailboxPermissionEntries,
  orphanSid,
  SELF,
} from "../tenant/permissions.js";
import type { Cmdlet } from "./cmdlet.js";
import { aceMissing, acePresent, badEnum, recipientAceMissing } from "./errors.js";
import type { Params } from "./parameters.js";
import { resolveIdentity, resolveMailbox, resolveReference } from "./resolve.js";
import { listResult, noRows } from "./results.js";
import type { CmdletResult, Row } from "./types.js";

const MAILBOX_RIGHTS = [
  "ChangeOwner",
  "ChangePermission",
  "DeleteItem",
  "ExternalAccount",
  "FullAccess",
  "ReadPermission",
];
const INHERITANCE = ["None", "All", "Descendents", "SelfAndChildren", "Children"];
const RECIPIENT_RIGHTS = ["SendAs"];

function enumValues(params: Params, name: string, allowed: string[], type: string): string[] {
  params.require(name);
  return (params.strings(name) ?? []).map((value) => {
    const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
    if (!match) throw badEnum(name, value, type, allowed);
    return match;
  });
}

function inheritance(params: Params): string {
  const value = params.string("InheritanceType") ?? "All";
  const match = INHERITANCE.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match)
    throw badEnum(
      "InheritanceType",
      value,
      "System.DirectoryServices.ActiveDirectorySecurityInheritance",
      INHERITANCE,
    );
  return match;
}

function mailboxPermissionRow(mailbox: MailboxRecord, entry: MailboxPermissionEntry): Row {
  return {
    Identity: mailbox.name,
    User: entry.user,
    "AccessRights@odata.type": "#Collection(String)",
    AccessRights: entry.accessRights,
    IsInherited: entry.isInherited,
    Deny: entry.deny,
    InheritanceType: entry.inheritanceType,
    IsValid: true,
    ObjectState: "Unchanged",
  };
}

function sendAsRow(recipient: Recipient, trustee: string): Row {
  return {
    Identity: recipient.name,
    Trustee: trustee,
    AccessControlType: "Allow",
    "AccessRights@odata.type": "#Collection(String)",
    AccessRights: ["SendAs"],
    IsInherited: false,
    InheritanceType: "None",
    IsValid: true,
    ObjectState: "Unchanged",
  };
}

/** The SendAs entries of a recipient: NT AUTHORITY\SELF for mailboxes, then the explicit trustees. */
function sendAsEntries(tenant: Tenant, recipient: Recipient): { label: string; guid: string | null }[] {
  const explicit = recipient.sendAs.map((guid) => {
    const trustee = tenant.byGuid(guid);
    return { label: trustee ? recipientLabel(trustee) : orphanSid(guid), guid };
  });
  return recipient.kind === "mailbox" ? [{ label: SELF, guid: null }, ...explicit] : explicit;
}

/** A principal filter (User / Trustee): a system account name, or a recipient. */
function principalFilter(tenant: Tenant, value: string): (label: string, guid: string | null) => boolean {
  if (value.toUpperCase().startsWith("NT AUTHORITY\\"))
    return (label) => label.toLowerCase() === value.toLowerCase();
  const guid = resolveReference(tenant, value, "securityPrincipal").guid;
  return (_, g) => g === guid;
}

function getMailboxPermission(tenant: Tenant, params: Params): CmdletResult {
  const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
  const user = params.string("User");
  const accept = user == null ? () => true : principalFilter(tenant, user);
  const entries = mailboxPermissionEntries(mailbox, (g) => tenant.byGuid(g), tenant.domainPrefix).filter(
    (e) => accept(e.user, e.trustee?.guid ?? null),
  );
  return listResult(entries, params, (e) => mailboxPermissionRow(mailbox, e));
}

function changeMailboxPermission(tenant: Tenant, params: Params, add: boolean): CmdletResult {
  const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
  const userValue = params.requiredString("User");
  const trustee = resolveReference(tenant, userValue, "securityPrincipal");
  const rights = enumValues(
    params,
    "AccessRights",
    MAILBOX_RIGHTS,
    "Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]",
  );
  const inheritanceType = inheritance(params);
  const deny = params.bool("Deny") ?? false;
  const ace = mailbox.fullAccess.find((a) => a.trustee === trustee.guid && a.deny === deny);
  const label = recipientLabel(trustee);
  if (add) {
    const missing = rights.filter((r) => !ace?.accessRights.includes(r));
    if (missing.length === 0) return noRows([acePresent(mailbox.name, label)]);
    const autoMapping = params.bool("AutoMapping") ?? true;
    tenant.update(mailbox, (m) => {
      if (ace) ace.accessRights.push(...missing);
      else
        m.fullAccess.push({
          trustee: trustee.guid,
          accessRights: [...rights],
          deny,
          inheritanceType,
          autoMapping,
        });
    });
    const entry = { user: label, trustee, accessRights: rights, isInherited: false, deny, inheritanceType };
    return { rows: [mailboxPermissionRow(mailbox, entry)], warnings: [] };
  }
  if (!ace || !rights.some((r) => ace.accessRights.includes(r)))
    return noRows([aceMissing(mailbox.name, label)]);
  tenant.update(mailbox, (m) => {
    ace.accessRights = ace.accessRights.filter((r) => !rights.includes(r));
    if (ace.accessRights.length === 0) m.fullAccess = m.fullAccess.filter((a) => a !== ace);
  });
  return noRows();
}

function getRecipientPermission(tenant: Tenant, params: Params): CmdletResult {
  if (params.has("AccessRights")) sendAsRights(params);
  const identity = params.string("Identity");
  const trustee = params.string("Trustee");
  const accept = trustee == null ? () => true : principalFilter(tenant, trustee);
  const recipients =
    identity == null ? tenant.list("recipient") : [resolveIdentity(tenant, identity, "recipient")];
  function* rows() {
    for (const recipient of recipients) {
      for (const entry of sendAsEntries(tenant, recipient)) {
        if (accept(entry.label, entry.guid)) yield { recipient, label: entry.label };
      }
    }
  }
  return listResult(rows(), params, ({ recipient, label }) => sendAsRow(recipient, label));
}

function sendAsRights(params: Params): void {
  enumValues(
    params,
    "AccessRights",
    RECIPIENT_RIGHTS,
    "Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight[]",
  );
}

function changeRecipientPermission(tenant: Tenant, params: Params, add: boolean): CmdletResult {
  const recipient = resolveIdentity(tenant, params.requiredString("Identity"), "recipient");
  const trustee = resolveReference(tenant, params.requiredString("Trustee"), "securityPrincipal");
  sendAsRights(params);
  const present = recipient.sendAs.includes(trustee.guid);
  const label = recipientLabel(trustee);
  if (add) {
    if (present) return noRows([acePresent(recipient.name, label)]);
    tenant.update(recipient, (r) => r.sendAs.push(trustee.guid));
    return { rows: [sendAsRow(recipient, label)], warnings: [] };
  }
  if (!present) return noRows([recipientAceMissing(recipient.name, label)]);
  tenant.update(recipient, (r) => {
    r.sendAs = r.sendAs.filter((g) => g !== trustee.guid);
  });
  return noRows();
}

const CHANGE_MAILBOX = {
  Identity: "string",
  User: "string",
  AccessRights: "strings",
  InheritanceType: "string",
  Deny: "bool",
} as const;

export const permissionCmdlets: Cmdlet[] = [
  {
    name: "Get-MailboxPermission",
    parameters: { Identity: "string", User: "string", ResultSize: "resultSize" },
    run: getMailboxPermission,
  },
  {
    name: "Add-MailboxPermission",
    parameters: { ...CHANGE_MAILBOX, AutoMapping: "bool" },
    run: (tenant, params) => changeMailboxPermission(tenant, params, true),
  },
  {
    name: "Remove-MailboxPermission",
    parameters: CHANGE_MAILBOX,
    run: (tenant, params) => changeMailboxPermission(tenant, params, false),
  },
  {
    name: "Get-RecipientPermission",
    parameters: { Identity: "string", Trustee: "string", AccessRights: "strings", ResultSize: "resultSize" },
    run: getRecipientPermission,
  },
  {
    name: "Add-RecipientPermission",
    parameters: { Identity: "string", Trustee: "string", AccessRights: "strings" },
    run: (tenant, params) => changeRecipientPermission(tenant, params, true),
  },
  {
    name: "Remove-RecipientPermission",
    parameters: { Identity: "string", Trustee: "string", AccessRights: "strings" },
    run: (tenant, params) => changeRecipientPermission(tenant, params, false),
  },
];
