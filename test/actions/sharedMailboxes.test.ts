import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { audit, type RunResult, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "8b0c7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const alice = tenant.addUserMailbox({ userPrincipalName: "alice@contoso.com", displayName: "Alice" });
const bob = tenant.addUserMailbox({ userPrincipalName: "bob@contoso.com", displayName: "Bob" });
const carol = tenant.addUserMailbox({ userPrincipalName: "carol@contoso.com", displayName: "Carol" });
const sales = tenant.addSharedMailbox({ name: "Sales", primarySmtpAddress: "sales@contoso.com" });
const support = tenant.addSharedMailbox({ name: "Support", primarySmtpAddress: "support@contoso.com" });
const longName = "L".repeat(120);
tenant.addSharedMailbox({ name: "Long", displayName: longName, primarySmtpAddress: "long@contoso.com" });
tenant.addSharedMailbox({ name: "Room", type: "Room" });
tenant.addUserMailbox({ userPrincipalName: "notshared@contoso.com" });

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant, pageCap: 2 });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const fullAccess = (mailbox: string) =>
  tenant
    .mailboxPermissions(mailbox)
    .filter((entry) => !entry.isInherited && entry.trustee)
    .map((entry) => entry.user);
/** The message the CLI logged for unusable input. */
const inputError = (result: RunResult) =>
  JSON.parse(result.stderr.trim().split("\n").at(-1) ?? "{}").message as string;
const exchangeRequests = () =>
  simulator.requestLog.filter((entry) => entry.kind === "invoke" || entry.kind === "batch");

function permission(
  action: string,
  account: string,
  identification: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return run(simulator, action, {
    actionContext: {
      References: { Account: account, Permission: identification },
      PermissionDisplayName: "Shared Mailbox - Sales",
      ...extra,
    },
  });
}

describe("sharedMailboxes/permissions", () => {
  it("lists every shared mailbox across pages, in the Dec 2024 Identification shape, names ≤ 100", async () => {
    const result = await run(simulator, "sharedMailboxes/permissions");
    assert.equal(result.exitCode, 0, result.stderr);
    const permissions = result.output.Permissions as {
      DisplayName: string;
      Identification: Record<string, unknown>;
    }[];
    assert.equal(permissions.length, 3);
    assert.deepEqual(permissions[0], {
      DisplayName: "Shared Mailbox - Sales",
      Identification: {
        Id: sales.guid,
        Name: "Sales",
        Type: "Shared Mailbox",
        AccessRights: ["Full Access", "Send As"],
      },
    });
    assert.ok(permissions.every((p) => p.DisplayName.length <= 100));
    assert.ok(exchangeRequests().length >= 2, "expected paging");
  });

  it("uses the configured prefix and access rights", async () => {
    const result = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      {
        SharedMailboxDisplayNamePrefix: "SMB: ",
        SharedMailboxAccessRights: "FullAccess, Send on Behalf",
      },
    );
    assert.equal(result.output.Permissions[0].DisplayName, "SMB: Sales");
    assert.deepEqual(result.output.Permissions[0].Identification.AccessRights, [
      "Full Access",
      "Send on Behalf",
    ]);
  });

  it("lists the later {Id} shape when configured, so entitlements of PowerShell connector 3.2+ keep matching", async () => {
    const result = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxIdentification: "Id" },
    );
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(result.output.Permissions[0], {
      DisplayName: "Shared Mailbox - Sales",
      Identification: { Id: sales.guid },
    });
    const wrong = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxIdentification: "Name" },
    );
    assert.equal(wrong.exitCode, 2);
    assert.match(inputError(wrong), /Configuration\.SharedMailboxIdentification/);
  });

  it("rejects an unknown access right in the configuration, naming the key", async () => {
    const result = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxAccessRights: "Read" },
    );
    assert.equal(result.exitCode, 2);
    assert.equal(
      inputError(result),
      'actionContext.Configuration.SharedMailboxAccessRights: unknown access right "Read"; use Full Access, Send As or Send on Behalf (or FullAccess, SendAs, SendOnBehalf)',
    );
    assert.equal(simulator.requestLog.length, 0);
  });

  it("names every key at fault at once, takes an empty list as the default, and refuses a key given twice", async () => {
    const twoWrong = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxAccessRights: "Read", SharedMailboxAutoMapping: "maybe" },
    );
    assert.equal(twoWrong.exitCode, 2);
    assert.match(
      inputError(twoWrong),
      /^actionContext\.Configuration\.SharedMailboxAccessRights: unknown access right "Read".*; actionContext\.Configuration\.SharedMailboxAutoMapping: expected true or false/,
    );
    const emptyList = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxAccessRights: [] },
    );
    assert.equal(emptyList.exitCode, 0, inputError(emptyList));
    const twice = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { SharedMailboxAccessRights: "SendAs", sharedmailboxaccessrights: "FullAccess" },
    );
    assert.equal(twice.exitCode, 2);
    assert.match(
      inputError(twice),
      /^actionContext\.Configuration: the property .* is given twice with different letter case/,
    );
  });
});

