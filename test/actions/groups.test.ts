import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { generateTenant } from "../../src/simulator/index.js";
import { audit, run, startSimulator, writeCount } from "../support/connector.js";

// More than 1,000 groups of each listed type: the PowerShell connector's unpaged listing stopped at 1,000.
const tenant = generateTenant({
  seed: 5,
  users: 3,
  distributionGroups: 1_003,
  securityGroups: 1_002,
  dirSyncedGroups: 4,
  membersPerGroup: 0,
});
const [alice, bob] = tenant.toState().recipients.filter((r) => r.kind === "mailbox");
if (!alice || !bob) throw new Error("the generated tenant has no users");
tenant.addDistributionGroup({ name: "Room List Amsterdam", alias: "rooms.ams", roomList: true });
const sales = tenant.addDistributionGroup({
  name: "dg_Sales",
  alias: "dg_sales",
  description: "Sales staff",
});
const synced = tenant.addDistributionGroup({ name: "Synced Group", alias: "synced", isDirSynced: true });

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant, pageCap: 400 });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

type Permission = { DisplayName: string; Identification: Record<string, unknown> };
const membership = (
  verb: "grant" | "revoke",
  account: string,
  group: string,
  extra: Record<string, unknown> = {},
) =>
  run(simulator, `groups/${verb}Permission`, {
    actionContext: {
      References: { Account: account, Permission: { Id: group } },
      PermissionDisplayName: "Distribution Group - dg_Sales",
      ...extra,
    },
  });

describe("groups/permissions", () => {
  it("lists every cloud-only distribution and mail-enabled security group, past the page cap", async () => {
    const result = await run(simulator, "groups/permissions");
    assert.equal(result.exitCode, 0, result.stderr);
    const permissions = result.output.Permissions as Permission[];
    const distribution = permissions.filter((p) => p.DisplayName.startsWith("Distribution Group - "));
    const security = permissions.filter((p) => p.DisplayName.startsWith("Mail-enabled Security Group - "));
    assert.equal(distribution.length, 1_004);
    assert.equal(security.length, 1_002);
    assert.equal(permissions.length, 2_006, "no room lists, no dir-synced groups");
    assert.ok(!permissions.some((p) => p.Identification.Id === synced.guid));
    assert.deepEqual(
      permissions.find((p) => p.Identification.Id === sales.guid),
      { DisplayName: "Distribution Group - dg_Sales", Identification: { Id: sales.guid } },
    );
    assert.ok(
      permissions.every((p) => Object.keys(p.Identification).length === 1 && p.DisplayName.length <= 100),
    );
    // One listing for both types, paged: every row once.
    const pages = simulator.requestLog.filter((entry) => entry.kind === "invoke");
    assert.equal(pages.length, Math.ceil(2_006 / 400));
    assert.equal(new Set(permissions.map((p) => p.Identification.Id)).size, 2_006);
  });

  it("lists the configured group types, dir-synced ones when asked", async () => {
    const result = await run(
      simulator,
      "groups/permissions",
      {},
      { GroupTypes: "RoomList", GroupIncludeDirSynced: true },
    );
    assert.deepEqual(
      result.output.Permissions.map((p: Permission) => p.DisplayName),
      ["Room List - Room List Amsterdam"],
    );
    const synced = await run(
      simulator,
      "groups/permissions",
      {},
      { GroupTypes: ["Security"], GroupIncludeDirSynced: "true" },
    );
    assert.equal(synced.output.Permissions.length, 1_002 + 2);
  });
});

describe("groups/grantPermission and revokePermission", () => {
  it("adds a member once, removes once; repeats are skipped", async () => {
    const first = await membership("grant", alice.guid, sales.guid);
    assert.equal(first.exitCode, 0, audit(first));
    assert.match(audit(first), /Granted membership of group \[Distribution Group - dg_Sales\] to account/);
    assert.deepEqual(tenant.groupMembers(sales), [alice.userPrincipalName]);
    const [write] = simulator.writes();
    assert.equal(write?.parameters?.BypassSecurityGroupManagerCheck, true);
    const second = await membership("grant", alice.guid, sales.guid);
    assert.equal(second.exitCode, 0);
    assert.match(audit(second), /Skipped granting membership .*: already granted/);

    const removed = await membership("revoke", alice.guid, sales.guid);
    assert.equal(removed.exitCode, 0, audit(removed));
    assert.deepEqual(tenant.groupMembers(sales), []);
    const again = await membership("revoke", alice.guid, sales.guid);
    assert.equal(again.exitCode, 0);
    assert.match(audit(again), /Skipped revoking membership .*: not granted/);
  });

  it("revoke skips a deleted group or user; grant fails for them; a dir-synced group is a clear error", async () => {
    const temporary = tenant.addDistributionGroup({
      name: "Temporary",
      alias: "temporary",
      members: [bob.guid],
    });
    const leaver = tenant.addUserMailbox({ userPrincipalName: "leaver@contoso.com" });
    tenant.removeRecipient(temporary.guid);
    tenant.removeRecipient(leaver.guid);
    const groupGone = await membership("revoke", bob.guid, temporary.guid);
    assert.equal(groupGone.exitCode, 0, audit(groupGone));
    assert.match(audit(groupGone), /Skipped revoking membership .*: the group no longer exists\./);
    const userGone = await membership("revoke", leaver.guid, sales.guid);
    assert.equal(userGone.exitCode, 0, audit(userGone));
    assert.match(audit(userGone), /Skipped revoking membership .*: the account no longer exists\./);

    const grantGroupGone = await membership("grant", bob.guid, temporary.guid);
    assert.equal(grantGroupGone.exitCode, 1);
    assert.match(audit(grantGroupGone), /Could not grant membership .*: the group no longer exists\./);
    const grantUserGone = await membership("grant", leaver.guid, sales.guid);
    assert.equal(grantUserGone.exitCode, 1);
    assert.match(audit(grantUserGone), /Could not grant membership .*: the account no longer exists\./);

    const dirSynced = await membership("grant", bob.guid, synced.guid);
    assert.equal(dirSynced.exitCode, 1);
    assert.match(
      audit(dirSynced),
      /Could not grant membership .*synchronized from your on-premises organization/,
    );
  });

  it("DryRun writes nothing", async () => {
    const dry = await membership("grant", bob.guid, sales.guid, { DryRun: true });
    assert.equal(dry.exitCode, 0);
    assert.match(audit(dry), /DryRun: would grant membership of group \[Distribution Group - dg_Sales\]/);
    assert.equal(writeCount(simulator), 0);
    assert.equal(simulator.requestLog.length, 0);
  });
});
