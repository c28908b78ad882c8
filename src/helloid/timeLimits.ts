// HelloID's time limits per script slot (docs/HELLOID-CONTRACT.md, 'Time limits'). Account and permission
// actions have 30 s; the bulk slots have more, and an action declares which one it runs in.

/** Retrieve permissions: 15 minutes. */
export const RETRIEVE_PERMISSIONS_SECONDS = 15 * 60;
/** Resources: 10 minutes (their preview 30 s). */
export const RESOURCES_SECONDS = 10 * 60;
/** Imports: undocumented beyond the 90 s preview; treated like retrieve permissions. */
export const IMPORT_SECONDS = 15 * 60;