describe("sharedMailboxes/grantPermission and revokePermission", () => {
  it("grants the rights of a Dec 2024 Identification in one $batch, then skips a second grant", async () => {
    const identification = {
      Id: sales.guid,
      Name: "Sales",
      Type: "Shared Mailbox",
      AccessRights: ["Full Access", "Send As"],
    };
    const first = await permission("sharedMailboxes/grantPermission", alice.guid, identification);
    assert.equal(first.exitCode, 0, audit(first));
    assert.match(
      audit(first),
      /Granted \[FullAccess\] on shared mailbox \[Shared Mailbox - Sales\] to account/,
    );
    assert.match(audit(first), /Granted \[SendAs\]/);
    assert.deepEqual(fullAccess(sales.guid), ["alice@contoso.com"]);
    assert.deepEqual(tenant.sendAsTrustees(sales.guid), ["alice@contoso.com"]);
    assert.equal(writeCount(simulator), 2);
    assert.deepEqual(
      exchangeRequests().map((entry) => entry.kind),
      ["batch"],
    );
    assert.equal(first.output.AuditLogs[0].Action, "GrantPermission");

    simulator.clearLog();
    const second = await permission("sharedMailboxes/grantPermission", alice.guid, identification);
    assert.equal(second.exitCode, 0);
    assert.match(audit(second), /Skipped granting \[FullAccess\].*already granted/);
    assert.match(audit(second), /Skipped granting \[SendAs\].*already granted/);
    assert.deepEqual(fullAccess(sales.guid), ["alice@contoso.com"]);
  });

  it("takes the later {Id} shape with the configured rights, and AutoMapping from the configuration", async () => {
    const result = await run(
      simulator,
      "sharedMailboxes/grantPermission",
      { actionContext: { References: { Account: bob.guid, Permission: { Id: support.guid } } } },
      { SharedMailboxAccessRights: "FullAccess", SharedMailboxAutoMapping: "false" },
    );
    assert.equal(result.exitCode, 0, audit(result));
    // No display name in the input: the audit names the mailbox by its Id.
    assert.match(
      audit(result),
      new RegExp(`Granted \\[FullAccess\\] on shared mailbox \\[${support.guid}\\]`),
    );
    const [write] = simulator.writes();
    assert.equal(write?.cmdlet, "Add-MailboxPermission");
    assert.equal(write?.parameters?.AutoMapping, false);
    assert.equal(write?.parameters?.InheritanceType, "All");
    assert.deepEqual(tenant.sendAsTrustees(support.guid), []);
  });

  it("revokes, then skips a second revoke; accepts both spellings of the rights", async () => {
    const identification = { Id: sales.guid, AccessRights: ["FullAccess", "Send As"] };
    const first = await permission("sharedMailboxes/revokePermission", alice.guid, identification);
    assert.equal(first.exitCode, 0, audit(first));
    assert.match(
      audit(first),
      /Revoked \[FullAccess\] on shared mailbox \[Shared Mailbox - Sales\] from account/,
    );
    assert.deepEqual(fullAccess(sales.guid), []);
    assert.deepEqual(tenant.sendAsTrustees(sales.guid), []);
    assert.equal(first.output.AuditLogs[0].Action, "RevokePermission");
    const second = await permission("sharedMailboxes/revokePermission", alice.guid, identification);
    assert.equal(second.exitCode, 0);
    assert.match(audit(second), /Skipped revoking \[FullAccess\].*not granted/);
    assert.match(audit(second), /Skipped revoking \[SendAs\].*not granted/);
  });

  it("SendOnBehalf add/remove keeps the other delegates", async () => {
    tenant.addSendOnBehalf(support, carol);
    const identification = { Id: support.guid, AccessRights: ["Send on Behalf"] };
    const granted = await permission("sharedMailboxes/grantPermission", bob.guid, identification);
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(tenant.sendOnBehalf(support).sort(), ["bob@contoso.com", "carol@contoso.com"]);
    const again = await permission("sharedMailboxes/grantPermission", bob.guid, identification);
    assert.match(audit(again), /Skipped granting \[SendOnBehalf\].*already granted/);
    const revoked = await permission("sharedMailboxes/revokePermission", bob.guid, identification);
    assert.match(audit(revoked), /Revoked \[SendOnBehalf\]/);
    assert.deepEqual(tenant.sendOnBehalf(support), ["carol@contoso.com"]);
    const twice = await permission("sharedMailboxes/revokePermission", bob.guid, identification);
    assert.match(audit(twice), /Skipped revoking \[SendOnBehalf\].*not granted/);
    assert.deepEqual(tenant.sendOnBehalf(support), ["carol@contoso.com"]);
  });

  it("revoke skips a deleted user and a deleted mailbox; grant fails for them", async () => {
    const gone = tenant.addUserMailbox({ userPrincipalName: "gone@contoso.com" });
    const closed = tenant.addSharedMailbox({ name: "Closed", primarySmtpAddress: "closed@contoso.com" });
    tenant.addMailboxPermission(closed, gone);
    tenant.removeRecipient(gone.guid);
    const identification = { Id: sales.guid, AccessRights: ["FullAccess", "SendAs", "SendOnBehalf"] };
    const userGone = await permission("sharedMailboxes/revokePermission", gone.guid, identification);
    assert.equal(userGone.exitCode, 0, audit(userGone));
    assert.equal(userGone.output.AuditLogs.length, 3);
    assert.ok(
      userGone.output.AuditLogs.every((log: { Message: string }) =>
        /Skipped revoking .*: the account no longer exists\./.test(log.Message),
      ),
    );

    tenant.removeRecipient(closed.guid);
    const mailboxGone = await permission("sharedMailboxes/revokePermission", alice.guid, { Id: closed.guid });
    assert.equal(mailboxGone.exitCode, 0, audit(mailboxGone));
    assert.match(
      audit(mailboxGone),
      /Skipped revoking \[FullAccess\].*: the shared mailbox no longer exists\./,
    );

    const grantGone = await permission("sharedMailboxes/grantPermission", alice.guid, { Id: closed.guid });
    assert.equal(grantGone.exitCode, 1);
    assert.match(audit(grantGone), /Could not grant \[FullAccess\].*: the shared mailbox no longer exists\./);
    const grantUserGone = await permission("sharedMailboxes/grantPermission", gone.guid, { Id: sales.guid });
    assert.equal(grantUserGone.exitCode, 1);
    assert.match(audit(grantUserGone), /Could not grant \[FullAccess\].*: the account no longer exists\./);
  });

  it("reports any other failure as a clear error, the other right still done", async () => {
    simulator.faults.add({
      match: { cmdlet: "Add-RecipientPermission" },
      times: 1,
      fault: { type: "forbidden" },
    });
    const result = await permission("sharedMailboxes/grantPermission", carol.guid, { Id: sales.guid });
    assert.equal(result.exitCode, 1);
    assert.match(audit(result), /Granted \[FullAccess\]/);
    assert.match(
      audit(result),
      /Could not grant \[SendAs\] on shared mailbox \[Shared Mailbox - Sales\] to account .*: Exchange Online refused Add-RecipientPermission \(403\)/,
    );
    assert.ok(fullAccess(sales.guid).includes("carol@contoso.com"));
  });

  it("DryRun writes nothing and says what it would do; bad input sends nothing", async () => {
    const dry = await permission(
      "sharedMailboxes/grantPermission",
      bob.guid,
      { Id: sales.guid },
      { DryRun: true },
    );
    assert.equal(dry.exitCode, 0);
    assert.match(audit(dry), /DryRun: would grant \[FullAccess\] on shared mailbox/);
    assert.equal(writeCount(simulator), 0);
    const noId = await permission("sharedMailboxes/grantPermission", bob.guid, { Name: "Sales" });
    assert.equal(noId.exitCode, 2);
    assert.match(noId.stderr, /References\.Permission\.Id: required/);
    const badRight = await permission("sharedMailboxes/grantPermission", bob.guid, {
      Id: sales.guid,
      AccessRights: ["Owner"],
    });
    assert.equal(badRight.exitCode, 2);
    assert.match(inputError(badRight), /References\.Permission\.AccessRights: unknown access right "Owner"/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("sharedMailboxesSeparate", () => {
  it("lists one permission per right with {Id, Permission}; the name part cut to 83", async () => {
    const result = await run(simulator, "sharedMailboxesSeparate/permissions");
    assert.equal(result.exitCode, 0, result.stderr);
    const permissions = result.output.Permissions as {
      DisplayName: string;
      Identification: Record<string, unknown>;
    }[];
    assert.equal(permissions.length, 9);
    assert.deepEqual(
      permissions.slice(0, 3).map((p) => [p.DisplayName, p.Identification]),
      [
        ["Shared Mailbox - Sales - Full Access", { Id: sales.guid, Permission: "FullAccess" }],
        ["Shared Mailbox - Sales - Send As", { Id: sales.guid, Permission: "SendAs" }],
        ["Shared Mailbox - Sales - Send on Behalf", { Id: sales.guid, Permission: "SendOnBehalf" }],
      ],
    );
    const long = permissions.find(
      (p) => p.DisplayName.endsWith("Send on Behalf") && p.DisplayName.includes("LLL"),
    );
    assert.equal(long?.DisplayName.length, 100);
  });

  it("grants and revokes the one right of the Identification, in either spelling", async () => {
    const granted = await permission("sharedMailboxesSeparate/grantPermission", carol.guid, {
      Id: support.guid,
      Permission: "Send As",
    });
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(tenant.sendAsTrustees(support.guid), ["carol@contoso.com"]);
    assert.equal(writeCount(simulator), 1);
    assert.equal(exchangeRequests()[0]?.kind, "invoke");
    const revoked = await permission("sharedMailboxesSeparate/revokePermission", carol.guid, {
      Id: support.guid,
      Permission: "SendAs",
    });
    assert.equal(revoked.exitCode, 0, audit(revoked));
    assert.deepEqual(tenant.sendAsTrustees(support.guid), []);
    const missing = await permission("sharedMailboxesSeparate/grantPermission", carol.guid, {
      Id: support.guid,
    });
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /References\.Permission\.Permission: expected Full Access/);
  });
});
