import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { clientFor } from "../exchange/harness.js";
import { audit, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "9c0c7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const alice = tenant.addUserMailbox({ userPrincipalName: "alice@contoso.com", displayName: "Alice" });
const department = (id: string) =>
  tenant.addSharedMailbox({
    name: `smb_${id}`,
    primarySmtpAddress: `smb_${id}@contoso.com`,
    customAttributes: { 1: id },
  });
const sales = department("SALES");
const hr = department("HR");
const it_ = department("IT");
// Two mailboxes claim FINANCE: ambiguous.
const finance = department("FINANCE");
tenant.addSharedMailbox({ name: "smb_FINANCE2", customAttributes: { 1: "finance" } });
const salesGroup = tenant.addDistributionGroup({
  name: "dg_SALES",
  primarySmtpAddress: "dg_sales@contoso.com",
  customAttributes: { 1: "SALES" },
});
const hrGroup = tenant.addDistributionGroup({
  name: "dg_HR",
  primarySmtpAddress: "dg_hr@contoso.com",
  type: "Security",
  customAttributes: { 1: "HR" },
});
const bulk = Array.from({ length: 10 }, (_, i) => department(`D${i + 1}`));

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

type SubPermission = { DisplayName: string; Reference: Record<string, string> };
const contract = (id: string, inConditions = true) => ({
  Context: { InConditions: inConditions },
  Department: { ExternalId: id, DisplayName: id },
});
const fullAccess = (mailbox: string) =>
  tenant
    .mailboxPermissions(mailbox)
    .filter((entry) => !entry.isInherited && entry.trustee)
    .map((entry) => entry.user);
const requests = () =>
  simulator.requestLog.filter((entry) => entry.kind === "invoke" || entry.kind === "batch");

function sub(
  action: string,
  operation: string,
  contracts: unknown[],
  current: SubPermission[] = [],
  extra: Record<string, unknown> = {},
  configuration: Record<string, unknown> = {},
) {
  return run(
    simulator,
    action,
    {
      actionContext: {
        Operation: operation,
        References: { Account: alice.guid, Permission: { Reference: "smb" } },
        CurrentPermissions: current,
        ...extra,
      },
      personContext: { Person: { ExternalId: "1", Contracts: contracts } },
    },
    configuration,
  );
}

describe("sharedMailboxes/subPermissions", () => {
  it("grant → update (one contract removed) → revoke, with the tenant state checked", async () => {
    const granted = await sub("sharedMailboxes/subPermissions", "grant", [
      contract("SALES"),
      contract("hr"),
      contract("IT", false),
    ]);
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(granted.output.SubPermissions, [
      { DisplayName: "FullAccess-smb_SALES", Reference: { Id: `FullAccess-${sales.guid}` } },
      { DisplayName: "SendAs-smb_SALES", Reference: { Id: `SendAs-${sales.guid}` } },
      { DisplayName: "FullAccess-smb_HR", Reference: { Id: `FullAccess-${hr.guid}` } },
      { DisplayName: "SendAs-smb_HR", Reference: { Id: `SendAs-${hr.guid}` } },
    ]);
    assert.deepEqual(fullAccess(sales.guid), ["alice@contoso.com"]);
    assert.deepEqual(tenant.sendAsTrustees(hr.guid), ["alice@contoso.com"]);
    assert.deepEqual(fullAccess(it_.guid), [], "a contract out of conditions gives nothing");
    // One lookup for all contracts, one $batch for the four writes.
    assert.deepEqual(
      requests().map((entry) => entry.cmdlet ?? entry.kind),
      ["Get-Mailbox", "batch"],
    );
    assert.equal(writeCount(simulator), 4);

    simulator.clearLog();
    const updated = await sub(
      "sharedMailboxes/subPermissions",
      "Update",
      [contract("SALES")],
      granted.output.SubPermissions,
    );
    assert.equal(updated.exitCode, 0, audit(updated));
    assert.deepEqual(
      updated.output.SubPermissions.map((entry: SubPermission) => entry.Reference.Id),
      [`FullAccess-${sales.guid}`, `SendAs-${sales.guid}`],
    );
    assert.match(audit(updated), /Revoked \[FullAccess\] on shared mailbox \[smb_HR\] from account/);
    assert.deepEqual(fullAccess(hr.guid), []);
    assert.deepEqual(tenant.sendAsTrustees(hr.guid), []);
    assert.deepEqual(fullAccess(sales.guid), ["alice@contoso.com"]);
    assert.equal(writeCount(simulator), 2);

    simulator.clearLog();
    const same = await sub(
      "sharedMailboxes/subPermissions",
      "update",
      [contract("SALES")],
      updated.output.SubPermissions,
    );
    assert.match(audit(same), /No changes: account .* already holds the 2 shared mailbox sub-permissions/);
    assert.equal(writeCount(simulator), 0);

    const revoked = await sub("sharedMailboxes/subPermissions", "revoke", [], updated.output.SubPermissions);
    assert.equal(revoked.exitCode, 0, audit(revoked));
    assert.deepEqual(revoked.output.SubPermissions, [], "no placeholder on revoke");
    assert.deepEqual(fullAccess(sales.guid), []);
    assert.deepEqual(tenant.sendAsTrustees(sales.guid), []);
  });

  it("one failing change does not stop the others; it is reported and retried by the next run", async () => {
    simulator.faults.add({
      match: { cmdlet: "Add-RecipientPermission" },
      times: 1,
      fault: { type: "forbidden" },
    });
    const first = await sub("sharedMailboxes/subPermissions", "grant", [contract("SALES"), contract("HR")]);
    assert.equal(first.exitCode, 1);
    assert.equal(first.output.AuditLogs.filter((log: { IsError: boolean }) => log.IsError).length, 1);
    assert.match(audit(first), /Could not grant \[SendAs\] on shared mailbox \[smb_SALES\].*403/);
    // Four writes sent in one $batch; the refused one never reached the tenant.
    assert.equal(simulator.requestLog.filter((entry) => entry.kind === "batch-item").length, 4);
    assert.equal(writeCount(simulator), 3);
    // The failed grant is not reported as held, so HelloID's next run grants it again.
    const held = first.output.SubPermissions.map((entry: SubPermission) => entry.Reference.Id);
    assert.deepEqual(held, [`FullAccess-${sales.guid}`, `FullAccess-${hr.guid}`, `SendAs-${hr.guid}`]);
    assert.deepEqual(tenant.sendAsTrustees(sales.guid), []);

    const retry = await sub(
      "sharedMailboxes/subPermissions",
      "update",
      [contract("SALES"), contract("HR")],
      first.output.SubPermissions,
    );
    assert.equal(retry.exitCode, 0, audit(retry));
    assert.deepEqual(tenant.sendAsTrustees(sales.guid), ["alice@contoso.com"]);
    assert.equal(retry.output.SubPermissions.length, 4);
    await sub("sharedMailboxes/subPermissions", "revoke", [], retry.output.SubPermissions);
    assert.deepEqual(fullAccess(hr.guid), []);
  });

  it("reports a value that matches no mailbox or several, while the others proceed", async () => {
    const result = await sub("sharedMailboxes/subPermissions", "grant", [
      contract("SALES"),
      contract("NOPE"),
      contract("FINANCE"),
    ]);
    assert.equal(result.exitCode, 1);
    assert.match(audit(result), /No shared mailbox found where CustomAttribute1 = \[NOPE\]/);
    assert.match(
      audit(result),
      /2 shared mailbox objects found where CustomAttribute1 = \[FINANCE\].*expected exactly one/,
    );
    assert.deepEqual(fullAccess(sales.guid), ["alice@contoso.com"]);
    await sub("sharedMailboxes/subPermissions", "revoke", [], result.output.SubPermissions);
    assert.deepEqual(fullAccess(sales.guid), []);
  });

  it("keeps what an ambiguous value may stand for, and reports entries it does not write", async () => {
    tenant.addMailboxPermission(finance, alice);
    const current = [
      { DisplayName: "FullAccess-smb_FINANCE", Reference: { Id: `FullAccess-${finance.guid}` } },
      { DisplayName: "Something else", Reference: { Id: "not-ours" } },
    ];
    const result = await sub("sharedMailboxes/subPermissions", "update", [contract("FINANCE")], current);
    assert.equal(result.exitCode, 1);
    assert.match(audit(result), /Cannot revoke sub-permission \[Something else\]: its reference is not one/);
    assert.deepEqual(result.output.SubPermissions, current, "neither revoked on a guess nor forgotten");
    assert.deepEqual(fullAccess(finance.guid), ["alice@contoso.com"]);
    assert.equal(writeCount(simulator), 0);
    await sub("sharedMailboxes/subPermissions", "revoke", [], current.slice(0, 1));
    assert.deepEqual(fullAccess(finance.guid), []);
  });

  it("reports what held before when the lookup fails, so the next run makes every change", async () => {
    simulator.faults.add({ match: { cmdlet: "Get-Mailbox" }, times: 1, fault: { type: "forbidden" } });
    const current = [{ DisplayName: "FullAccess-smb_HR", Reference: { Id: `FullAccess-${hr.guid}` } }];
    const failed = await sub("sharedMailboxes/subPermissions", "update", [contract("SALES")], current);
    assert.equal(failed.exitCode, 1);
    assert.match(audit(failed), /refused Get-Mailbox \(403\)/);
    assert.deepEqual(failed.output.SubPermissions, current);
    assert.equal(writeCount(simulator), 0);
  });

  it("adds the placeholder when nothing is granted and never revokes it", async () => {
    const empty = await sub("sharedMailboxes/subPermissions", "grant", []);
    assert.equal(empty.exitCode, 0, audit(empty));
    assert.deepEqual(empty.output.SubPermissions, [
      { DisplayName: "No permissions defined", Reference: { Id: "No permissions defined" } },
    ]);
    assert.equal(requests().length, 0);
    const revoked = await sub("sharedMailboxes/subPermissions", "revoke", [], empty.output.SubPermissions);
    assert.equal(revoked.exitCode, 0);
    assert.deepEqual(revoked.output.SubPermissions, []);
    assert.equal(writeCount(simulator), 0);
  });

  it("DryRun looks up all contracts (conditions ignored) and writes nothing", async () => {
    const dry = await sub("sharedMailboxes/subPermissions", "grant", [contract("SALES", false)], [], {
      DryRun: true,
    });
    assert.equal(dry.exitCode, 0, audit(dry));
    assert.match(audit(dry), /DryRun: would grant \[FullAccess\] on shared mailbox \[smb_SALES\]/);
    assert.equal(dry.output.SubPermissions.length, 2);
    assert.equal(writeCount(simulator), 0);
    assert.deepEqual(fullAccess(sales.guid), []);
  });

  it("measures a 5-add + 5-remove update: batched vs one request per change", async (t) => {
    const configuration = { SharedMailboxAccessRights: "FullAccess" };
    const first = bulk.slice(0, 5).map((mailbox) => contract(String(mailbox.customAttributes[0])));
    const next = bulk.slice(5).map((mailbox) => contract(String(mailbox.customAttributes[0])));
    const granted = await sub("sharedMailboxes/subPermissions", "grant", first, [], {}, configuration);
    assert.equal(granted.exitCode, 0, audit(granted));

    simulator.clearLog();
    const updated = await sub(
      "sharedMailboxes/subPermissions",
      "update",
      next,
      granted.output.SubPermissions,
      {},
      configuration,
    );
    assert.equal(updated.exitCode, 0, audit(updated));
    assert.equal(writeCount(simulator), 10);
    const batched = requests().length;
    assert.equal(batched, 2, "one Get-Mailbox and one $batch");
    const changes = simulator.requestLog.filter((entry) => entry.kind === "batch-item");

    // The same ten writes one request each, as the PowerShell connector sends them.
    simulator.clearLog();
    const client = clientFor(simulator);
    try {
      for (const change of changes)
        await client.invoke({ cmdlet: change.cmdlet as string, parameters: change.parameters ?? {} });
    } finally {
      client.close();
    }
    const oneByOne = 1 + requests().length;
    assert.equal(oneByOne, 11);
    t.diagnostic(`5 added + 5 removed: ${batched} Exchange requests batched, ${oneByOne} one by one`);
    await sub(
      "sharedMailboxes/subPermissions",
      "revoke",
      [],
      updated.output.SubPermissions,
      {},
      configuration,
    );
    assert.ok(bulk.every((mailbox) => fullAccess(mailbox.guid).length === 0));
  });
});

describe("sharedMailboxesSeparate/subPermissions", () => {
  const separate = (
    operation: string,
    contracts: unknown[],
    reference: string,
    current: SubPermission[] = [],
    extra = {},
  ) =>
    sub("sharedMailboxesSeparate/subPermissions", operation, contracts, current, {
      References: { Account: alice.guid, Permission: { Reference: reference } },
      ...extra,
    });

  it("grants the right the dynamic permission's Reference names, as {Id, Permission}", async () => {
    const granted = await separate("grant", [contract("SALES")], "SendOnBehalf");
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(granted.output.SubPermissions, [
      { DisplayName: "smb_SALES", Reference: { Id: sales.guid, Permission: "SendOnBehalf" } },
    ]);
    assert.deepEqual(tenant.sendOnBehalf(sales), ["alice@contoso.com"]);
    const revoked = await separate("revoke", [], "", granted.output.SubPermissions);
    assert.equal(revoked.exitCode, 0, audit(revoked));
    assert.deepEqual(tenant.sendOnBehalf(sales), []);
  });

  it("an empty Reference in preview gives a clear audit, not a crash; outside preview it is unusable input", async () => {
    const dry = await separate("grant", [contract("SALES")], "", [], { DryRun: true });
    assert.equal(dry.exitCode, 0, audit(dry));
    assert.match(audit(dry), /DryRun: the dynamic permission's Reference is empty in preview/);
    assert.deepEqual(dry.output.SubPermissions, [
      { DisplayName: "No permissions defined", Reference: { Id: "No permissions defined" } },
    ]);
    const real = await separate("grant", [contract("SALES")], "");
    assert.equal(real.exitCode, 2);
    assert.match(real.stderr, /References\.Permission\.Reference: it is empty/);
    assert.equal(writeCount(simulator), 0);
  });
});

describe("groups/subPermissions", () => {
  it("keeps to HelloID's 100 sub-permissions, reporting the rest", async () => {
    const many = Array.from({ length: 101 }, (_, i) =>
      tenant.addDistributionGroup({ name: `dg_M${i}`, alias: `dg_m${i}`, customAttributes: { 1: `M${i}` } }),
    );
    const result = await sub(
      "groups/subPermissions",
      "grant",
      many.map((group) => contract(String(group.customAttributes[0]))),
    );
    assert.equal(result.exitCode, 1);
    assert.match(audit(result), /The contracts give 101 sub-permissions; HelloID allows 100 per permission/);
    assert.equal(result.output.SubPermissions.length, 100);
    assert.equal(writeCount(simulator), 100);
    assert.equal(simulator.requestLog.filter((entry) => entry.kind === "batch").length, 10);
    const revoked = await sub("groups/subPermissions", "revoke", [], result.output.SubPermissions);
    assert.equal(revoked.exitCode, 0, audit(revoked));
    for (const group of many) tenant.removeRecipient(group.guid);
  });

  it("grant → update → revoke membership, references {Id: <groupGuid>}", async () => {
    const groups = (operation: string, contracts: unknown[], current: SubPermission[] = []) =>
      sub("groups/subPermissions", operation, contracts, current);
    const granted = await groups("grant", [contract("SALES"), contract("HR")]);
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(granted.output.SubPermissions, [
      { DisplayName: "dg_SALES", Reference: { Id: salesGroup.guid } },
      { DisplayName: "dg_HR", Reference: { Id: hrGroup.guid } },
    ]);
    assert.deepEqual(tenant.groupMembers(salesGroup), ["alice@contoso.com"]);
    assert.deepEqual(tenant.groupMembers(hrGroup), ["alice@contoso.com"]);

    const updated = await groups("update", [contract("SALES")], granted.output.SubPermissions);
    assert.equal(updated.exitCode, 0, audit(updated));
    assert.match(audit(updated), /Revoked membership of group \[dg_HR\] from account/);
    assert.deepEqual(tenant.groupMembers(hrGroup), []);
    assert.deepEqual(tenant.groupMembers(salesGroup), ["alice@contoso.com"]);

    const revoked = await groups("revoke", [], updated.output.SubPermissions);
    assert.equal(revoked.exitCode, 0, audit(revoked));
    assert.deepEqual(tenant.groupMembers(salesGroup), []);
    assert.deepEqual(revoked.output.SubPermissions, []);
  });
});
