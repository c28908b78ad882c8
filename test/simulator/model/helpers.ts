// Shared fixtures for the tenant-model tests: a small tenant and an assertion for CmdletErrors.
import assert from "node:assert/strict";
import { CmdletError, type CmdletParameters, invokeCmdlet } from "../../../src/simulator/cmdlets/index.js";
import { Tenant } from "../../../src/simulator/tenant/index.js";

export const ORG = "contoso.onmicrosoft.com";

/** Alice (en-US), Jan (nl-NL), Sean O'Brien, a shared mailbox, a DL, a security group, a dir-synced group. */
export function smallTenant(): Tenant {
  const tenant = Tenant.create({ tenantId: "11111111-2222-4333-8444-555555555555", organization: ORG });
  fixClock(tenant);
  tenant.addUserMailbox({ name: "Alice Smith", userPrincipalName: `alice@${ORG}`, department: "Finance" });
  tenant.addUserMailbox({
    name: "Jan de Vries",
    userPrincipalName: `jan.devries@${ORG}`,
    language: "nl-NL",
    customAttributes: { 1: "DEP003" },
  });
  tenant.addUserMailbox({ name: "Sean O'Brien", userPrincipalName: `sean.o'brien@${ORG}`, office: "Dublin" });
  tenant.addSharedMailbox({
    name: "Finance Shared",
    alias: "finance",
    customAttributes: { 1: "DEP001", 2: "HelloID Dynamic Shared Mailbox" },
  });
  tenant.addDistributionGroup({ name: "All Staff", alias: "allstaff", members: ["alice", "jan.devries"] });
  tenant.addDistributionGroup({ name: "Approvers", alias: "approvers", type: "Security" });
  tenant.addDistributionGroup({ name: "Synced Group", alias: "synced", isDirSynced: true });
  return tenant;
}

/** Gives the tenant a manual clock starting 2024-01-01; returns a function that moves it forward. */
export function fixClock(tenant: Tenant): (ms: number) => void {
  let now = Date.UTC(2024, 0, 1);
  tenant.now = () => now;
  return (ms) => {
    now += ms;
  };
}

export function run(tenant: Tenant, name: string, parameters?: CmdletParameters) {
  return invokeCmdlet(tenant, name, parameters);
}

/** Asserts that the call throws a CmdletError with this status, exception class suffix and message part. */
export function assertCmdletError(
  call: () => unknown,
  status: number,
  exceptionSuffix: string,
  messagePart?: string | RegExp,
): CmdletError {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof CmdletError, `expected a CmdletError, got ${String(caught)}`);
  assert.equal(caught.status, status, caught.message);
  assert.ok(
    caught.exceptionType.endsWith(exceptionSuffix),
    `${caught.exceptionType} does not end with ${exceptionSuffix}`,
  );
  if (typeof messagePart === "string") assert.ok(caught.message.includes(messagePart), caught.message);
  else if (messagePart) assert.match(caught.message, messagePart);
  return caught;
}
