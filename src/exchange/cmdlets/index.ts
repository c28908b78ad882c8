// The typed cmdlets, one file per family (docs/CMDLETS.md).
export * from "./autoReply.js";
export {
  addRemove,
  type CustomAttributeName,
  type CustomAttributes,
  collect,
  type ExtensionCustomAttributeName,
  type GenericHashTable,
  type ReadOptions,
  type RecipientTypeDetails,
  type ResultSize,
  type WriteResult,
} from "./common.js";
export * from "./folders.js";
export * from "./groups.js";
export * from "./mailbox.js";
export * from "./mailboxPermission.js";
export * from "./recipient.js";
export * from "./recipientPermission.js";
export * from "./regional.js";
export * from "./sendOnBehalf.js";
export * from "./sharedMailbox.js";
export * from "./writeOutcome.js";
