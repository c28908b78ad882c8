import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { audit, mailboxOf, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "6a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const person = tenant.addUserMailbox({
  userPrincipalName: "j.vandenboele@contoso.com",
  displayName: "Janine van den Boele",
  emailAddresses: ["SMTP:j.vandenboele@contoso.com", "smtp:janine@contoso.onmicrosoft.com"],
  customAttributes: { 1: "Web Engineer" },
});
const GONE = "0e0e0e0e-0000-4000-8000-000000000000";

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const mailbox = () => mailboxOf(tenant, person.guid);
const account = (reference: string, extra: Record<string, unknown> = {}) => ({
  actionContext: { References: { Account: reference }, ...extra },
});

describe("update", () => {
  it("writes only what differs, names each change, and fills Data/PreviousData from Exchange", async () => {
    const input = account(person.guid, {
      Data: { CustomAttribute1: "Central Web Engineer", Office: "Utrecht" },
    });
    const first = await run(simulator, "update", input);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(audit(first), /CustomAttribute1 \[Web Engineer\] -> \[Central Web Engineer\]/);
    assert.match(audit(first), /Office \[\] -> \[Utrecht\]/);
    assert.equal(first.output.PreviousData.CustomAttribute1, "Web Engineer");
    assert.equal(first.output.Data.CustomAttribute1, "Central Web Engineer");
    assert.equal(mailbox().customAttributes[0], "Central Web Engineer");
    assert.equal(writeCount(simulator), 1);

    simulator.clearLog();
    const second = await run(simulator, "update", input);
    assert.match(audit(second), /No changes/);
    assert.equal(writeCount(simulator), 0);
  });

  it("merges EmailAddresses: proxies kept, mapped SMTP made primary, old primary demoted", async () => {
    const result = await run(
      simulator,
      "update",
      account(person.guid, { Data: { EmailAddresses: ["SMTP:janine.vandenboele@contoso.com"] } }),
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual([...mailbox().emailAddresses].sort(), [
      "SMTP:janine.vandenboele@contoso.com",
      "smtp:j.vandenboele@contoso.com",
      "smtp:janine@contoso.onmicrosoft.com",
    ]);
    // No mapped primary: the current one stays, a new secondary is added.
    await run(
      simulator,
      "update",
      account(person.guid, { Data: { EmailAddresses: ["smtp:jvdb@contoso.com"] } }),
    );
    assert.ok(mailbox().emailAddresses.includes("SMTP:janine.vandenboele@contoso.com"));
    assert.ok(mailbox().emailAddresses.includes("smtp:jvdb@contoso.com"));
    // The current primary mapped as a secondary: nothing to write, and Data still shows it primary.
    simulator.clearLog();
    const same = await run(
      simulator,
      "update",
      account(person.guid, { Data: { EmailAddresses: ["smtp:janine.vandenboele@contoso.com"] } }),
    );
    assert.equal(writeCount(simulator), 0);
    assert.equal(same.output.Data.EmailAddresses[0], "SMTP:janine.vandenboele@contoso.com");
    assert.deepEqual([...same.output.Data.EmailAddresses].sort(), [...mailbox().emailAddresses].sort());
    // Two primaries: refused before anything is sent.
    simulator.clearLog();
    const two = await run(
      simulator,
      "update",
      account(person.guid, { Data: { EmailAddresses: ["SMTP:a@contoso.com", "SMTP:b@contoso.com"] } }),
    );
    assert.equal(two.exitCode, 1);
    assert.match(audit(two), /exactly one may be primary/);
    assert.equal(simulator.requestLog.length, 0);
  });

  it("fails for a vanished mailbox and in DryRun writes nothing", async () => {
    const gone = await run(simulator, "update", account(GONE, { Data: { CustomAttribute1: "x" } }));
    assert.equal(gone.exitCode, 1);
    assert.match(audit(gone), /no longer exists/);
    const dry = await run(
      simulator,
      "update",
      account(person.guid, { DryRun: true, Data: { CustomAttribute1: "Dry" } }),
    );
    assert.match(audit(dry), /DryRun: would update/);
    assert.equal(writeCount(simulator), 0);
  });
});

describe("enable / disable", () => {
  it("hides on disable and shows on enable, with PreviousData; repeats are no-ops", async () => {
    const disabled = await run(
      simulator,
      "disable",
      account(person.guid, { Data: { HiddenFromAddressListsEnabled: "true" } }),
    );
    assert.equal(disabled.exitCode, 0, disabled.stderr);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, true);
    assert.deepEqual(disabled.output.PreviousData, { HiddenFromAddressListsEnabled: false });
    assert.equal(disabled.output.AuditLogs[0].Action, "DisableAccount");
    const again = await run(
      simulator,
      "disable",
      account(person.guid, { Data: { HiddenFromAddressListsEnabled: "true" } }),
    );
    assert.match(audit(again), /No change/);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, true);

    const enabled = await run(
      simulator,
      "enable",
      account(person.guid, { Data: { HiddenFromAddressListsEnabled: "false" } }),
    );
    assert.equal(enabled.exitCode, 0);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, false);
  });

  it("reconciliation (no Data, no person) disables with the default", async () => {
    const result = await run(simulator, "disable", account(person.guid, { Origin: "reconciliation" }));
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, true);
    await run(simulator, "enable", account(person.guid));
    assert.equal(mailbox().hiddenFromAddressListsEnabled, false);
  });

  it("follows the not-found matrix: disable skips, enable fails", async () => {
    const disable = await run(simulator, "disable", account(GONE));
    assert.equal(disable.exitCode, 0);
    assert.match(audit(disable), /Skipped disable/);
    const enable = await run(simulator, "enable", account(GONE));
    assert.equal(enable.exitCode, 1);
    assert.match(audit(enable), /Cannot enable/);
  });

  it("DryRun reads and writes nothing", async () => {
    const dry = await run(simulator, "disable", account(person.guid, { DryRun: true }));
    assert.match(audit(dry), /DryRun: would set HiddenFromAddressListsEnabled/);
    assert.equal(writeCount(simulator), 0);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, false);
  });

  it("needs the account reference and sends nothing without it", async () => {
    const result = await run(simulator, "enable", {});
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /References\.Account/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("delete (auto-reply)", () => {
  const data = {
    AutoReplyState: "Enabled",
    InternalMessage: "Janine has left; mail goes to Carl.",
    ExternalMessage: "Please contact carl@contoso.com.",
    ExternalAudience: "All",
  };

  it("sets the auto-reply once, then skips, and never deletes the mailbox", async () => {
    const first = await run(simulator, "delete", account(person.guid, { Data: data }));
    assert.equal(first.exitCode, 0, first.stderr);
    const reply = tenant.autoReply(person.guid);
    assert.equal(reply.autoReplyState, "Enabled");
    assert.equal(reply.externalAudience, "All");
    assert.ok(tenant.findRecipient(person.guid));
    simulator.clearLog();
    const second = await run(simulator, "delete", account(person.guid, { Data: data }));
    assert.match(audit(second), /No change/);
    assert.equal(writeCount(simulator), 0);
  });

  it("skips a vanished mailbox, validates the state, and writes nothing in DryRun", async () => {
    const gone = await run(simulator, "delete", account(GONE, { Data: data }));
    assert.equal(gone.exitCode, 0);
    assert.match(audit(gone), /Skipped delete/);
    const bad = await run(
      simulator,
      "delete",
      account(person.guid, { Data: { ...data, AutoReplyState: "On" } }),
    );
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /AutoReplyState/);
    const dry = await run(
      simulator,
      "delete",
      account(person.guid, { DryRun: true, Data: { ...data, AutoReplyState: "Disabled" } }),
    );
    assert.match(audit(dry), /DryRun: would set the auto-reply/);
    assert.equal(writeCount(simulator), 0);
  });
});
