import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MORE_RESULTS } from "../../../src/simulator/cmdlets/index.js";
import type { MailboxRecord } from "../../../src/simulator/tenant/index.js";
import { assertCmdletError, ORG, run, smallTenant } from "./helpers.js";

const HT = "#Exchange.GenericHashTable";

const NO_CHANGE = (id: string) =>
  `The command completed successfully but no settings of '${id}' have been modified.`;

describe("Get-Mailbox", () => {
  const tenant = smallTenant();

  it("returns rows with Exchange's property names and inline annotations", () => {
    const [row] = run(tenant, "get-mailbox", { identity: "alice" }).rows;
    assert.ok(row);
    assert.equal(row["Guid@odata.type"], "#Guid");
    assert.equal(row["Guid@data.type"], "System.Guid");
    assert.equal(row["EmailAddresses@odata.type"], "#Collection(String)");
    assert.equal(row.RecipientType, "UserMailbox");
    assert.equal(row.RecipientTypeDetails, "UserMailbox");
    assert.equal(row.PrimarySmtpAddress, `alice@${ORG}`);
    assert.deepEqual(row.EmailAddresses, [`SMTP:alice@${ORG}`]);
    assert.equal(row.CustomAttribute15, "");
    assert.deepEqual(row.ExtensionCustomAttribute5, []);
    assert.equal(row.LitigationHoldDuration, "Unlimited");
    assert.match(String(row.WhenCreated), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$/);
    assert.match(String(row.WhenChangedUTC), /\.\d{7}Z$/);
    assert.equal(row.Identity, "Alice Smith");
    assert.equal("Department" in row, false, "Get-Mailbox has no Department (that's Get-User/Get-Recipient)");
  });

  it("filters with OPATH and RecipientTypeDetails (scalar or array)", () => {
    const shared = run(tenant, "Get-Mailbox", { RecipientTypeDetails: "SharedMailbox" }).rows;
    assert.deepEqual(
      shared.map((r) => r.Name),
      ["Finance Shared"],
    );
    const both = run(tenant, "Get-Mailbox", { RecipientTypeDetails: ["UserMailbox", "SharedMailbox"] }).rows;
    assert.equal(both.length, 4);
    const dynamic = run(tenant, "Get-Mailbox", {
      Filter: "(CustomAttribute2 -eq 'HelloID Dynamic Shared Mailbox') -and (CustomAttribute1 -eq 'DEP001')",
    }).rows;
    assert.deepEqual(
      dynamic.map((r) => r.Name),
      ["Finance Shared"],
    );
    const obrien = run(tenant, "Get-Mailbox", {
      Filter: "UserPrincipalName -eq 'sean.o''brien@contoso.onmicrosoft.com'",
    });
    assert.deepEqual(
      obrien.rows.map((r) => r.Name),
      ["Sean O'Brien"],
    );
  });

  it("rejects a property that isn't filterable on Get-Mailbox with the parameter-binding text", () => {
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Filter: "Department -eq 'Finance'" }),
      400,
      "ParameterBindingException",
      `Cannot bind parameter 'Filter' to the target. Exception setting "Filter": ""Department" is not a recognized filterable property.`,
    );
    assert.equal(run(tenant, "Get-Recipient", { Filter: "Department -eq 'Finance'" }).rows.length, 1);
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Filter: "Name -eq 'x" }),
      400,
      "ParameterBindingException",
      "position",
    );
  });

  it("rejects Identity together with Filter and a bad RecipientTypeDetails", () => {
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: "alice", Filter: "Name -eq 'x'" }),
      400,
      "AmbiguousParameterSetException",
    );
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { RecipientTypeDetails: "Bogus" }),
      400,
      "ParameterTransformationException",
      "Cannot process argument transformation on parameter 'RecipientTypeDetails'",
    );
  });

  it("caps rows with ResultSize and warns when more were available; 1000 by default", () => {
    const big = smallTenant();
    for (let i = 0; i < 1005; i++) big.addSharedMailbox({ name: `Box ${i}`, alias: `box${i}` });
    const capped = run(big, "Get-Mailbox", { RecipientTypeDetails: "SharedMailbox", ResultSize: 3 });
    assert.equal(capped.rows.length, 3);
    assert.deepEqual(capped.warnings, [MORE_RESULTS]);
    const byDefault = run(big, "Get-Mailbox", {});
    assert.equal(byDefault.rows.length, 1000);
    assert.deepEqual(byDefault.warnings, [MORE_RESULTS]);
    const all = run(big, "Get-Mailbox", { ResultSize: "Unlimited" });
    assert.equal(all.rows.length, 1009);
    assert.deepEqual(all.warnings, []);
    const exact = run(big, "Get-Mailbox", { RecipientTypeDetails: "UserMailbox", ResultSize: "3" });
    assert.deepEqual(exact.warnings, []);
    assert.equal(JSON.parse(JSON.stringify(all.rows.slice(1008)))[0].Name, "Box 1004");
    assertCmdletError(
      () => run(big, "Get-Mailbox", { ResultSize: "lots" }),
      400,
      "ParameterTransformationException",
    );
  });
});

