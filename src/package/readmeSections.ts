// Text that both READMEs carry (the repository's README.md and the generated package's), written once here:
// the package README is generated from it and a test holds README.md to it, so the two cannot disagree.
import {
  ACTION_SECONDS,
  connectorDeadlineSeconds,
  IMPORT_SECONDS,
  RESOURCES_SECONDS,
  RETRIEVE_PERMISSIONS_SECONDS,
  shimStopSeconds,
} from "../helloid/timeLimits.js";

/** The correlation HelloID's Correlation tab is set up with (the PowerShell connector's). */
export const CORRELATION_EXAMPLE = {
  personField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
  accountField: "UserPrincipalName",
};

export function correlationSentence(): string {
  return `Enable correlation on the target system's Correlation tab, with person field e.g.\n\`${CORRELATION_EXAMPLE.personField}\` and account field \`${CORRELATION_EXAMPLE.accountField}\``;
}

const SLOTS: readonly { slot: string; limit: number }[] = [
  { slot: "Account actions, grants, revokes, sub-permissions", limit: ACTION_SECONDS },
  { slot: "Resources", limit: RESOURCES_SECONDS },
  { slot: "Retrieve permissions", limit: RETRIEVE_PERMISSIONS_SECONDS },
  { slot: "Imports (accounts, permission memberships)", limit: IMPORT_SECONDS },
];

/** HelloID's limit per kind of script, the connector's own deadline and when the generated script stops it. */
export function timeLimitsTable(): string {
  const rows = SLOTS.map(({ slot, limit }) => {
    const deadline =
      limit === ACTION_SECONDS
        ? "`ActionDeadlineSeconds` (default 25 s)"
        : `${connectorDeadlineSeconds(limit)} s (a preview: \`ActionDeadlineSeconds\`)`;
    return `| ${slot} | ${limit} s | ${deadline} | ${shimStopSeconds(limit)} s |`;
  });
  return [
    "| kind of script | HelloID's limit | the connector stops retrying by | the script stops the connector after |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
}

export const TIME_LIMITS_NOTE = `A preview (DryRun) keeps to \`ActionDeadlineSeconds\` and is stopped after ${shimStopSeconds(ACTION_SECONDS)} s in every kind of script.`;
