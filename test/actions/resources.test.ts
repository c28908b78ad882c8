import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { type Recipient, Tenant } from "../../src/simulator/index.js";
import { audit, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "ad0c7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
tenant.addSharedMailbox({
  name: "Sales Team",
  primarySmtpAddress: "sales@contoso.com",
  customAttributes: { 1: "SALES" },
});
tenant.addSharedMailbox({ name: "smb_Legal", primarySmtpAddress: "legal@contoso.com" });
tenant.addSharedMailbox({
  name: "smb_Taken",
  primarySmtpAddress: "taken@contoso.com",
  customAttributes: { 1: "OTHER" },
});
tenant.addDistributionGroup({
  name: "Sales Group",
  primarySmtpAddress: "salesgroup@contoso.com",
  customAttributes: { 1: "SALES" },
});

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => {
  simulator.clearLog();
  simulator.faults.clear();
});

const resources = (
  action: string,
  items: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
  configuration = {},
) => run(simulator, action, { actionContext: extra, resourceContext: { SourceData: items } }, configuration);
const find = (name: string): Recipient => {
  const recipient = tenant.findRecipient(name);
  if (!recipient) throw new Error(`no recipient ${name}`);
  return recipient;
};
const DEPARTMENTS = [
  { ExternalId: "SALES", DisplayName: "Sales" },
  { ExternalId: "HR", DisplayName: "Human Resources" },
  { ExternalId: "RD", DisplayName: "R&D Café" },
  { ExternalId: "hr", DisplayName: "Human Resources (again)" },
];

describe("sharedMailboxes/resources", () => {
  it("DryRun lists and says what it would create, writing nothing", async () => {
    const dry = await resources("sharedMailboxes/resources", DEPARTMENTS, { DryRun: true });
    assert.equal(dry.exitCode, 0, audit(dry));
    assert.match(
      audit(dry),
      /DryRun: would create shared mailbox \[smb_Human Resources\] with PrimarySmtpAddress \[smb_HumanResources@contoso\.onmicrosoft\.com\]/,
    );
    assert.match(audit(dry), /1 resource\(s\) already have a shared mailbox/);
    assert.equal(writeCount(simulator), 0);
  });

  it("creates one sanitized, stamped mailbox per resource without one, despite replication lag", async () => {
    simulator.faults.replicationDelayMs = 1_200;
    const result = await resources("sharedMailboxes/resources", DEPARTMENTS);
    assert.equal(result.exitCode, 0, audit(result));
    assert.match(
      audit(result),
      /Created shared mailbox \[smb_Human Resources\] with PrimarySmtpAddress \[smb_HumanResources@contoso\.onmicrosoft\.com\]/,
    );
    assert.match(
      audit(result),
      /Set CustomAttribute1 = \[HR\] and CustomAttribute2 = \[HelloID Dynamic Shared Mailbox\] on shared mailbox \[smb_Human Resources\]/,
    );
    const hr = find("smb_Human Resources");
    const rd = find("smb_R&D Café");
    assert.equal(hr.recipientTypeDetails, "SharedMailbox");
    assert.deepEqual(
      [hr.customAttributes[0], hr.customAttributes[1]],
      ["HR", "HelloID Dynamic Shared Mailbox"],
    );
    assert.equal(rd.alias, "smb_RDCafe");
    assert.ok(rd.emailAddresses.includes("SMTP:smb_RDCafe@contoso.onmicrosoft.com"));
    assert.equal(rd.customAttributes[0], "RD");
    // The creates went out together; stamping was retried until the new mailboxes replicated.
    const batches = simulator.requestLog.filter((entry) => entry.kind === "batch-item");
    assert.deepEqual(batches.filter((entry) => entry.cmdlet === "New-Mailbox").length, 2);
    assert.ok(batches.filter((entry) => entry.cmdlet === "Set-Mailbox" && entry.status === 404).length >= 2);

    simulator.faults.replicationDelayMs = 0;
    simulator.clearLog();
    const again = await resources("sharedMailboxes/resources", DEPARTMENTS);
    assert.equal(again.exitCode, 0, audit(again));
    assert.match(audit(again), /3 resource\(s\) already have a shared mailbox/);
    assert.equal(writeCount(simulator), 0);
  });

  it("correlates by name a mailbox without correlation value; a name taken by another resource fails alone, even in the same run", async () => {
    const result = await resources("sharedMailboxes/resources", [
      { ExternalId: "LEGAL", DisplayName: "Legal" },
      { ExternalId: "TAKEN", DisplayName: "Taken" },
      { ExternalId: "OPS", DisplayName: "Operations" },
      { ExternalId: "OPS2", DisplayName: "Operations " },
    ]);
    assert.equal(result.exitCode, 1);
    assert.match(
      audit(result),
      /Could not create shared mailbox \[smb_Operations\] for resource \[Operations\]: another resource of this run has a shared mailbox of that name/,
    );
    assert.match(
      audit(result),
      /Found shared mailbox \[smb_Legal\] without CustomAttribute1; correlating it to resource \[Legal\] by name/,
    );
    assert.match(
      audit(result),
      /Could not create shared mailbox \[smb_Taken\] for resource \[Taken\]: the name is taken by a shared mailbox with CustomAttribute1 = \[OTHER\]/,
    );
    assert.equal(find("smb_Legal").customAttributes[0], "LEGAL");
    assert.equal(find("smb_Operations").customAttributes[0], "OPS");
  });

  it("uses the configured templates and domain; never a hard-coded one", async () => {
    const result = await resources(
      "sharedMailboxes/resources",
      [{ ExternalId: "FAC", DisplayName: "Façilities" }],
      {},
      {
        SharedMailboxNameTemplate: "Shared {DisplayName} ({ExternalId})",
        SharedMailboxAliasTemplate: "shared.{ExternalId}",
        SharedMailboxAddressTemplate: "{Alias}@contoso.com",
        SharedMailboxCorrelationAttribute: "customattribute5",
      },
    );
    assert.equal(result.exitCode, 0, audit(result));
    const created = find("Shared Façilities (FAC)");
    assert.equal(created.alias, "shared.FAC");
    assert.ok(created.emailAddresses.includes("SMTP:shared.FAC@contoso.com"));
    assert.equal(created.customAttributes[4], "FAC");
    const bad = await resources(
      "sharedMailboxes/resources",
      [{ ExternalId: "X" }],
      {},
      { SharedMailboxNameTemplate: "{Department}" },
    );
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /SharedMailboxNameTemplate: unknown placeholder \{Department\}/);
  });
});

