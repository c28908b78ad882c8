// The shipped fieldMapping.json against what the actions read: each lifecycle action gets what HelloID
// would hand it for this mapping (Fixed, Field and Complex values evaluated for a person, None-mapped fields
// pre-filled in outputContext.Data) and must succeed, use every mapped field and fill the stored fields.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { correlateOnlyFieldMapping, fieldMapping } from "../../src/package/fieldMapping.js";
import { Tenant } from "../../src/simulator/index.js";
import { mailboxOf, run, startSimulator } from "../support/connector.js";
import { type LifecycleAction, mappedContexts } from "../support/helloidFormats.js";

const tenant = Tenant.create({
  tenantId: "5a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
tenant.acceptedDomains.push("domain.local");
const mailbox = tenant.addUserMailbox({
  userPrincipalName: "janine.vandenboele@contoso.com",
  displayName: "Janine van den Boele",
  emailAddresses: ["SMTP:janine.vandenboele@contoso.com"],
});

const person = {
  DisplayName: "Janine van den Boele",
  Name: { GivenName: "Janine", NickName: "Janine", FamilyName: "Boele", FamilyNamePrefix: "van den" },
  PrimaryContract: {
    Title: { Name: "Web Engineer" },
    Department: { ExternalId: "DEP001", DisplayName: "Finance" },
  },
  PrimaryManager: { DisplayName: "Carl Dijk (CD)", Email: "carl.dijk@contoso.com" },
};

describe("fieldMapping.json against the actions", () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  before(async () => {
    simulator = await startSimulator({ tenant });
  });
  after(() => simulator.close());

  const runMapped = (
    action: string,
    stage: LifecycleAction,
    file = fieldMapping(),
    extra: Record<string, unknown> = {},
  ) => {
    const { data, prefilled } = mappedContexts(file, stage, person);
    return run(simulator, action, {
      actionContext: { Data: data, References: { Account: mailbox.guid }, ...extra },
      personContext: { Person: person },
      outputContext: { Data: prefilled },
    });
  };
  const record = () => mailboxOf(tenant, mailbox.guid);

  const correlation = {
    CorrelationConfiguration: {
      Enabled: true,
      PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
      PersonFieldValue: "janine.vandenboele@contoso.com",
      AccountField: "UserPrincipalName",
    },
  };

  it("Create correlates, hides the mailbox and writes guid and userPrincipalName back to account data", async () => {
    const result = await runMapped("create", "Create", fieldMapping(), correlation);
    assert.equal(result.exitCode, 0, result.stderr + result.stdout);
    assert.equal(result.output.AccountReference, mailbox.guid);
    assert.equal(result.output.Data.guid, mailbox.guid);
    assert.equal(result.output.Data.userPrincipalName, "janine.vandenboele@contoso.com");
    assert.equal(record().hiddenFromAddressListsEnabled, true);
  });

  it("correlateOnly/create fills the correlate-only mapping's fields without writing", async () => {
    simulator.clearLog();
    const result = await runMapped(
      "correlateOnly/create",
      "Create",
      correlateOnlyFieldMapping(),
      correlation,
    );
    assert.equal(result.exitCode, 0, result.stderr + result.stdout);
    assert.equal(result.output.Data.guid, mailbox.guid);
    assert.equal(simulator.writes().length, 0);
  });

  it("Update sets CustomAttribute1 from the job title and merges the generated primary address", async () => {
    const result = await runMapped("update", "Update");
    assert.equal(result.exitCode, 0, result.stderr + result.stdout);
    assert.equal(record().customAttributes[0], "Web Engineer");
    assert.ok(
      record().emailAddresses.includes("SMTP:janine.vandenboele@domain.local"),
      String(record().emailAddresses),
    );
    assert.ok(
      record().emailAddresses.includes("smtp:janine.vandenboele@contoso.com"),
      "the old primary is kept as a secondary",
    );
  });

  it("Enable shows and Disable hides the mailbox with the mapped fixed strings", async () => {
    const enabled = await runMapped("enable", "Enable");
    assert.equal(enabled.exitCode, 0, enabled.stderr + enabled.stdout);
    assert.equal(record().hiddenFromAddressListsEnabled, false);
    const disabled = await runMapped("disable", "Disable");
    assert.equal(disabled.exitCode, 0, disabled.stderr + disabled.stdout);
    assert.equal(record().hiddenFromAddressListsEnabled, true);
  });

  it("Delete sets the auto-reply with the mapped state, messages and audience", async () => {
    const result = await runMapped("delete", "Delete");
    assert.equal(result.exitCode, 0, result.stderr + result.stdout);
    const reply = tenant.autoReply(mailbox.guid);
    assert.equal(reply.autoReplyState, "Enabled");
    assert.equal(reply.externalAudience, "All");
    assert.match(reply.internalMessage ?? "", /forwarded to Carl Dijk\./);
    assert.match(reply.externalMessage ?? "", /Carl Dijk with mail address carl\.dijk@contoso\.com/);
  });
});
