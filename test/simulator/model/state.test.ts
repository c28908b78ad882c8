import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { invokeCmdlet } from "../../../src/simulator/cmdlets/index.js";
import {
  DYNAMIC_DISTRIBUTION_GROUP,
  DYNAMIC_SHARED_MAILBOX,
  generateTenant,
  sampleTenant,
} from "../../../src/simulator/generator.js";
import { loadTenant, saveTenant, Tenant } from "../../../src/simulator/tenant/index.js";
import { run, smallTenant } from "./helpers.js";

describe("tenant state", () => {
  it("round-trips through toState/fromState exactly, including changes made by cmdlets", () => {
    const tenant = smallTenant();
    tenant.replicationDelayMs = 1234;
    tenant.addMailboxPermission("finance", "alice");
    run(tenant, "Set-MailboxFolderPermission", {
      Identity: "alice:\\Calendar",
      User: "Default",
      AccessRights: ["Reviewer"],
    });
    run(tenant, "Set-MailboxAutoReplyConfiguration", {
      Identity: "alice",
      AutoReplyState: "Enabled",
      InternalMessage: "x",
    });
    const state = tenant.toState();
    const copy = Tenant.fromState(JSON.parse(JSON.stringify(state)));
    assert.deepEqual(copy.toState(), state);
    assert.equal(copy.replicationDelayMs, 1234);
    assert.equal(
      copy.findRecipient("alice@contoso.onmicrosoft.com")?.name,
      "Alice Smith",
      "indexes are rebuilt",
    );
    copy.addUserMailbox({ name: "Only In Copy", userPrincipalName: "copy@contoso.onmicrosoft.com" });
    assert.equal(tenant.findRecipient("copy@contoso.onmicrosoft.com"), undefined, "no shared references");
  });

  it("saves to and loads from a JSON file", () => {
    const dir = mkdtempSync(join(tmpdir(), "tenant-"));
    try {
      const path = join(dir, "tenant.json");
      const tenant = sampleTenant();
      saveTenant(tenant, path);
      assert.deepEqual(loadTenant(path).toState(), tenant.toState());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("generator", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const options = {
      users: 50,
      sharedMailboxes: 12,
      distributionGroups: 4,
      securityGroups: 2,
      dirSyncedGroups: 2,
    };
    const a = JSON.stringify(generateTenant({ seed: 42, ...options }).toState());
    assert.equal(JSON.stringify(generateTenant({ seed: 42, ...options }).toState()), a);
    assert.notEqual(JSON.stringify(generateTenant({ seed: 43, ...options }).toState()), a);
  });

  it("produces the requested sizes with dynamic-permission data", () => {
    const tenant = generateTenant({
      seed: 1,
      users: 40,
      sharedMailboxes: 10,
      distributionGroups: 6,
      securityGroups: 3,
      dirSyncedGroups: 2,
    });
    const count = (filter: string, cmdlet = "Get-Recipient") =>
      invokeCmdlet(tenant, cmdlet, { Filter: filter, ResultSize: "Unlimited" }).rows.length;
    assert.equal(count("RecipientTypeDetails -eq 'UserMailbox'"), 40);
    assert.equal(count("RecipientTypeDetails -eq 'SharedMailbox'"), 10);
    assert.equal(count("RecipientTypeDetails -eq 'MailUniversalSecurityGroup'"), 4);
    assert.equal(count("IsDirSynced -eq 'True'", "Get-DistributionGroup"), 2);
    assert.equal(count(`CustomAttribute2 -eq '${DYNAMIC_SHARED_MAILBOX}'`, "Get-Mailbox"), 5);
    assert.equal(count(`CustomAttribute2 -eq '${DYNAMIC_DISTRIBUTION_GROUP}'`, "Get-DistributionGroup"), 3);
    const [shared] = invokeCmdlet(tenant, "Get-Mailbox", {
      Filter: `CustomAttribute2 -eq '${DYNAMIC_SHARED_MAILBOX}'`,
    }).rows;
    const permissions = invokeCmdlet(tenant, "Get-MailboxPermission", {
      Identity: String(shared?.Guid),
    }).rows;
    assert.equal(
      permissions.filter((p) => p.IsInherited === false && p.User !== "NT AUTHORITY\\SELF").length,
      2,
    );
    const [group] = invokeCmdlet(tenant, "Get-DistributionGroup", { ResultSize: 1 }).rows;
    assert.equal(
      invokeCmdlet(tenant, "Get-DistributionGroupMember", { Identity: String(group?.Guid) }).rows.length,
      5,
    );
  });

  it("builds 100,000 shared mailboxes and lists them all", () => {
    // Its time is a benchmark figure (bench/), not asserted here: a loaded machine would fail it.
    const tenant = generateTenant({
      seed: 5,
      users: 100,
      sharedMailboxes: 100_000,
      fullAccessPerSharedMailbox: 1,
    });
    const result = invokeCmdlet(tenant, "Get-Mailbox", {
      RecipientTypeDetails: "SharedMailbox",
      ResultSize: "Unlimited",
    });
    assert.equal(result.rows.length, 100_000);
    assert.equal(result.rows.slice(99_999)[0]?.Name, "Shared Mailbox 100000");
  });

  it("builds the sample tenant with an O'Brien, a Dutch mailbox and every group kind", () => {
    const tenant = sampleTenant();
    assert.equal(tenant.findRecipient("sean.o'brien@contoso.onmicrosoft.com")?.displayName, "Sean O'Brien");
    assert.equal(
      tenant.regionalConfiguration("jan.devries@contoso.onmicrosoft.com").calendarFolderName,
      "Agenda",
    );
    const groups = invokeCmdlet(tenant, "Get-DistributionGroup", {}).rows;
    assert.ok(
      groups.some(
        (g) => g.RecipientTypeDetails === "MailUniversalDistributionGroup" && g.IsDirSynced === false,
      ),
    );
    assert.ok(groups.some((g) => g.RecipientTypeDetails === "MailUniversalSecurityGroup"));
    assert.ok(groups.some((g) => g.IsDirSynced === true));
    assert.equal(
      invokeCmdlet(tenant, "Get-Mailbox", { RecipientTypeDetails: "SharedMailbox" }).rows.length,
      2,
    );
  });
});
