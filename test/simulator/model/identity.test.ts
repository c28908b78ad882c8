import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertCmdletError, fixClock, ORG, run, smallTenant } from "./helpers.js";

const name = (rows: Record<string, unknown>[]) => rows.map((r) => r.Name);

describe("identity resolution", () => {
  const tenant = smallTenant();
  const alice = tenant.findRecipient(`alice@${ORG}`);
  assert.ok(alice && alice.kind === "mailbox");

  it("accepts Guid, ExchangeGuid, ExternalDirectoryObjectId, UPN, any proxy (with or without smtp:), alias, name, display name, DN", () => {
    const identities = [
      alice.guid.toUpperCase(),
      alice.exchangeGuid,
      alice.externalDirectoryObjectId,
      `ALICE@${ORG}`,
      `smtp:alice@${ORG}`,
      `SMTP:Alice@${ORG}`,
      "alice",
      "Alice Smith",
      tenant.distinguishedName(alice).toLowerCase(),
    ];
    for (const identity of identities) {
      assert.deepEqual(
        name(run(tenant, "Get-Mailbox", { Identity: identity }).rows),
        ["Alice Smith"],
        identity,
      );
    }
  });

  it("resolves an O'Brien UPN and alias", () => {
    assert.deepEqual(name(run(tenant, "Get-Recipient", { Identity: `sean.o'brien@${ORG}` }).rows), [
      "Sean O'Brien",
    ]);
    assert.deepEqual(name(run(tenant, "Get-Recipient", { Identity: "sean.o'brien" }).rows), ["Sean O'Brien"]);
  });

  it("answers 404 ManagementObjectNotFoundException with errorId Ex6F9304 for an unknown identity", () => {
    const error = assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: "nobody@contoso.com" }),
      404,
      "ManagementObjectNotFoundException",
      `The operation couldn't be performed because object 'nobody@contoso.com' couldn't be found on '${tenant.domainController}'.`,
    );
    assert.equal(error.errorId, "Ex6F9304");
  });

  it("scopes lookups: Get-Mailbox doesn't see groups, Get-DistributionGroup doesn't see mailboxes", () => {
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: "allstaff" }),
      404,
      "ManagementObjectNotFoundException",
    );
    assertCmdletError(
      () => run(tenant, "Get-DistributionGroup", { Identity: "alice" }),
      404,
      "NotFoundException",
    );
    assert.deepEqual(name(run(tenant, "Get-Recipient", { Identity: "allstaff" }).rows), ["All Staff"]);
  });

  it("reports an ambiguous display name as 400 ManagementObjectAmbiguousException", () => {
    const local = smallTenant();
    local.addUserMailbox({ name: "John Doe 1", displayName: "John Doe", userPrincipalName: `john1@${ORG}` });
    local.addUserMailbox({ name: "John Doe 2", displayName: "John Doe", userPrincipalName: `john2@${ORG}` });
    assertCmdletError(
      () => run(local, "Get-Mailbox", { Identity: "John Doe" }),
      400,
      "ManagementObjectAmbiguousException",
      "The operation couldn't be performed because 'John Doe' matches multiple entries.",
    );
    assert.deepEqual(name(run(local, "Get-Mailbox", { Identity: `john2@${ORG}` }).rows), ["John Doe 2"]);
  });

  it("prefers an address match over a display-name match (tiers)", () => {
    const local = smallTenant();
    local.addUserMailbox({ name: "Tricky", displayName: `alice@${ORG}`, userPrincipalName: `tricky@${ORG}` });
    assert.deepEqual(name(run(local, "Get-Mailbox", { Identity: `alice@${ORG}` }).rows), ["Alice Smith"]);
  });
});

describe("replication delay", () => {
  it("hides New-* objects from every cmdlet until the delay has passed", () => {
    const tenant = smallTenant();
    const advance = fixClock(tenant);
    tenant.replicationDelayMs = 10_000;
    const created = run(tenant, "New-Mailbox", {
      Shared: true,
      Name: "Fresh",
      PrimarySmtpAddress: "fresh@contoso.com",
    });
    assert.equal(created.rows[0]?.Name, "Fresh", "New-Mailbox still returns the new object");
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: "fresh@contoso.com" }),
      404,
      "NotFoundException",
    );
    assertCmdletError(
      () => run(tenant, "Set-Mailbox", { Identity: "Fresh", CustomAttribute1: "x" }),
      404,
      "NotFoundException",
    );
    const listed = run(tenant, "Get-Mailbox", { RecipientTypeDetails: "SharedMailbox" }).rows;
    assert.ok(!name(listed).includes("Fresh"));
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxPermission", {
          Identity: "finance",
          User: "Fresh",
          AccessRights: ["FullAccess"],
        }),
      400,
      "ManagementObjectNotFoundException",
    );
    assertCmdletError(
      () => run(tenant, "New-Mailbox", { Shared: true, Name: "Fresh" }),
      400,
      "ADObjectAlreadyExistsException",
      "already exists",
    );
    advance(10_000);
    assert.deepEqual(name(run(tenant, "Get-Mailbox", { Identity: "fresh@contoso.com" }).rows), ["Fresh"]);
    assert.equal(tenant.findRecipient("Fresh")?.name, "Fresh");
  });
});

describe("removeRecipient", () => {
  it("drops memberships and send-on-behalf links and leaves ACEs as orphaned SIDs", () => {
    const tenant = smallTenant();
    tenant.addMailboxPermission("finance", "alice");
    tenant.addSendOnBehalf("finance", "alice");
    tenant.removeRecipient("alice");
    assert.equal(tenant.findRecipient("alice"), undefined);
    assert.deepEqual(tenant.groupMembers("allstaff"), [`jan.devries@${ORG}`]);
    assert.deepEqual(tenant.sendOnBehalf("finance"), []);
    const explicit = tenant
      .mailboxPermissions("finance")
      .filter((p) => !p.isInherited && p.user !== "NT AUTHORITY\\SELF");
    assert.equal(explicit.length, 1);
    assert.match(explicit[0]?.user ?? "", /^S-1-5-21-/);
    assertCmdletError(() => run(tenant, "Get-Mailbox", { Identity: "alice" }), 404, "NotFoundException");
  });
});
