import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type MailboxRecord, Tenant } from "../../src/simulator/index.js";
import { type RunResult, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "be0c7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const users = Array.from({ length: 520 }, (_, i) =>
  tenant.addUserMailbox({ userPrincipalName: `user${i}@contoso.com` }),
);
const guids = (list: { guid: string }[]) => list.map((user) => user.guid).sort();
const marked = { 1: "BIG", 2: "HelloID Dynamic Shared Mailbox" };
const big = tenant.addSharedMailbox({
  name: "smb_Big",
  primarySmtpAddress: "big@contoso.com",
  customAttributes: marked,
});
const small = tenant.addSharedMailbox({ name: "Small", primarySmtpAddress: "small@contoso.com" });
tenant.addSharedMailbox({ name: "Nobody", primarySmtpAddress: "nobody@contoso.com" });
const team = tenant.addDistributionGroup({ name: "Team", alias: "team", type: "Security" });
const leaver = tenant.addUserMailbox({ userPrincipalName: "leaver@contoso.com" });
for (const user of users) tenant.addMailboxPermission(big, user);
tenant.addMailboxPermission(big, team);
tenant.addMailboxPermission(big, leaver);
tenant.removeRecipient(leaver.guid);
// A Deny entry is no access.
(tenant.findRecipient(small.guid) as MailboxRecord).fullAccess.push({
  trustee: users[9]?.guid as string,
  accessRights: ["FullAccess"],
  deny: true,
  inheritanceType: "All",
  autoMapping: false,
});
const [u0, u1, u2, u3] = users as [MailboxRecord, MailboxRecord, MailboxRecord, MailboxRecord];
tenant.addSendAs(big, u0);
tenant.addSendAs(big, u1);
tenant.addSendAs(big, team);
tenant.addSendOnBehalf(big, u2);
tenant.addSendOnBehalf(big, team);
tenant.addMailboxPermission(small, u3);

const bigGroup = tenant.addDistributionGroup({
  name: "dg_Big",
  alias: "dg_big",
  customAttributes: { 1: "BIG", 2: "HelloID Dynamic Distribution Group" },
  members: [...users.slice(0, 510), team, small],
});
const smallGroup = tenant.addDistributionGroup({
  name: "dg_Small",
  alias: "dg_small",
  description: "Small team",
  members: [u3],
});
tenant.addDistributionGroup({ name: "dg_Empty", alias: "dg_empty" });

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant, pageCap: 100 });
});
after(() => simulator.close());

type ImportRecord = RunResult["records"][number];
const holders = (records: ImportRecord[], match: (record: ImportRecord) => boolean) =>
  records
    .filter(match)
    .flatMap((record) => record.AccountReferences as string[])
    .sort();
const of =
  (id: string, key = "PermissionReference") =>
  (record: ImportRecord) =>
    record[key].Id === id;

describe("sharedMailboxes/importPermission", () => {
  it("streams holders of the configured rights, ≤ 500 a record, across pages; skips what is no account", async () => {
    const result = await run(simulator, "sharedMailboxes/importPermission");
    assert.equal(result.exitCode, 0, result.stderr);
    const records = result.records;
    const bigRecords = records.filter(of(big.guid));
    assert.deepEqual(
      bigRecords.map((record) => record.AccountReferences.length),
      [500, 20],
    );
    assert.deepEqual(bigRecords[0]?.PermissionReference, {
      Id: big.guid,
      Name: "smb_Big",
      Type: "Shared Mailbox",
      AccessRights: ["Full Access", "Send As"],
    });
    assert.deepEqual(Object.keys(bigRecords[0] ?? {}).sort(), [
      "AccountReferences",
      "Description",
      "DisplayName",
      "PermissionReference",
    ]);
    assert.equal(bigRecords[0]?.DisplayName, "Shared Mailbox - smb_Big");
    assert.equal(bigRecords[0]?.Description, "big@contoso.com");
    assert.deepEqual(holders(records, of(big.guid)), guids(users));
    assert.deepEqual(holders(records, of(small.guid)), [u3.guid], "the Deny entry is no holder");
    assert.equal(records.length, 3, "a mailbox nobody holds gives no record");
    // The group and the deleted account's SID are skipped and counted; system principals are not.
    assert.match(result.stderr, /skipped 2 FullAccess holder\(s\)/);
    assert.match(result.stderr, /skipped 1 SendAs holder\(s\)/);
    const userPages = simulator.requestLog.filter(
      (entry) => entry.cmdlet === "Get-Mailbox" && entry.parameters?.RecipientTypeDetails === "UserMailbox",
    );
    assert.ok(userPages.length >= 6, "the user mailboxes take more than one page");
    assert.equal(writeCount(simulator), 0);
  });

  it("separate entitlements: one record set per right, SendOnBehalf names resolved to Guids", async () => {
    const result = await run(simulator, "sharedMailboxesSeparate/importPermission");
    assert.equal(result.exitCode, 0, result.stderr);
    const right = (permission: string) => (record: ImportRecord) =>
      record.PermissionReference.Id === big.guid && record.PermissionReference.Permission === permission;
    assert.equal(result.records.filter(right("FullAccess")).length, 2);
    assert.deepEqual(holders(result.records, right("SendAs")), guids([u0, u1]));
    assert.deepEqual(holders(result.records, right("SendOnBehalf")), [u2.guid]);
    assert.equal(result.records.find(right("SendAs"))?.DisplayName, "Shared Mailbox - smb_Big - Send As");
  });
});

