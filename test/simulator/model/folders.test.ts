import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertCmdletError, ORG, run, smallTenant } from "./helpers.js";

const JAN = `jan.devries@${ORG}`;

describe("Get-MailboxFolderStatistics", () => {
  it("names the calendar in the mailbox's language", () => {
    const tenant = smallTenant();
    const [jan] = run(tenant, "Get-MailboxFolderStatistics", { Identity: JAN, FolderScope: "Calendar" }).rows;
    assert.equal(jan?.Name, "Agenda");
    assert.equal(jan?.FolderPath, "/Agenda");
    assert.equal(jan?.FolderType, "Calendar");
    assert.equal(jan?.Identity, "Jan de Vries\\Agenda");
    assert.equal(typeof jan?.FolderId, "string");
    const [alice] = run(tenant, "Get-MailboxFolderStatistics", {
      Identity: "alice",
      FolderScope: "calendar",
    }).rows;
    assert.equal(alice?.Name, "Calendar");
    assert.ok(run(tenant, "Get-MailboxFolderStatistics", { Identity: "alice" }).rows.length > 1);
    assertCmdletError(
      () => run(tenant, "Get-MailboxFolderStatistics", { Identity: "alice", FolderScope: "Nope" }),
      400,
      "ParameterTransformationException",
    );
  });
});

describe("mailbox folder permissions", () => {
  it("has Default AvailabilityOnly and Anonymous None on a calendar by default", () => {
    const rows = run(smallTenant(), "Get-MailboxFolderPermission", { Identity: `${JAN}:\\Agenda` }).rows;
    assert.deepEqual(
      rows.map((r) => [r.FolderName, r.User, r.AccessRights]),
      [
        ["Agenda", "Default", ["AvailabilityOnly"]],
        ["Agenda", "Anonymous", ["None"]],
      ],
    );
    assert.equal(rows[0]?.Identity, "Jan de Vries:\\Agenda");
  });

  it("resolves folders strictly by their localized name", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "Get-MailboxFolderPermission", { Identity: `${JAN}:\\Calendar` }),
      404,
      "ManagementObjectNotFoundException",
      `'${JAN}:\\Calendar' couldn't be found`,
    );
    assert.equal(run(tenant, "Get-MailboxFolderPermission", { Identity: "alice:\\calendar" }).rows.length, 2);
    assertCmdletError(
      () => run(tenant, "Get-MailboxFolderPermission", { Identity: "ghost:\\Calendar" }),
      404,
      "ManagementObjectNotFoundException",
    );
  });

  it("adds, sets and removes a user's entry with Exchange's errors and warnings", () => {
    const tenant = smallTenant();
    const id = `${JAN}:\\Agenda`;
    const [added] = run(tenant, "Add-MailboxFolderPermission", {
      Identity: id,
      User: "alice",
      AccessRights: ["Reviewer"],
    }).rows;
    assert.deepEqual([added?.User, added?.AccessRights], ["Alice Smith", ["Reviewer"]]);
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxFolderPermission", { Identity: id, User: "alice", AccessRights: ["Editor"] }),
      400,
      "Microsoft.Exchange.Management.StoreTasks.UserAlreadyExistsInPermissionEntryException",
      "An existing permission entry was found for user: Alice Smith.",
    );
    run(tenant, "Set-MailboxFolderPermission", { Identity: id, User: "alice", AccessRights: "Editor" });
    assert.deepEqual(tenant.folderPermissions(JAN).find((e) => e.user === `alice@${ORG}`)?.accessRights, [
      "Editor",
    ]);
    const same = run(tenant, "Set-MailboxFolderPermission", {
      Identity: id,
      User: "alice",
      AccessRights: ["editor"],
    });
    assert.deepEqual(same.warnings, [
      `The command completed successfully but no settings of '${id}' have been modified.`,
    ]);
    const [one] = run(tenant, "Get-MailboxFolderPermission", { Identity: id, User: "alice" }).rows;
    assert.deepEqual(one?.AccessRights, ["Editor"]);
    run(tenant, "Remove-MailboxFolderPermission", { Identity: id, User: "alice", Confirm: false });
    assert.equal(tenant.folderPermissions(JAN).length, 2);
    for (const cmdlet of ["Remove-MailboxFolderPermission", "Get-MailboxFolderPermission"]) {
      assertCmdletError(
        () => run(tenant, cmdlet, { Identity: id, User: "alice" }),
        400,
        "Microsoft.Exchange.Management.StoreTasks.UserNotFoundInPermissionEntryException",
        "There is no existing permission entry found for user: Alice Smith.",
      );
    }
    assertCmdletError(
      () =>
        run(tenant, "Set-MailboxFolderPermission", { Identity: id, User: "alice", AccessRights: ["Editor"] }),
      400,
      "UserNotFoundInPermissionEntryException",
    );
  });

  it("changes the Default entry with Set (Add fails) and rejects unknown rights", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () =>
        run(tenant, "Add-MailboxFolderPermission", {
          Identity: "alice:\\Calendar",
          User: "Default",
          AccessRights: ["Reviewer"],
        }),
      400,
      "UserAlreadyExistsInPermissionEntryException",
      "user: Default.",
    );
    run(tenant, "Set-MailboxFolderPermission", {
      Identity: "alice:\\Calendar",
      User: "default",
      AccessRights: ["LimitedDetails"],
    });
    assert.deepEqual(tenant.folderPermissions("alice")[0], {
      user: "Default",
      accessRights: ["LimitedDetails"],
    });
    assertCmdletError(
      () =>
        run(tenant, "Set-MailboxFolderPermission", {
          Identity: "alice:\\Calendar",
          User: "Default",
          AccessRights: ["Boss"],
        }),
      400,
      "ParameterTransformationException",
    );
  });
});
