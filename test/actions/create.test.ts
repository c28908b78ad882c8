import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { audit, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "5f0a7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const janine = tenant.addUserMailbox({
  userPrincipalName: "janine@contoso.com",
  displayName: "Janine",
  customAttributes: { 1: "Web" },
});
const obrien = tenant.addUserMailbox({
  userPrincipalName: "sean.o'brien@contoso.com",
  displayName: "Seán O'Brien",
});
tenant.addUserMailbox({ userPrincipalName: "twin1@contoso.com", office: "Twin" });
tenant.addUserMailbox({ userPrincipalName: "twin2@contoso.com", office: "Twin" });
tenant.addSharedMailbox({ name: "Sales", primarySmtpAddress: "sales@contoso.com", office: "Shared" });

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

function correlate(value: unknown, field = "UserPrincipalName", extra: Record<string, unknown> = {}) {
  return {
    actionContext: {
      CorrelationConfiguration: {
        Enabled: true,
        PersonField: "Person.Accounts.AD.UPN",
        PersonFieldValue: value,
        AccountField: field,
      },
      ...extra,
    },
    outputContext: { Data: { Guid: null, UserPrincipalName: null, CustomAttribute1: null } },
  };
}

const invokes = () =>
  simulator.requestLog.filter((entry) => entry.kind === "invoke" || entry.kind === "batch-item");

describe("create (correlation)", () => {
  it("correlates to exactly one mailbox: reference = Guid, Data from Exchange, one read", async () => {
    const result = await run(simulator, "create", correlate("janine@contoso.com"));
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.output.Success, true);
    assert.equal(result.output.AccountReference, janine.guid);
    assert.equal(result.output.AccountCorrelated, true);
    assert.deepEqual(result.output.Data, {
      Guid: janine.guid,
      UserPrincipalName: "janine@contoso.com",
      CustomAttribute1: "Web",
    });
    assert.equal(result.output.AuditLogs[0].Action, "CorrelateAccount");
    assert.match(audit(result), /Correlated to mailbox \[Janine\]/);
    assert.equal(invokes().length, 1);
    assert.equal(writeCount(simulator), 0);
  });

  it("quotes an O'Brien value and keeps an injection attempt inert", async () => {
    const found = await run(simulator, "create", correlate("sean.o'brien@contoso.com"));
    assert.equal(found.output.AccountReference, obrien.guid);
    const injected = await run(simulator, "create", correlate("x' -or Name -like '*"));
    assert.equal(injected.exitCode, 1);
    assert.equal(injected.output.Success, false);
    assert.match(audit(injected), /No mailbox found/);
  });

  it("fails clearly on zero and on two matches; shared mailboxes are not people", async () => {
    const none = await run(simulator, "create", correlate("nobody@contoso.com"));
    assert.equal(none.exitCode, 1);
    assert.match(audit(none), /No mailbox found where \[UserPrincipalName\] = \[nobody@contoso.com\]/);
    assert.equal(none.output.AccountReference, undefined);
    const two = await run(simulator, "create", correlate("Twin", "Office"));
    assert.equal(two.exitCode, 1);
    assert.match(audit(two), /Multiple mailboxes found/);
    const shared = await run(simulator, "create", correlate("Shared", "Office"));
    assert.match(audit(shared), /No mailbox found/);
  });

  it("rejects disabled or misconfigured correlation before any request", async () => {
    const disabled = await run(simulator, "create", {
      actionContext: {
        CorrelationConfiguration: {
          Enabled: false,
          AccountField: "UserPrincipalName",
          PersonFieldValue: "x",
        },
      },
    });
    assert.equal(disabled.exitCode, 2);
    assert.match(disabled.stderr, /CorrelationConfiguration\.Enabled/);
    const badField = await run(simulator, "create", correlate("x", "User Principal Name"));
    assert.equal(badField.exitCode, 2);
    assert.match(badField.stderr, /AccountField/);
    const empty = await run(simulator, "create", correlate("  "));
    assert.equal(empty.exitCode, 1);
    assert.match(audit(empty), /no value for the correlation field/);
    assert.equal(simulator.requestLog.length, 0);
  });

  it("applies a mapped HiddenFromAddressListsEnabled only when it differs", async () => {
    const input = correlate("janine@contoso.com", "UserPrincipalName", {
      Data: { HiddenFromAddressListsEnabled: "true" },
    });
    const first = await run(simulator, "create", input);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.equal(tenant.findRecipient(janine.guid)?.hiddenFromAddressListsEnabled, true);
    assert.equal(writeCount(simulator), 1);
    simulator.clearLog();
    const second = await run(simulator, "create", input);
    assert.equal(second.exitCode, 0);
    assert.equal(writeCount(simulator), 0);
    assert.doesNotMatch(audit(second), /Set HiddenFrom/);
    const onlyCorrelate = await run(simulator, "correlateOnly/create", {
      ...input,
      actionContext: { ...input.actionContext, Data: { HiddenFromAddressListsEnabled: "false" } },
    });
    assert.equal(onlyCorrelate.output.AccountReference, janine.guid);
    assert.equal(writeCount(simulator), 0);
  });

  it("DryRun writes nothing and gives the placeholder reference when nothing is found", async () => {
    const hidden = correlate("sean.o'brien@contoso.com", "UserPrincipalName", {
      DryRun: true,
      Data: { HiddenFromAddressListsEnabled: "true" },
    });
    const dry = await run(simulator, "create", hidden);
    assert.equal(dry.exitCode, 0);
    assert.match(audit(dry), /DryRun: would set HiddenFromAddressListsEnabled/);
    const missing = await run(
      simulator,
      "create",
      correlate("nobody@contoso.com", "UserPrincipalName", { DryRun: true }),
    );
    assert.equal(missing.output.AccountReference, "DryRun: Currently not available");
    assert.equal(writeCount(simulator), 0);
  });
});
