// HelloID's time limits per script slot (docs/HELLOID-CONTRACT.md, 'Time limits'). Account and permission
// actions have 30 s; the bulk slots have more, and an action declares which one it runs in.

/** Account actions, grants, revokes and sub-permissions: 30 seconds. */
export const ACTION_SECONDS = 30;
/** Retrieve permissions: 15 minutes. */
export const RETRIEVE_PERMISSIONS_SECONDS = 15 * 60;
/** Resources: 10 minutes (their preview 30 s). */
export const RESOURCES_SECONDS = 10 * 60;
/** Imports: undocumented beyond the 90 s preview; treated like retrieve permissions. */
export const IMPORT_SECONDS = 15 * 60;

/**
 * When the generated script stops the connector in a slot with this limit: the limit less 2 % (at least 2 s).
 * That is after the connector's own deadline for the slot (the limit less 5 %, src/actions/run.ts) and before
 * HelloID ends the script without a message: 28 s of 30, 588 s of 600, 882 s of 900.
 */
export function shimStopSeconds(limitSeconds: number): number {
  return Math.max(1, Math.floor(limitSeconds) - Math.max(2, Math.ceil(limitSeconds / 50)));
}

/** The connector's own deadline in a slot HelloID gives longer than 30 s: the limit less 5 % (at least 5 s). */
export function connectorDeadlineSeconds(limitSeconds: number): number {
  return limitSeconds - Math.max(5, Math.ceil(limitSeconds / 20));
}