describe("groups/resources", () => {
  it("creates stamped groups (optionally security) despite replication lag; existing ones are left alone", async () => {
    simulator.faults.replicationDelayMs = 600;
    const result = await resources(
      "groups/resources",
      DEPARTMENTS.slice(0, 3),
      {},
      { GroupResourceType: "security" },
    );
    assert.equal(result.exitCode, 0, audit(result));
    const hr = find("dg_Human Resources");
    assert.equal(hr.recipientTypeDetails, "MailUniversalSecurityGroup");
    assert.ok(hr.emailAddresses.includes("SMTP:dg_HumanResources@contoso.onmicrosoft.com"));
    assert.deepEqual(
      [hr.customAttributes[0], hr.customAttributes[1]],
      ["HR", "HelloID Dynamic Distribution Group"],
    );
    assert.equal(find("dg_R&D Café").customAttributes[0], "RD");
    assert.match(audit(result), /1 resource\(s\) already have a group/);
    assert.ok(
      simulator
        .writes()
        .some(
          (entry) =>
            entry.cmdlet === "Set-DistributionGroup" &&
            entry.parameters?.BypassSecurityGroupManagerCheck === true,
        ),
    );
  });

  it("when the answer to New-* is lost after Exchange created the group, waits for replication and adopts it", async () => {
    simulator.faults.replicationDelayMs = 1200;
    for (const kind of ["invoke", "batch-item"] as const) {
      simulator.faults.add({
        match: { kind, cmdlet: "New-DistributionGroup" },
        times: 1,
        fault: { type: "reset", phase: "after" },
      });
    }
    const result = await resources("groups/resources", [{ ExternalId: "LOST", DisplayName: "Lost Answer" }]);
    assert.equal(result.exitCode, 0, audit(result));
    assert.match(audit(result), /Found group \[dg_Lost Answer\] without CustomAttribute1; correlating it/);
    const group = find("dg_Lost Answer");
    assert.deepEqual(group.customAttributes.slice(0, 2), ["LOST", "HelloID Dynamic Distribution Group"]);
  });

  it("DryRun writes nothing", async () => {
    const dry = await resources("groups/resources", [{ ExternalId: "LOG", DisplayName: "Logistics" }], {
      DryRun: true,
    });
    assert.equal(dry.exitCode, 0, audit(dry));
    assert.match(
      audit(dry),
      /DryRun: would create group \[dg_Logistics\] with PrimarySmtpAddress \[dg_Logistics@contoso\.onmicrosoft\.com\]/,
    );
    assert.equal(writeCount(simulator), 0);
  });

  it("needs SourceData with an ExternalId", async () => {
    const missing = await run(simulator, "groups/resources", {
      resourceContext: { SourceData: [{ DisplayName: "x" }] },
    });
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /resourceContext\.SourceData\[0\]\.ExternalId: required/);
    assert.equal(simulator.requestLog.length, 0);
  });
});
