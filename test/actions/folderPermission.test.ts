import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { audit, logged, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "7a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const dutch = tenant.addUserMailbox({
  userPrincipalName: "janine@contoso.com",
  displayName: "Janine",
  language: "nl-NL",
});
const english = tenant.addUserMailbox({
  userPrincipalName: "sam@contoso.com",
  displayName: "Sam",
  language: "en-US",
});
tenant.addUserMailbox({ userPrincipalName: "carl@contoso.com", displayName: "Carl Dijk" });
const GONE = "0e0e0e0e-0000-4000-8000-000000000000";

/** The default options plus one for a named user, as an implementer would configure it. */
const OPTIONS = JSON.stringify([
  { Id: "3", mailboxFolderUser: "Default", mailboxFolderAccessRight: "Reviewer" },
  { Id: "5", mailboxFolderUser: "carl@contoso.com", mailboxFolderAccessRight: "LimitedDetails" },
  { Id: "6", mailboxFolderUser: "carl@contoso.com", mailboxFolderAccessRight: "Editor" },
]);

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const cmdlets = () =>
  simulator.requestLog.filter((e) => e.kind === "invoke" || e.kind === "batch-item").map((e) => e.cmdlet);
const calendar = (mailbox: string) =>
  Object.fromEntries(
    tenant.folderPermissions(mailbox).map((entry) => [entry.user, entry.accessRights.join(",")]),
  );

function folder(
  action: string,
  mailbox: string,
  permission: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return run(
    simulator,
    `folderPermission/${action}`,
    { actionContext: { References: { Account: mailbox, Permission: permission }, ...extra } },
    { FolderPermissionOptions: OPTIONS },
  );
}
const reviewerForDefault = { Id: "3", mailboxFolderUser: "Default", mailboxFolderAccessRight: "Reviewer" };

