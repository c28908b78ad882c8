// Every permission family, with its writes alone and in a `$batch`, against the real service's envelopes
// (the reason inside details[0], the DirectInvoke wrapper in internalexception): a right already granted,
// a member already removed and a vanished object are each an honest "Skipped", never a failure.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { audit, run, startSimulator } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "5e2d8b4a-1c3f-4a6e-9b0d-2f4e6a8c0b1d",
  organization: "contoso.onmicrosoft.com",
});
const ann = tenant.addUserMailbox({ userPrincipalName: "ann@contoso.com", displayName: "Ann" });
const shared = (name: string) => tenant.addSharedMailbox({ name, primarySmtpAddress: `${name}@contoso.com` });
const group = (id: string) =>
  tenant.addDistributionGroup({
    name: `dg_${id}`,
    primarySmtpAddress: `dg_${id}@contoso.com`,
    customAttributes: { 1: id },
  });

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const kinds = () =>
  simulator.requestLog.filter((e) => e.kind === "invoke" || e.kind === "batch").map((e) => e.kind);
/** How the writes went out: alone ("invoke") or as `$batch` items ("batch-item"). */
const writesSentAs = () => [...new Set(simulator.requestLog.filter((e) => e.isWrite).map((e) => e.kind))];
const permission = (action: string, identification: Record<string, unknown>) =>
  run(simulator, action, {
    actionContext: { References: { Account: ann.guid, Permission: identification } },
  });

/** grant, grant again, revoke, revoke again, revoke after the object vanished: all succeed honestly. */
async function lifecycle(
  family: string,
  identification: Record<string, unknown>,
  vanish: () => void,
  sentAs: "invoke" | "batch",
) {
  const granted = await permission(`${family}/grantPermission`, identification);
  assert.equal(granted.exitCode, 0, audit(granted));
  assert.doesNotMatch(audit(granted), /Skipped/);
  assert.deepEqual(writesSentAs(), [sentAs === "batch" ? "batch-item" : "invoke"], family);

  simulator.clearLog();
  const again = await permission(`${family}/grantPermission`, identification);
  assert.equal(again.exitCode, 0, audit(again));
  assert.match(audit(again), /^Skipped granting .*: already granted\.$/m);
  assert.doesNotMatch(audit(again), /Granted|Could not/);

  const revoked = await permission(`${family}/revokePermission`, identification);
  assert.equal(revoked.exitCode, 0, audit(revoked));
  assert.doesNotMatch(audit(revoked), /Skipped/);

  const revokedAgain = await permission(`${family}/revokePermission`, identification);
  assert.equal(revokedAgain.exitCode, 0, audit(revokedAgain));
  assert.match(audit(revokedAgain), /^Skipped revoking .*: not granted\.$/m);
  assert.doesNotMatch(audit(revokedAgain), /Revoked|Could not/);

  vanish();
  simulator.clearLog();
  const gone = await permission(`${family}/revokePermission`, identification);
  assert.equal(gone.exitCode, 0, audit(gone));
  assert.match(audit(gone), /^Skipped revoking .*: the (shared mailbox|group) no longer exists\.$/m);
  assert.ok(kinds().includes(sentAs));
  const grantGone = await permission(`${family}/grantPermission`, identification);
  assert.equal(grantGone.exitCode, 1);
  assert.match(audit(grantGone), /Could not grant .*: the (shared mailbox|group) no longer exists\./);
}

describe("idempotent writes in every family, alone and in a $batch", () => {
  it("sharedMailboxes: one right alone", async () => {
    const box = shared("alone");
    await lifecycle(
      "sharedMailboxes",
      { Id: box.guid, AccessRights: ["Full Access"] },
      () => tenant.removeRecipient(box.guid),
      "invoke",
    );
  });

  it("sharedMailboxes: three rights in one $batch", async () => {
    const box = shared("batched");
    await lifecycle(
      "sharedMailboxes",
      { Id: box.guid, AccessRights: ["Full Access", "Send As", "Send on Behalf"] },
      () => tenant.removeRecipient(box.guid),
      "batch",
    );
  });

  it("sharedMailboxesSeparate: Send As alone", async () => {
    const box = shared("separate");
    await lifecycle(
      "sharedMailboxesSeparate",
      { Id: box.guid, Permission: "Send As" },
      () => tenant.removeRecipient(box.guid),
      "invoke",
    );
  });

  it("groups: a membership alone", async () => {
    const g = group("ALONE");
    await lifecycle("groups", { Id: g.guid }, () => tenant.removeRecipient(g.guid), "invoke");
  });

  it("groups: memberships in one $batch, one already there, then one already gone and one group deleted", async () => {
    const sales = group("BSALES");
    const hr = group("BHR");
    tenant.addMember(sales.guid, ann.guid);
    const contracts = ["BSALES", "BHR"].map((id) => ({
      Context: { InConditions: true },
      Department: { ExternalId: id, DisplayName: id },
    }));
    const sub = (operation: string, current: unknown[], people: unknown[]) =>
      run(simulator, "groups/subPermissions", {
        actionContext: {
          Operation: operation,
          References: { Account: ann.guid, Permission: { Reference: "dg" } },
          CurrentPermissions: current,
        },
        personContext: { Person: { ExternalId: "1", Contracts: people } },
      });
    const granted = await sub("grant", [], contracts);
    assert.equal(granted.exitCode, 0, audit(granted));
    assert.deepEqual(kinds(), ["invoke", "batch"]);
    assert.match(audit(granted), /Skipped granting membership of group \[dg_BSALES\] .*: already granted\./);
    assert.match(audit(granted), /Granted membership of group \[dg_BHR\]/);
    assert.equal(granted.output.SubPermissions.length, 2);

    tenant.update(hr, (record) => {
      record.members = record.members.filter((member) => member !== ann.guid);
    });
    tenant.removeRecipient(sales.guid);
    simulator.clearLog();
    const revoked = await sub("revoke", granted.output.SubPermissions, []);
    assert.equal(revoked.exitCode, 0, audit(revoked));
    assert.deepEqual(kinds(), ["batch"]);
    assert.match(
      audit(revoked),
      /Skipped revoking membership of group \[dg_BSALES\] .*: the group no longer exists\./,
    );
    assert.match(audit(revoked), /Skipped revoking membership of group \[dg_BHR\] .*: not granted\./);
    assert.deepEqual(revoked.output.SubPermissions, []);
  });
});
