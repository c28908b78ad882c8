import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { type MailboxRecord, Tenant } from "../../src/simulator/index.js";
import { audit, logged, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "9a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const person = tenant.addUserMailbox({ userPrincipalName: "janine@contoso.com", language: "nl-NL" });
const heldByLegal = tenant.addUserMailbox({
  userPrincipalName: "sam@contoso.com",
  litigationHoldEnabled: true,
});
tenant.update(heldByLegal, (m) => {
  m.litigationHoldOwner = "legal@contoso.com";
});
const GONE = "0e0e0e0e-0000-4000-8000-000000000000";

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const hold = (mailbox: MailboxRecord) => {
  const record = tenant.findRecipient(mailbox.guid) as MailboxRecord;
  return {
    enabled: record.litigationHoldEnabled,
    duration: record.litigationHoldDuration,
    owner: record.litigationHoldOwner,
    comment: record.retentionComment,
  };
};

function holdAction(
  action: string,
  mailbox: string,
  permission: Record<string, unknown>,
  extra = {},
  config = {},
) {
  return run(
    simulator,
    `litigationHold/${action}`,
    { actionContext: { References: { Account: mailbox, Permission: permission }, ...extra } },
    config,
  );
}
const DAYS_365 = { Id: "LitigationHold-365", Duration: 365 };
const DAYS_2555 = { Id: "LitigationHold-2555", Duration: 2555 };

describe("litigationHold/permissions", () => {
  it("lists 365 and 2555 days as {Id, Duration}, and validates configured durations", async () => {
    const result = await run(simulator, "litigationHold/permissions");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.output.Permissions, [
      { DisplayName: "Litigation Hold - 365 days", Identification: DAYS_365 },
      { DisplayName: "Litigation Hold - 2555 days", Identification: DAYS_2555 },
    ]);
    const bad = await run(
      simulator,
      "litigationHold/permissions",
      {},
      {
        LitigationHoldOptions: '[{"Id":"forever","Duration":"forever"}]',
      },
    );
    assert.equal(bad.exitCode, 2);
    assert.match(logged(bad), /LitigationHoldOptions\[0\]\.Duration: expected a number of days/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("litigationHold grant and revoke", () => {
  it("places a marked hold (one read, one write), changes its duration, and writes nothing when already right", async () => {
    const placed = await holdAction("grantPermission", person.guid, DAYS_365);
    assert.equal(placed.exitCode, 0, placed.stderr);
    assert.match(
      audit(placed),
      /Placed a litigation hold of 365 days on mailbox \[.*\] with owner \[HelloID\] \(before: no hold\)/,
    );
    assert.deepEqual(
      simulator.requestLog.filter((e) => e.kind === "invoke").map((e) => e.cmdlet),
      ["Get-Mailbox", "Set-Mailbox"],
    );
    assert.deepEqual(hold(person), {
      enabled: true,
      duration: "365.00:00:00",
      owner: "HelloID",
      comment: null,
    });

    simulator.clearLog();
    const again = await holdAction("grantPermission", person.guid, { Id: "LitigationHold-365" });
    assert.match(audit(again), /No change/);
    assert.equal(writeCount(simulator), 0);

    const longer = await holdAction("grantPermission", person.guid, DAYS_2555);
    assert.match(audit(longer), /duration \[365 days\] -> \[2555 days\]/);
    assert.equal(hold(person).duration, "2555.00:00:00");
  });

  it("revokes only the duration it placed, then lifts its own hold", async () => {
    simulator.clearLog();
    const stale = await holdAction("revokePermission", person.guid, DAYS_365);
    assert.equal(stale.exitCode, 0, stale.stderr);
    assert.match(audit(stale), /in place: it now lasts 2555 days, not the revoked 365 days/);
    assert.equal(writeCount(simulator), 0);

    const dry = await holdAction("revokePermission", person.guid, DAYS_2555, { DryRun: true });
    assert.match(audit(dry), /DryRun: would lift the litigation hold of 2555 days/);
    assert.equal(writeCount(simulator), 0);

    const lifted = await holdAction("revokePermission", person.guid, DAYS_2555);
    assert.match(audit(lifted), /Lifted the litigation hold of 2555 days \(owner \[HelloID\]\)/);
    assert.equal(lifted.output.AuditLogs[0].Action, "RevokePermission");
    assert.equal(hold(person).enabled, false);

    simulator.clearLog();
    const none = await holdAction("revokePermission", person.guid, DAYS_2555);
    assert.match(audit(none), /Skipped revoking .*it has no litigation hold/);
    assert.equal(writeCount(simulator), 0);
  });

  it("never changes or lifts a hold someone else placed", async () => {
    const grant = await holdAction("grantPermission", heldByLegal.guid, DAYS_365);
    assert.equal(grant.exitCode, 0, grant.stderr);
    assert.match(audit(grant), /as it is: \[legal@contoso.com\] placed it \(Unlimited\)/);
    const revoke = await holdAction("revokePermission", heldByLegal.guid, DAYS_365);
    assert.equal(revoke.exitCode, 0, revoke.stderr);
    assert.match(
      audit(revoke),
      /Warning: left the litigation hold on mailbox .* in place: \[legal@contoso.com\] placed it/,
    );
    assert.equal(writeCount(simulator), 0);
    assert.deepEqual(hold(heldByLegal), {
      enabled: true,
      duration: "Unlimited",
      owner: "legal@contoso.com",
      comment: null,
    });
  });

  it("uses a configured marker and comment, clearing the comment when it lifts the hold", async () => {
    const config = { LitigationHoldOwner: "IAM", LitigationHoldRetentionComment: "Placed by HelloID" };
    await holdAction("grantPermission", person.guid, { Id: "x", Duration: "unlimited" }, {}, config);
    assert.deepEqual(hold(person), {
      enabled: true,
      duration: "Unlimited",
      owner: "IAM",
      comment: "Placed by HelloID",
    });
    const otherMarker = await holdAction("revokePermission", person.guid, { Id: "x", Duration: "Unlimited" });
    assert.match(audit(otherMarker), /Warning: .*\[IAM\] placed it/);
    await holdAction("revokePermission", person.guid, { Id: "x", Duration: "Unlimited" }, {}, config);
    assert.deepEqual(hold(person), { enabled: false, duration: "Unlimited", owner: "IAM", comment: "" });
  });

  it("follows the not-found matrix and writes nothing in DryRun", async () => {
    const grant = await holdAction("grantPermission", GONE, DAYS_365);
    assert.equal(grant.exitCode, 1);
    assert.match(
      audit(grant),
      /Cannot grant a litigation hold of 365 days on mailbox .*: the mailbox no longer exists/,
    );
    const revoke = await holdAction("revokePermission", GONE, DAYS_365);
    assert.equal(revoke.exitCode, 0);
    assert.match(
      audit(revoke),
      /Skipped revoking the litigation hold of 365 days .*: the mailbox no longer exists/,
    );
    const dry = await holdAction("grantPermission", person.guid, DAYS_365, { DryRun: true });
    assert.match(audit(dry), /DryRun: would place a litigation hold of 365 days/);
    assert.equal(writeCount(simulator), 0);
    assert.equal(hold(person).enabled, false);
  });
});