describe("folderPermission/permissions", () => {
  it("lists the PowerShell connector's four Default options with its Identification shape, without calling Exchange", async () => {
    const result = await run(simulator, "folderPermission/permissions");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
      result.output.Permissions,
      [
        ["1", "AvailabilityOnly", "Availability only"],
        ["2", "LimitedDetails", "Limited details"],
        ["3", "Reviewer", "Reviewer"],
        ["4", "Editor", "Editor"],
      ].map(([Id, right, words]) => ({
        DisplayName: `Mailbox folder permissions - ${words}`,
        Identification: { Id, mailboxFolderUser: "Default", mailboxFolderAccessRight: right },
      })),
    );
    assert.equal(simulator.requestLog.length, 0);
  });

  it("rejects a bad option list naming the item and field, before any request", async () => {
    const badRight = await run(
      simulator,
      "folderPermission/permissions",
      {},
      {
        FolderPermissionOptions:
          '[{"Id":"1","mailboxFolderAccessRight":"Reviewer"},{"Id":"2","mailboxFolderAccessRight":"Read"}]',
      },
    );
    assert.equal(badRight.exitCode, 2);
    assert.match(
      logged(badRight),
      /actionContext\.Configuration\.FolderPermissionOptions\[1\]\.mailboxFolderAccessRight: expected one of/,
    );
    const duplicate = await run(
      simulator,
      "folderPermission/permissions",
      {},
      {
        FolderPermissionOptions:
          '[{"Id":"1","mailboxFolderAccessRight":"Reviewer"},{"id":"1","mailboxFolderAccessRight":"Editor"}]',
      },
    );
    assert.match(logged(duplicate), /FolderPermissionOptions\[1\]\.Id: duplicate Id "1"/);
    const typo = await run(
      simulator,
      "folderPermission/permissions",
      {},
      {
        FolderPermissionOptions: '[{"Id":"1","mailboxFolderAccessRight":"Reviewer","DisplayNaam":"x"}]',
      },
    );
    assert.match(logged(typo), /FolderPermissionOptions\[0\]\.DisplayNaam: unknown field/);
    const notJson = await run(
      simulator,
      "folderPermission/permissions",
      {},
      { FolderPermissionOptions: "[{Id: 1}]" },
    );
    assert.match(logged(notJson), /FolderPermissionOptions: not valid JSON/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("folderPermission/grantPermission", () => {
  it("finds the localized calendar and Sets the Default entry: two reads, one write; a repeat writes nothing", async () => {
    const first = await folder("grantPermission", dutch.guid, reviewerForDefault);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(
      audit(first),
      /Granted \[Reviewer\] to \[Default\] on the calendar \[Agenda\] of mailbox \[.*\] \(before: \[AvailabilityOnly\]\)/,
    );
    assert.equal(first.output.AuditLogs[0].Action, "GrantPermission");
    assert.deepEqual(cmdlets().slice(-3), [
      "Get-MailboxFolderStatistics",
      "Get-MailboxFolderPermission",
      "Set-MailboxFolderPermission",
    ]);
    assert.equal(calendar(dutch.guid).Default, "Reviewer");

    simulator.clearLog();
    const again = await folder("grantPermission", dutch.guid, reviewerForDefault);
    assert.match(audit(again), /No change: \[Default\] already has \[Reviewer\]/);
    assert.equal(writeCount(simulator), 0);
  });

  it("Adds an entry for a user who has none (option found by Id alone), then Sets it", async () => {
    const added = await folder("grantPermission", english.guid, { Id: "5" });
    assert.equal(added.exitCode, 0, added.stderr);
    assert.match(
      audit(added),
      /\[LimitedDetails\] to \[carl@contoso.com\] on the calendar \[Calendar\].*\(before: no entry\)/,
    );
    assert.deepEqual(
      simulator.writes().map((w) => w.cmdlet),
      ["Add-MailboxFolderPermission"],
    );
    assert.equal(calendar(english.guid)["carl@contoso.com"], "LimitedDetails");

    simulator.clearLog();
    await folder("grantPermission", english.guid, { Id: "6" });
    assert.deepEqual(
      simulator.writes().map((w) => w.cmdlet),
      ["Set-MailboxFolderPermission"],
    );
    assert.equal(calendar(english.guid)["carl@contoso.com"], "Editor");
  });

  it("fails for a vanished mailbox or user, refuses an unknown Id, and writes nothing in DryRun", async () => {
    const gone = await folder("grantPermission", GONE, reviewerForDefault);
    assert.equal(gone.exitCode, 1);
    assert.match(audit(gone), /Cannot grant \[Reviewer\] to \[Default\].*the mailbox no longer exists/);
    const noUser = await folder("grantPermission", english.guid, {
      Id: "9",
      mailboxFolderUser: "nobody@contoso.com",
      mailboxFolderAccessRight: "Reviewer",
    });
    assert.equal(noUser.exitCode, 1);
    assert.match(audit(noUser), /Exchange has no user \[nobody@contoso.com\]/);
    const unknown = await folder("grantPermission", english.guid, { Id: "42" });
    assert.equal(unknown.exitCode, 2);
    assert.match(
      logged(unknown),
      /References\.Permission\.Id: no option with Id "42".*configured Ids: 3, 5, 6/,
    );

    const dry = await folder("grantPermission", english.guid, reviewerForDefault, { DryRun: true });
    assert.match(audit(dry), /DryRun: would grant \[Reviewer\] to \[Default\] on the calendar \[Calendar\]/);
    assert.equal(writeCount(simulator), 0);
    assert.equal(calendar(english.guid).Default, "AvailabilityOnly");
  });
});

describe("folderPermission/revokePermission", () => {
  it("restores Default's baseline, removes another user's entry, and leaves a right another grant set", async () => {
    await folder("grantPermission", english.guid, {
      Id: "4",
      mailboxFolderUser: "Default",
      mailboxFolderAccessRight: "Editor",
    });
    simulator.clearLog();
    const swapped = await folder("revokePermission", english.guid, reviewerForDefault);
    assert.equal(swapped.exitCode, 0, swapped.stderr);
    assert.match(audit(swapped), /Skipped revoking \[Reviewer\].*the entry is now \[Editor\]/);
    assert.equal(writeCount(simulator), 0);

    const revoked = await folder("revokePermission", english.guid, {
      Id: "4",
      mailboxFolderUser: "Default",
      mailboxFolderAccessRight: "Editor",
    });
    assert.match(
      audit(revoked),
      /Revoked \[Editor\] from \[Default\] on the calendar \[Calendar\].*restored the baseline \[AvailabilityOnly\]/,
    );
    assert.equal(revoked.output.AuditLogs[0].Action, "RevokePermission");
    assert.equal(calendar(english.guid).Default, "AvailabilityOnly");

    const removed = await folder("revokePermission", english.guid, { Id: "6" });
    assert.match(audit(removed), /Revoked \[Editor\] from \[carl@contoso.com\].*removed the entry/);
    assert.equal(calendar(english.guid)["carl@contoso.com"], undefined);

    simulator.clearLog();
    const again = await folder("revokePermission", english.guid, { Id: "6" });
    assert.match(audit(again), /Skipped revoking.*has no entry/);
    assert.equal(writeCount(simulator), 0);
  });

  it("follows a configured baseline, skips a vanished mailbox, and writes nothing in DryRun", async () => {
    await folder("grantPermission", dutch.guid, reviewerForDefault);
    const dry = await folder("revokePermission", dutch.guid, reviewerForDefault, { DryRun: true });
    assert.match(audit(dry), /DryRun: would revoke \[Reviewer\] from \[Default\] on the calendar \[Agenda\]/);
    assert.equal(calendar(dutch.guid).Default, "Reviewer");

    const limited = await run(
      simulator,
      "folderPermission/revokePermission",
      { actionContext: { References: { Account: dutch.guid, Permission: reviewerForDefault } } },
      { FolderPermissionBaseline: '{"default":"LimitedDetails"}' },
    );
    assert.match(audit(limited), /restored the baseline \[LimitedDetails\]/);
    assert.equal(calendar(dutch.guid).Default, "LimitedDetails");

    simulator.clearLog();
    const gone = await folder("revokePermission", GONE, reviewerForDefault);
    assert.equal(gone.exitCode, 0);
    assert.match(audit(gone), /Skipped revoking \[Reviewer\] from \[Default\].*the mailbox no longer exists/);
    assert.equal(writeCount(simulator), 0);
  });
});