describe("sharedMailboxes/importSubPermissions", () => {
  it("imports only the marked mailboxes, with the references subPermissions writes", async () => {
    const result = await run(simulator, "sharedMailboxes/importSubPermissions");
    assert.equal(result.exitCode, 0, result.stderr);
    const byId = (id: string) => (record: ImportRecord) => record.SubPermissionReference.Id === id;
    assert.ok(result.records.every((record) => record.PermissionReference.Reference === "smb"));
    assert.equal(result.records.filter(byId(`FullAccess-${big.guid}`)).length, 2);
    assert.deepEqual(holders(result.records, byId(`SendAs-${big.guid}`)), guids([u0, u1]));
    assert.equal(result.records.find(byId(`SendAs-${big.guid}`))?.SubPermissionDisplayName, "SendAs-smb_Big");
    assert.ok(
      !result.records.some((record) => String(record.SubPermissionReference.Id).endsWith(small.guid)),
    );
  });

  it("separate entitlements: one dynamic permission per right", async () => {
    const result = await run(simulator, "sharedMailboxesSeparate/importSubPermissions");
    assert.equal(result.exitCode, 0, result.stderr);
    const sendOnBehalf = result.records.filter(
      (record) => record.PermissionReference.Reference === "SendOnBehalf",
    );
    assert.deepEqual(sendOnBehalf, [
      {
        PermissionReference: { Reference: "SendOnBehalf" },
        DisplayName: "Permission - Shared Mailbox - Send on Behalf",
        SubPermissionReference: { Id: big.guid, Permission: "SendOnBehalf" },
        SubPermissionDisplayName: "smb_Big",
        AccountReferences: [u2.guid],
      },
    ]);
  });
});

describe("groups/importPermission and importSubPermissions", () => {
  it("imports user-mailbox members as Guids, every page, ≤ 500 a record", async () => {
    simulator.clearLog();
    const result = await run(simulator, "groups/importPermission");
    // The member reads of the four groups (Team, dg_Big, dg_Small, dg_Empty) go in one $batch; only the big
    // group's further pages follow.
    const memberReads = simulator.requestLog.filter(
      (entry) => entry.cmdlet === "Get-DistributionGroupMember",
    );
    assert.equal(memberReads.filter((entry) => entry.kind === "batch-item").length, 4);
    assert.equal(simulator.requestLog.filter((entry) => entry.kind === "batch").length, 1);
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(
      result.records.filter(of(bigGroup.guid)).map((record) => record.AccountReferences.length),
      [500, 10],
    );
    assert.deepEqual(holders(result.records, of(bigGroup.guid)), guids(users.slice(0, 510)));
    assert.deepEqual(result.records.find(of(smallGroup.guid)), {
      PermissionReference: { Id: smallGroup.guid },
      DisplayName: "Distribution Group - dg_Small",
      Description: "Small team",
      AccountReferences: [u3.guid],
    });
    assert.equal(result.records.length, 3, "empty groups give no record");
    assert.match(result.stderr, /skipped 2 group member\(s\) that are no user mailbox/);
  });

  it("imports the members of marked groups as sub-permissions {Id: <groupGuid>}", async () => {
    const result = await run(simulator, "groups/importSubPermissions");
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.records.length, 2);
    assert.deepEqual(result.records[0]?.PermissionReference, { Reference: "dg" });
    assert.deepEqual(result.records[0]?.SubPermissionReference, { Id: bigGroup.guid });
    assert.equal(result.records[0]?.SubPermissionDisplayName, "dg_Big");
  });
});