describe("Set-Mailbox", () => {
  it("sets custom attributes and warns when nothing changed", () => {
    const tenant = smallTenant();
    assert.deepEqual(run(tenant, "Set-Mailbox", { Identity: "alice", CustomAttribute3: "x", Office: "HQ" }), {
      rows: [],
      warnings: [],
    });
    const alice = tenant.findRecipient("alice") as MailboxRecord;
    assert.equal(alice.customAttributes[2], "x");
    assert.equal(alice.office, "HQ");
    const again = run(tenant, "Set-Mailbox", { Identity: "alice", CustomAttribute3: "x" });
    assert.deepEqual(again.warnings, [NO_CHANGE("Alice Smith")]);
    run(tenant, "Set-Mailbox", { Identity: "alice", CustomAttribute3: null });
    assert.equal(alice.customAttributes[2], "");
  });

  it("edits ExtensionCustomAttribute with arrays (replace) and GenericHashTables (add/remove)", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", { Identity: "alice", ExtensionCustomAttribute1: ["a", "b"] });
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      ExtensionCustomAttribute1: { "@odata.type": "#Exchange.GenericHashTable", add: ["c"], Remove: "a" },
    });
    assert.deepEqual((tenant.findRecipient("alice") as MailboxRecord).extensionCustomAttributes[0], [
      "b",
      "c",
    ]);
  });

  it("keeps exactly one SMTP: primary in EmailAddresses", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      EmailAddresses: { "@odata.type": "#Exchange.GenericHashTable", Add: ["smtp:a.smith@contoso.com"] },
    });
    assert.deepEqual(tenant.findRecipient("alice")?.emailAddresses, [
      `SMTP:alice@${ORG}`,
      "smtp:a.smith@contoso.com",
    ]);
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      EmailAddresses: { "@odata.type": HT, Add: "SMTP:alice.smith@contoso.com" },
    });
    assert.deepEqual(tenant.findRecipient("alice")?.emailAddresses, [
      "SMTP:alice.smith@contoso.com",
      `smtp:alice@${ORG}`,
      "smtp:a.smith@contoso.com",
    ]);
    assert.equal(
      tenant.findRecipient("a.smith@contoso.com")?.name,
      "Alice Smith",
      "proxy index follows the change",
    );
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      EmailAddresses: ["SMTP:alice@contoso.com", `smtp:alice@${ORG}`],
    });
    assert.equal(tenant.findRecipient("a.smith@contoso.com"), undefined);
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "alice", EmailAddresses: ["smtp:x@contoso.com"] }),
      400,
      "ValidationException",
      "primary SMTP",
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-Mailbox", {
          Identity: "alice",
          EmailAddresses: ["SMTP:x@contoso.com", "SMTP:y@contoso.com"],
        }),
      400,
      "ValidationException",
      "multiple primary SMTP addresses",
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-Mailbox", {
          Identity: "alice",
          EmailAddresses: { "@odata.type": HT, Add: [`smtp:jan.devries@${ORG}`] },
        }),
      400,
      "ProxyAddressExistsException",
      "Jan de Vries",
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-Mailbox", {
          Identity: "alice",
          EmailAddresses: { "@odata.type": HT, Remove: ["smtp:alice@contoso.com"] },
        }),
      400,
      "ValidationException",
    );
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "alice", EmailAddresses: ["SMTP:not an address"] }),
      400,
      "ParameterTransformationException",
    );
    assert.deepEqual(tenant.findRecipient("alice")?.emailAddresses, [
      "SMTP:alice@contoso.com",
      `smtp:alice@${ORG}`,
    ]);
  });

  it("edits GrantSendOnBehalfTo and shows recipient Names on Get-Mailbox", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", {
      Identity: "finance",
      GrantSendOnBehalfTo: { "@odata.type": HT, add: [`alice@${ORG}`, "jan.devries"] },
    });
    assert.deepEqual(tenant.sendOnBehalf("finance"), [`alice@${ORG}`, `jan.devries@${ORG}`]);
    const [row] = run(tenant, "Get-Mailbox", { Identity: "finance" }).rows;
    assert.deepEqual(row?.GrantSendOnBehalfTo, ["Alice Smith", "Jan de Vries"]);
    const repeat = run(tenant, "Set-Mailbox", {
      Identity: "finance",
      GrantSendOnBehalfTo: { "@odata.type": HT, add: "alice" },
    });
    assert.deepEqual(repeat.warnings, [NO_CHANGE("Finance Shared")]);
    run(tenant, "Set-Mailbox", {
      Identity: "finance",
      GrantSendOnBehalfTo: { "@odata.type": HT, remove: "alice" },
    });
    assert.deepEqual(tenant.sendOnBehalf("finance"), [`jan.devries@${ORG}`]);
    run(tenant, "Set-Mailbox", { Identity: "finance", GrantSendOnBehalfTo: [] });
    assert.deepEqual(tenant.sendOnBehalf("finance"), []);
    const error = assertCmdletError(
      () =>
        run(tenant, "Set-Mailbox", {
          Identity: "finance",
          GrantSendOnBehalfTo: { "@odata.type": HT, add: "ghost@contoso.com" },
        }),
      400,
      "ManagementObjectNotFoundException",
      `Couldn't find object "ghost@contoso.com". Please make sure that it was spelled correctly or specify a different object.`,
    );
    assert.equal(error.errorId, "Ex94914C");
  });

  it("places and lifts a litigation hold with duration, owner and comment", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      LitigationHoldEnabled: true,
      LitigationHoldDuration: 365,
      LitigationHoldOwner: "HelloID",
      RetentionComment: "Placed by HelloID",
    });
    let [row] = run(tenant, "Get-Mailbox", { Identity: "alice" }).rows;
    assert.equal(row?.LitigationHoldEnabled, true);
    assert.equal(row?.LitigationHoldDuration, "365.00:00:00");
    assert.equal(row?.LitigationHoldOwner, "HelloID");
    assert.equal(row?.RetentionComment, "Placed by HelloID");
    assert.equal(row?.LitigationHoldDate, "2024-01-01T00:00:00.0000000+00:00");
    assert.equal(run(tenant, "Get-Mailbox", { Filter: "LitigationHoldEnabled -eq 'True'" }).rows.length, 1);
    run(tenant, "Set-Mailbox", {
      Identity: "alice",
      LitigationHoldEnabled: false,
      LitigationHoldDuration: "Unlimited",
    });
    [row] = run(tenant, "Get-Mailbox", { Identity: "alice" }).rows;
    assert.equal(row?.LitigationHoldEnabled, false);
    assert.equal(row?.LitigationHoldDate, null);
    assert.equal(row?.LitigationHoldDuration, "Unlimited");
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "alice", LitigationHoldDuration: "forever" }),
      400,
      "ParameterTransformationException",
    );
  });

  it("converts the mailbox type and rejects unknown parameters and wrong types", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", { Identity: "alice", Type: "shared" });
    assert.equal(tenant.findRecipient("alice")?.recipientTypeDetails, "SharedMailbox");
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "alice", BogusParameter: 1 }),
      400,
      "AmbiguousParameterSetException",
      "Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. BogusParameter",
    );
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "alice", HiddenFromAddressListsEnabled: "yes" }),
      400,
      "ParameterTransformationException",
      "Cannot process argument transformation on parameter 'HiddenFromAddressListsEnabled'",
    );
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Type: "Shared" }),
      400,
      "ParameterBindingException",
      "Identity",
    );
  });

  it("changes HiddenFromAddressListsEnabled and stores plain settings", () => {
    const tenant = smallTenant();
    run(tenant, "Set-Mailbox", {
      Identity: "finance",
      HiddenFromAddressListsEnabled: true,
      MessageCopyForSentAsEnabled: true,
    });
    const [row] = run(tenant, "Get-Mailbox", { Identity: "finance" }).rows;
    assert.equal(row?.HiddenFromAddressListsEnabled, true);
    assert.equal(row?.MessageCopyForSentAsEnabled, true);
  });
});

