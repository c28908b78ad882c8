// Exchange reports several idempotent outcomes as warnings on a 200 (docs/EXCHANGE-API.md 'Success envelope',
// docs/CMDLETS.md): the caller decides from them whether a write changed anything.

export type WarningKind =
  /** Add-MailboxPermission / Add-RecipientPermission: the ACE was already there. */
  | "aceAlreadyPresent"
  /** Remove-MailboxPermission / Remove-RecipientPermission: there was no such ACE. */
  | "aceNotPresent"
  /** Set-*: "The command completed successfully but no settings [of '<id>'] have been modified." */
  | "noChange"
  /** A full page: "There are more results available than are currently displayed." */
  | "moreResults"
  | "other";

const patterns: ReadonlyArray<readonly [Exclude<WarningKind, "other">, RegExp]> = [
  ["aceAlreadyPresent", /access control entry is already present/i],
  // "…because the ACE doesn't exist on the object." (Remove-MailboxPermission) or "…because the ACE isn't
  // present." (Remove-RecipientPermission).
  ["aceNotPresent", /can't remove the access control entry|ACE doesn't exist|ACE isn't present/i],
  // "…but no settings of '<id>' have been modified." or the shorter "…but no settings have been modified."
  ["noChange", /no settings (?:of [\s\S]* )?have been modified/i],
  ["moreResults", /more results available than are currently displayed/i],
];

export function classifyWarning(warning: string): WarningKind {
  return patterns.find(([, pattern]) => pattern.test(warning))?.[0] ?? "other";
}

export function hasWarning(warnings: readonly string[], kind: WarningKind): boolean {
  return warnings.some((warning) => classifyWarning(warning) === kind);
}

/** True when the warnings say a write left everything as it was (already present, absent, no change). */
export function isNoOp(warnings: readonly string[]): boolean {
  return warnings.some((warning) => {
    const kind = classifyWarning(warning);
    return kind === "aceAlreadyPresent" || kind === "aceNotPresent" || kind === "noChange";
  });
}
