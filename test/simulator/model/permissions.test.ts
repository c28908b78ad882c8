import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertCmdletError, ORG, run, smallTenant } from "./helpers.js";

const ALICE = `alice@${ORG}`;

describe("mailbox permissions", () => {
  it("lists NT AUTHORITY\\SELF and inherited system entries (some Deny) as Exchange does", () => {
    const rows = run(smallTenant(), "Get-MailboxPermission", { Identity: "finance" }).rows;
    assert.deepEqual(rows[0], {
      Identity: "Finance Shared",
      User: "NT AUTHORITY\\SELF",
      "AccessRights@odata.type": "#Collection(String)",
      AccessRights: ["FullAccess", "ReadPermission"],
      IsInherited: false,
      Deny: false,
      InheritanceType: "All",
      IsValid: true,
      ObjectState: "Unchanged",
    });
    assert.ok(rows.some((r) => r.IsInherited === true && r.Deny === true));
    assert.ok(rows.every((r) => r.User !== ALICE));
  });

  it("grants FullAccess once, warns when already present, and filters by -User", () => {
    const tenant = smallTenant();
    const added = run(tenant, "Add-MailboxPermission", {
      Identity: "finance",
      User: ALICE,
      AccessRights: ["FullAccess"],
      InheritanceType: "All",
      AutoMapping: false,
    });
    assert.equal(added.rows[0]?.User, ALICE);
    assert.deepEqual(added.rows[0]?.AccessRights, ["FullAccess"]);
    const again = run(tenant, "Add-MailboxPermission", {
      Identity: "finance",
      User: "alice",
      AccessRights: "FullAccess",
    });
    assert.deepEqual(again.rows, []);
    assert.deepEqual(again.warnings, [
      `The appropriate access control entry is already present on the object "Finance Shared" for account "${ALICE}".`,
    ]);
    const filtered = run(tenant, "Get-MailboxPermission", { Identity: "finance", User: "Alice Smith" }).rows;
    assert.deepEqual(
      filtered.map((r) => [r.User, r.AccessRights]),
      [[ALICE, ["FullAccess"]]],
    );
    const mailbox = tenant.findRecipient("finance");
    assert.ok(mailbox?.kind === "mailbox");
    assert.equal(mailbox.fullAccess[0]?.autoMapping, false);
  });

  it("removes FullAccess and warns when the ACE doesn't exist", () => {
    const tenant = smallTenant();
    tenant.addMailboxPermission("finance", "alice");
    assert.deepEqual(
      run(tenant, "Remove-MailboxPermission", {
        Identity: "finance",
        User: ALICE,
        AccessRights: ["FullAccess"],
        InheritanceType: "All",
        Confirm: false,
      }),
      { rows: [], warnings: [] },
    );
    assert.ok(tenant.mailboxPermissions("finance").every((p) => p.user !== ALICE));
    const again = run(tenant, "Remove-MailboxPermission", {
      Identity: "finance",
      User: ALICE,
      AccessRights: ["FullAccess"],
    });
    assert.deepEqual(again.warnings, [
      `Can't remove the access control entry on the object "Finance Shared" for account "${ALICE}" because the ACE doesn't exist on the object.`,
    ]);
  });

  it("rejects unknown users (400 Ex94914C), unknown mailboxes (404) and bad rights", () => {
    const tenant = smallTenant();
    const error = assertCmdletError(
      () =>
        run(tenant, "Add-MailboxPermission", {
          Identity: "finance",
          User: "ghost",
          AccessRights: ["FullAccess"],
        }),
      400,
      "ManagementObjectNotFoundException",
      'Couldn\'t find object "ghost".',
    );
    assert.equal(error.errorId, "Ex94914C");
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxPermission", {
          Identity: "ghost",
          User: "alice",
          AccessRights: ["FullAccess"],
        }),
      404,
      "ManagementObjectNotFoundException",
    );
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxPermission", {
          Identity: "finance",
          User: "alice",
          AccessRights: ["AllTheThings"],
        }),
      400,
      "ParameterTransformationException",
      "Unable to match the identifier name AllTheThings",
    );
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxPermission", {
          Identity: "finance",
          User: "allstaff",
          AccessRights: ["FullAccess"],
        }),
      400,
      "ManagementObjectNotFoundException",
      "allstaff",
    );
  });
});

describe("recipient permissions (SendAs)", () => {
  it("adds, lists, warns on duplicates and removes SendAs", () => {
    const tenant = smallTenant();
    const added = run(tenant, "Add-RecipientPermission", {
      Identity: "finance",
      Trustee: ALICE,
      AccessRights: ["SendAs"],
      Confirm: false,
    });
    assert.deepEqual(added.rows, [
      {
        Identity: "Finance Shared",
        Trustee: ALICE,
        AccessControlType: "Allow",
        "AccessRights@odata.type": "#Collection(String)",
        AccessRights: ["SendAs"],
        IsInherited: false,
        InheritanceType: "None",
        IsValid: true,
        ObjectState: "Unchanged",
      },
    ]);
    assert.deepEqual(tenant.sendAsTrustees("finance"), [ALICE]);
    const again = run(tenant, "Add-RecipientPermission", {
      Identity: "finance",
      Trustee: "alice",
      AccessRights: "SendAs",
    });
    assert.match(again.warnings[0] ?? "", /already present on the object "Finance Shared"/);

    const listed = run(tenant, "Get-RecipientPermission", { Identity: "finance" }).rows;
    assert.deepEqual(
      listed.map((r) => r.Trustee),
      ["NT AUTHORITY\\SELF", ALICE],
    );
    const byTrustee = run(tenant, "Get-RecipientPermission", {
      Trustee: ALICE,
      ResultSize: "Unlimited",
    }).rows;
    assert.deepEqual(
      byTrustee.map((r) => r.Identity),
      ["Finance Shared"],
    );

    run(tenant, "Remove-RecipientPermission", {
      Identity: "finance",
      Trustee: ALICE,
      AccessRights: ["SendAs"],
      Confirm: false,
    });
    assert.deepEqual(tenant.sendAsTrustees("finance"), []);
    const missing = run(tenant, "Remove-RecipientPermission", {
      Identity: "finance",
      Trustee: ALICE,
      AccessRights: ["SendAs"],
    });
    assert.match(missing.warnings[0] ?? "", /because the ACE isn't present\./);
  });

  it("accepts only SendAs and known trustees", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () =>
        run(tenant, "Add-RecipientPermission", {
          Identity: "finance",
          Trustee: "alice",
          AccessRights: ["FullAccess"],
        }),
      400,
      "ParameterTransformationException",
    );
    assertCmdletError(
      () =>
        run(tenant, "Add-RecipientPermission", {
          Identity: "finance",
          Trustee: "ghost",
          AccessRights: ["SendAs"],
        }),
      400,
      "ManagementObjectNotFoundException",
    );
  });
});
