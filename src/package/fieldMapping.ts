// fieldMapping.json as HelloID imports it (docs/HELLOID-CONTRACT.md, 'fieldMapping.json'): the PowerShell
// connector's fields with the same names, types and defaults, so existing mappings and stored account data
// keep working. Fixed values are strings ("true"); the actions convert them.

export type LifecycleAction = "Create" | "Update" | "Enable" | "Disable" | "Delete";
export type MappingMode = "None" | "Fixed" | "Field" | "Complex";

export interface MappingAction {
  MapForActions: LifecycleAction[];
  MappingMode: MappingMode;
  /** The value JSON-encoded (a second time once the file is written): Fixed `"\"true\""`, None `"\"\""`. */
  Value: string;
  UsedInNotifications: boolean;
  StoreInAccountData: boolean;
}

export interface MappingField {
  Name: string;
  Description: string;
  Type: "Text" | "Array";
  MappingActions: MappingAction[];
}

export interface FieldMappingFile {
  Version: "v1";
  MappingFields: MappingField[];
  UniqueFieldNames: string[];
}

function mapping(
  actions: LifecycleAction[],
  mode: MappingMode,
  value: string,
  options: { storeInAccountData?: boolean } = {},
): MappingAction {
  return {
    MapForActions: actions,
    MappingMode: mode,
    Value: JSON.stringify(value),
    UsedInNotifications: false,
    StoreInAccountData: options.storeInAccountData ?? false,
  };
}

/** Complex mappings are JavaScript whose last expression is the value (HelloID's mapping engine). */
const INTERNAL_MESSAGE = `// The out-of-office reply to colleagues, set by the Delete action. Adapt the text to your organization.
function getValue() {
    var managerName = 'PutHereYourFallBackManagerName';
    var manager = Person.PrimaryManager ? Person.PrimaryManager.DisplayName : null;
    if (typeof manager !== 'undefined' && manager) {
        managerName = manager.split(' (')[0];
    }
    var output = 'Dear colleague, thank you for your message. ';
    output = output + 'I am no longer employed at YourCompany. ';
    output = output + 'Your mail will be forwarded to ' + managerName + '.';
    return output;
}

getValue();`;

const EXTERNAL_MESSAGE = `// The out-of-office reply to external senders, set by the Delete action. Adapt the text to your organization.
function getValue() {
    var managerName = 'PutHereYourFallBackManagerName';
    var managerMail = 'PutHereYourFallBackManagerMail@mail.com';
    var manager = Person.PrimaryManager ? Person.PrimaryManager.DisplayName : null;
    var managerMailToCheck = Person.PrimaryManager ? Person.PrimaryManager.Email : null;
    if (typeof manager !== 'undefined' && manager) {
        managerName = manager.split(' (')[0];
    }
    if (typeof managerMailToCheck !== 'undefined' && managerMailToCheck) {
        managerMail = managerMailToCheck;
    }
    var output = 'Dear Sir, Madam, thank you for your email. ';
    output = output + 'I am no longer employed at YourCompany. ';
    output = output + 'Your mail is automatically forwarded to my colleague ' + managerName;
    output = output + ' with mail address ' + managerMail + '.';
    return output;
}

getValue();`;

const EMAIL_ADDRESSES = `// The addresses the Update action merges into the mailbox: existing addresses are kept, the SMTP: entry
// becomes the primary address and the old primary becomes a secondary (smtp:) one.
// Replace domain.local with your e-mail domain (an accepted domain of the tenant), or remove this field
// from the mapping if HelloID must not manage e-mail addresses.
function getValue() {
    var domain = 'domain.local';
    var name = Person.Name;
    var firstName = name.NickName || name.GivenName || '';
    var lastName = name.FamilyName || '';
    if (name.FamilyNamePrefix) {
        lastName = name.FamilyNamePrefix + lastName;
    }
    var mailNickname = (firstName + '.' + lastName).toLowerCase();
    mailNickname = deleteDiacriticalMarks(mailNickname);
    mailNickname = mailNickname.replace(/[^0-9a-z.-]/g, '');
    return ['SMTP:' + mailNickname + '@' + domain];
}

getValue();`;

export function fieldMapping(): FieldMappingFile {
  return {
    Version: "v1",
    MappingFields: [
      {
        Name: "AutoReplyState",
        Description: "[Required] if using the delete script for enabling AutoReplyState",
        Type: "Text",
        MappingActions: [mapping(["Delete"], "Fixed", "Enabled")],
      },
      {
        Name: "guid",
        Description: "[Required] Account Reference is written back to account data",
        Type: "Text",
        MappingActions: [mapping(["Create"], "None", "", { storeInAccountData: true })],
      },
      {
        Name: "InternalMessage",
        Description: "[Required] if using the delete script for enabling AutoReplyState",
        Type: "Text",
        MappingActions: [mapping(["Delete"], "Complex", INTERNAL_MESSAGE)],
      },
      {
        Name: "ExternalMessage",
        Description: "[Required] if using the delete script for enabling AutoReplyState",
        Type: "Text",
        MappingActions: [mapping(["Delete"], "Complex", EXTERNAL_MESSAGE)],
      },
      {
        Name: "ExternalAudience",
        Description: "Who outside the organization receives the external auto-reply: None, Known or All",
        Type: "Text",
        MappingActions: [mapping(["Delete"], "Fixed", "All")],
      },
      {
        Name: "userPrincipalName",
        Description: "[Required] for correlation",
        Type: "Text",
        MappingActions: [mapping(["Create"], "None", "")],
      },
      {
        Name: "HiddenFromAddressListsEnabled",
        Description:
          "[Required] if using the enable and disable script for HiddenFromAddressListsEnabled.\nRemoving the field from the create action will result in correlation only within the create script.\n",
        Type: "Text",
        MappingActions: [
          mapping(["Create", "Disable"], "Fixed", "true"),
          mapping(["Enable"], "Fixed", "false"),
        ],
      },
      {
        Name: "EmailAddresses",
        Description:
          "EmailAddresses Please use carefully, this will update the primary mailadres, remove if not needed.",
        Type: "Array",
        MappingActions: [mapping(["Update"], "Complex", EMAIL_ADDRESSES, { storeInAccountData: true })],
      },
      {
        Name: "CustomAttribute1",
        Description:
          "[Required] if using the update script for updating custom attributes.\nAt least one custom attribute is required when using the update script to update custom attributes.",
        Type: "Text",
        MappingActions: [mapping(["Update"], "Field", "Person.PrimaryContract.Title.Name")],
      },
    ],
    UniqueFieldNames: [],
  };
}

/** The correlate-only variant: only what correlation needs and writes back (no writes to the mailbox). */
export function correlateOnlyFieldMapping(): FieldMappingFile {
  return {
    Version: "v1",
    MappingFields: [
      {
        Name: "guid",
        Description: "[Required] Account Reference is written back to account data",
        Type: "Text",
        MappingActions: [mapping(["Create"], "None", "", { storeInAccountData: true })],
      },
      {
        Name: "userPrincipalName",
        Description: "[Required] for correlation",
        Type: "Text",
        MappingActions: [mapping(["Create"], "None", "")],
      },
    ],
    UniqueFieldNames: [],
  };
}
