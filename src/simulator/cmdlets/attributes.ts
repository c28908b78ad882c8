// Recipient properties shared by Set-Mailbox and Set-DistributionGroup (names, addresses, custom
// attributes), applied to a draft copy so a failing parameter leaves the stored object untouched.

import { aliasFrom, isSmtpAddress, isSmtpProxy, proxyAddress, proxyPrefix } from "../tenant/addresses.js";
import type { Recipient, Tenant } from "../tenant/index.js";
import { transformation, validation } from "./errors.js";
import type { MultiEdit, ParamSpec, Params } from "./parameters.js";
import { CmdletError } from "./types.js";

export const RECIPIENT_PARAMS: ParamSpec = {
  Identity: "string",
  DisplayName: "string",
  Name: "string",
  Alias: "string",
  PrimarySmtpAddress: "string",
  EmailAddresses: "edit",
  HiddenFromAddressListsEnabled: "bool",
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`CustomAttribute${i + 1}`, "string"])),
  ...Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`ExtensionCustomAttribute${i + 1}`, "edit"])),
};

const ALREADY_EXISTS = "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException";
const PROXY_EXISTS = "Microsoft.Exchange.Data.Directory.ProxyAddressExistsException";

/** A bare address is an smtp proxy; an smtp proxy must hold a valid address. */
function normalizeProxy(value: string): string {
  const proxy = proxyPrefix(value) === "" ? `smtp:${value}` : value;
  if (isSmtpProxy(proxy) && !isSmtpAddress(proxyAddress(proxy))) {
    throw transformation(
      "EmailAddresses",
      value,
      "Microsoft.Exchange.Data.ProxyAddressCollection",
      `The address '${value}' is invalid.`,
    );
  }
  return proxy;
}

const sameProxy = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Makes `address` the primary SMTP proxy, demoting the old primary to a secondary `smtp:`. */
export function setPrimary(addresses: string[], address: string): string[] {
  if (!isSmtpAddress(address))
    throw transformation("PrimarySmtpAddress", address, "Microsoft.Exchange.Data.SmtpAddress");
  const rest = addresses
    .filter((p) => !(isSmtpProxy(p) && sameProxy(proxyAddress(p), address)))
    .map((p) => (p.startsWith("SMTP:") ? `smtp:${p.slice(5)}` : p));
  return [`SMTP:${address}`, ...rest];
}

function editEmailAddresses(current: string[], edit: MultiEdit): string[] {
  let result = edit.replace ? edit.replace.map(normalizeProxy) : [...current];
  for (const value of edit.remove.map(normalizeProxy)) {
    const target = result.find(
      (p) =>
        sameProxy(p, value) ||
        (isSmtpProxy(p) && isSmtpProxy(value) && sameProxy(proxyAddress(p), proxyAddress(value))),
    );
    if (target?.startsWith("SMTP:")) {
      throw validation("The primary SMTP address can't be removed. Set another primary SMTP address first.");
    }
    result = result.filter((p) => p !== target);
  }
  for (const value of edit.add.map(normalizeProxy)) {
    if (value.startsWith("SMTP:")) result = setPrimary(result, proxyAddress(value));
    else if (!result.some((p) => sameProxy(p, value))) result.push(value);
  }
  const primaries = result.filter((p) => p.startsWith("SMTP:")).length;
  if (primaries > 1) {
    throw validation(
      "There are multiple primary SMTP addresses. Please ensure there is only one primary address for each address type.",
    );
  }
  if (primaries === 0) {
    throw validation(
      "The e-mail address list doesn't contain a primary SMTP address. Specify exactly one SMTP: address.",
    );
  }
  const seen = new Set<string>();
  for (const proxy of result) {
    const key = isSmtpProxy(proxy) ? `smtp:${proxyAddress(proxy).toLowerCase()}` : proxy.toLowerCase();
    if (seen.has(key))
      throw validation(`The proxy address "${proxy}" appears more than once in EmailAddresses.`);
    seen.add(key);
  }
  return result;
}

/** Applies a multi-valued edit to a plain list (ExtensionCustomAttributeN, resolved Guid lists...). */
export function editList(current: string[], edit: MultiEdit): string[] {
  const result = (edit.replace ?? current).filter((v) => !edit.remove.includes(v));
  for (const value of edit.add) if (!result.includes(value)) result.push(value);
  return result;
}

function nonEmpty(params: Params, name: string): string | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  if (value === null || value.trim() === "") throw validation(`The ${name} property can't be empty.`);
  return value;
}

/** Applies the RECIPIENT_PARAMS present in `params` to `draft`. */
export function applyRecipientParams(params: Params, draft: Recipient): void {
  const name = nonEmpty(params, "Name");
  if (name !== undefined) draft.name = name;
  const displayName = nonEmpty(params, "DisplayName");
  if (displayName !== undefined) draft.displayName = displayName;
  const alias = nonEmpty(params, "Alias");
  if (alias !== undefined) {
    if (aliasFrom(alias) !== alias)
      throw validation(`The alias "${alias}" contains characters that aren't allowed.`);
    draft.alias = alias;
  }
  const hidden = params.bool("HiddenFromAddressListsEnabled");
  if (hidden !== undefined) draft.hiddenFromAddressListsEnabled = hidden;
  for (let i = 0; i < 15; i++) {
    const value = params.string(`CustomAttribute${i + 1}`);
    if (value !== undefined) draft.customAttributes[i] = value ?? "";
  }
  for (let i = 0; i < 5; i++) {
    const edit = params.edit(`ExtensionCustomAttribute${i + 1}`);
    if (edit) draft.extensionCustomAttributes[i] = editList(draft.extensionCustomAttributes[i] ?? [], edit);
  }
  const addresses = params.edit("EmailAddresses");
  if (addresses) draft.emailAddresses = editEmailAddresses(draft.emailAddresses, addresses);
  const primary = nonEmpty(params, "PrimarySmtpAddress");
  if (primary !== undefined) draft.emailAddresses = setPrimary(draft.emailAddresses, primary);
}

/** Refuses a name, alias or address another recipient holds, with Exchange's exception classes. */
export function assertUnique(tenant: Tenant, candidate: Recipient): void {
  const clash = tenant.conflict(candidate);
  if (!clash) return;
  if (clash.kind === "address") {
    throw new CmdletError(
      400,
      PROXY_EXISTS,
      `The proxy address "SMTP:${clash.value}" is already being used by the proxy addresses or LegacyExchangeDN of "${clash.holder.name}". Please choose another proxy address.`,
    );
  }
  const message =
    clash.kind === "name"
      ? `Active Directory operation failed on ${tenant.domainController}. The object '${tenant.distinguishedName(candidate)}' already exists.`
      : `The alias "${clash.value}" is already being used by "${clash.holder.name}". Please specify a unique alias.`;
  throw new CmdletError(400, ALREADY_EXISTS, message);
}

/**
 * Runs `change` on a draft copy, validates uniqueness and commits; returns false (nothing written)
 * when the draft equals the stored record.
 */
export function commit<R extends Recipient>(tenant: Tenant, record: R, change: (draft: R) => void): boolean {
  const draft = structuredClone(record);
  change(draft);
  if (JSON.stringify(draft) === JSON.stringify(record)) return false;
  assertUnique(tenant, draft);
  tenant.update(record, (r) => Object.assign(r, draft));
  return true;
}
