// The mailbox properties update may write with Set-Mailbox, and the value each takes. A mapped field outside
// this list, or with a value of the wrong type, is refused in prepare, so a preview fails where enforcement
// would (Exchange answers an unknown parameter or a value it cannot convert with an error). Other Set-Mailbox
// parameters belong to a permission family (GrantSendOnBehalfTo, LitigationHold*) or change what the mailbox
// is (Type), which a field mapping must not do.
import { InputError } from "../../helloid/context.js";
import { booleanLike } from "../../helloid/schema.js";

/** text: one string (a number is sent as text); boolean: true/false or "true"/"false"; texts: one or many strings. */
type PropertyKind = "text" | "boolean" | "texts" | "addresses";

const range = (prefix: string, count: number, kind: PropertyKind) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i + 1}`, kind]));

export const MAPPABLE_MAILBOX_PROPERTIES: Readonly<Record<string, PropertyKind>> = {
  DisplayName: "text",
  Name: "text",
  Alias: "text",
  PrimarySmtpAddress: "text",
  WindowsEmailAddress: "text",
  EmailAddresses: "addresses",
  Office: "text",
  MailTip: "text",
  ForwardingSmtpAddress: "text",
  HiddenFromAddressListsEnabled: "boolean",
  DeliverToMailboxAndForward: "boolean",
  MessageCopyForSentAsEnabled: "boolean",
  MessageCopyForSendOnBehalfEnabled: "boolean",
  AuditEnabled: "boolean",
  ...range("CustomAttribute", 15, "text"),
  ...range("ExtensionCustomAttribute", 5, "texts"),
};

const byLowerCase = new Map(
  Object.keys(MAPPABLE_MAILBOX_PROPERTIES).map((name) => [name.toLowerCase(), name]),
);

const isText = (value: unknown) => typeof value === "string" || typeof value === "number";
const describe = (value: unknown) =>
  Array.isArray(value)
    ? "a list"
    : value !== null && typeof value === "object"
      ? "an object"
      : JSON.stringify(value);

/** Throws InputError naming `actionContext.Data.<name>` when Set-Mailbox would refuse the mapped field. */
export function checkMappedProperty(name: string, value: unknown): void {
  const where = `actionContext.Data.${name}`;
  const canonical = byLowerCase.get(name.toLowerCase());
  if (!canonical) {
    throw new InputError(
      `${where}: not a mailbox property the update action can set (remove the field from the Update mapping); it can set ${Object.keys(MAPPABLE_MAILBOX_PROPERTIES).join(", ")}`,
    );
  }
  const problem = problemOf(MAPPABLE_MAILBOX_PROPERTIES[canonical], value);
  if (problem) throw new InputError(`${where}: ${problem}`);
}

function problemOf(kind: PropertyKind | undefined, value: unknown): string | undefined {
  const empty = value === null || value === "";
  switch (kind) {
    case "boolean":
      return booleanLike.safeParse(value).success
        ? undefined
        : `expected true or false, got ${describe(value)}`;
    case "text":
      return empty || isText(value) ? undefined : `expected text, got ${describe(value)}`;
    case "texts":
      return empty || isText(value) || (Array.isArray(value) && value.every(isText))
        ? undefined
        : `expected text or a list of texts, got ${describe(value)}`;
    default:
      return Array.isArray(value) && value.every((entry) => typeof entry === "string")
        ? undefined
        : "expected an array of addresses (map it as type Array)";
  }
}