describe("New-Mailbox", () => {
  it("creates a shared mailbox with a primary address and the onmicrosoft proxy", () => {
    const tenant = smallTenant();
    const [row] = run(tenant, "New-Mailbox", {
      Shared: true,
      Name: "Sales Shared",
      DisplayName: "Sales (shared)",
      Alias: "sales.shared",
      PrimarySmtpAddress: "sales@contoso.com",
    }).rows;
    assert.equal(row?.RecipientTypeDetails, "SharedMailbox");
    assert.equal(row?.DisplayName, "Sales (shared)");
    assert.deepEqual(row?.EmailAddresses, ["SMTP:sales@contoso.com", `smtp:sales.shared@${ORG}`]);
    assert.equal(tenant.findRecipient("sales.shared")?.name, "Sales Shared");
  });

  it("refuses a taken name, alias or address and a call without -Shared", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Shared: true, Name: "Alice Smith", Alias: "other" }),
      400,
      "ADObjectAlreadyExistsException",
    );
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Shared: true, Name: "Other", Alias: "finance" }),
      400,
      "ADObjectAlreadyExistsException",
    );
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Shared: true, Name: "Other", PrimarySmtpAddress: `alice@${ORG}` }),
      400,
      "ProxyAddressExistsException",
    );
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Name: "Other" }),
      400,
      "AmbiguousParameterSetException",
    );
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Shared: true }),
      400,
      "ParameterBindingException",
      "Name",
    );
  });
});
