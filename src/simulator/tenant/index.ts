// Public surface of the tenant model.
import { Tenant } from "./tenant.js";

export { primarySmtpAddress, recipientLabel } from "./addresses.js";
export { TIME_ZONES } from "./locale.js";
export type { MailboxPermissionEntry } from "./permissions.js";
export type { GroupSeed, MailboxSeed } from "./records.js";
export type { Scope } from "./store.js";
export { type Conflict, type RegionalView, Tenant, type TenantOptions } from "./tenant.js";
export type * from "./types.js";

export function loadTenant(path: string): Tenant {
  return Tenant.load(path);
}

export function saveTenant(tenant: Tenant, path: string): void {
  tenant.save(path);
}
