// Shared mailboxes as both shared-mailbox families see them: listing, creation, stamping and the write
// per right — FullAccess with Add/Remove-MailboxPermission (InheritanceType All), SendAs with
// Add/Remove-RecipientPermission, SendOnBehalf with Set-Mailbox -GrantSendOnBehalfTo @{Add/Remove}
// (other delegates are left alone).
import {
  addMailboxPermission,
  addRecipientPermission,
  addSendOnBehalf,
  type CmdletCall,
  type ExchangeClient,
  findMailbox,
  listMailboxes,
  type MailboxPermissionParams,
  newSharedMailbox,
  removeMailboxPermission,
  removeRecipientPermission,
  removeSendOnBehalf,
  setMailbox,
} from "../../exchange/index.js";
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import { getCI } from "../../helloid/caseInsensitive.js";
import type { Access, Family, ListOptions, Verb } from "../permissions/family.js";
import type { ResourceObject } from "../permissions/templates.js";
import { mailboxHolderSource } from "./holders.js";
import type { Right } from "./rights.js";
import type { SharedMailboxSettings } from "./settings.js";
import { parseSharedMailboxSettings } from "./settings.js";

const SHARED = "SharedMailbox";

function writeCall(
  verb: Verb,
  { target, right }: Access<Right>,
  account: string,
  settings: SharedMailboxSettings,
): CmdletCall<unknown> {
  const Identity = target.id;
  switch (right) {
    case "FullAccess": {
      const params: MailboxPermissionParams = {
        Identity,
        User: account,
        AccessRights: ["FullAccess"],
        InheritanceType: "All",
      };
      return verb === "grant"
        ? addMailboxPermission.asCall({ ...params, AutoMapping: settings.autoMapping })
        : removeMailboxPermission.asCall(params);
    }
    case "SendAs": {
      const params = { Identity, Trustee: account, AccessRights: ["SendAs"] };
      return verb === "grant"
        ? addRecipientPermission.asCall(params)
        : removeRecipientPermission.asCall(params);
    }
    case "SendOnBehalf":
      return verb === "grant"
        ? addSendOnBehalf.asCall({ Identity, Trustee: account })
        : removeSendOnBehalf.asCall({ Identity, Trustee: account });
  }
}

/** What both shared-mailbox families share; they add their entitlement and reference shapes. */
export const sharedMailboxBase = {
  noun: "shared mailbox",
  select: ["PrimarySmtpAddress"],
  parseSettings: parseSharedMailboxSettings,
  listObjects(exchange: ExchangeClient, _settings: SharedMailboxSettings, { filter, select }: ListOptions) {
    return listMailboxes(exchange, { RecipientTypeDetails: SHARED, Filter: filter }, { select });
  },
  async findObject(exchange: ExchangeClient, identity: string, select: readonly string[]) {
    const mailbox = await findMailbox(exchange, identity, { select: [...select, "RecipientTypeDetails"] });
    return mailbox && getCI(mailbox, "RecipientTypeDetails") === SHARED ? (mailbox as JsonObject) : null;
  },
  newObjectCall: (_settings: SharedMailboxSettings, object: ResourceObject) =>
    newSharedMailbox.asCall({
      Name: object.name,
      DisplayName: object.displayName,
      Alias: object.alias,
      PrimarySmtpAddress: object.primarySmtpAddress,
    }),
  stampCall: (id: string, attributes: Readonly<Record<string, string>>) =>
    setMailbox.asCall({ Identity: id, ...attributes }),
  writeCall,
  describe: ({ target, right }: Access<Right>) => `[${right}] on shared mailbox [${target.name}]`,
  holderSource: mailboxHolderSource,
} satisfies Partial<Family<SharedMailboxSettings, Right>>;
