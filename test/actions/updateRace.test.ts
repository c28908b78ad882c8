// update changes multi-valued properties by add/remove hashtables, not by writing back the list it read:
// two updates racing with an outside change to the same mailbox lose nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { mailboxOf, run, startSimulator } from "../support/connector.js";

const HASHTABLE = "#Exchange.GenericHashTable";
const tenant = Tenant.create({
  tenantId: "3c1f9a7e-52d4-4c8b-9e0a-7b6d5c4e3f21",
  organization: "contoso.onmicrosoft.com",
});
const person = tenant.addUserMailbox({
  userPrincipalName: "r.okafor@contoso.com",
  displayName: "Rita Okafor",
  emailAddresses: ["SMTP:r.okafor@contoso.com", "smtp:rita@contoso.onmicrosoft.com"],
});

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());

const mailbox = () => mailboxOf(tenant, person.guid);
const update = (data: Record<string, unknown>) =>
  run(simulator, "update", { actionContext: { References: { Account: person.guid }, Data: data } });

describe("update with concurrent changes", () => {
  it("sends EmailAddresses as an add hashtable of only the new addresses", async () => {
    simulator.clearLog();
    const result = await update({ EmailAddresses: ["SMTP:rita.okafor@contoso.com"] });
    assert.equal(result.exitCode, 0, result.stderr);
    const [write] = simulator.writes();
    assert.deepEqual(write?.parameters?.EmailAddresses, {
      "@odata.type": HASHTABLE,
      Add: ["SMTP:rita.okafor@contoso.com"],
    });
    assert.deepEqual(mailbox().emailAddresses, [
      "SMTP:rita.okafor@contoso.com",
      "smtp:r.okafor@contoso.com",
      "smtp:rita@contoso.onmicrosoft.com",
    ]);
  });

  it("keeps both racing updates and an address another admin adds between their read and write", async () => {
    simulator.clearLog();
    // Both updates read first, then wait in Set-Mailbox while an outside admin adds an address.
    simulator.faults.add({ match: { cmdlet: "Set-Mailbox" }, times: 2, fault: { type: "delay", ms: 300 } });
    const first = update({ EmailAddresses: ["smtp:rita.o@contoso.com"] });
    const second = update({ EmailAddresses: ["smtp:okafor.r@contoso.com"] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    tenant.update(mailbox(), (record) => record.emailAddresses.push("smtp:helpdesk.alias@contoso.com"));
    const results = await Promise.all([first, second]);
    for (const result of results) assert.equal(result.exitCode, 0, result.stderr);

    const addresses = mailbox().emailAddresses;
    for (const expected of [
      "SMTP:rita.okafor@contoso.com",
      "smtp:rita.o@contoso.com",
      "smtp:okafor.r@contoso.com",
      "smtp:helpdesk.alias@contoso.com",
      "smtp:rita@contoso.onmicrosoft.com",
    ]) {
      assert.ok(addresses.includes(expected), `${expected} is in ${addresses.join(", ")}`);
    }
    for (const write of simulator.writes()) {
      const change = write.parameters?.EmailAddresses as Record<string, unknown> | undefined;
      assert.equal(change?.["@odata.type"], HASHTABLE);
    }
  });

  it("changes an ExtensionCustomAttribute list by add/remove, leaving a value added meanwhile", async () => {
    tenant.update(mailbox(), (record) => {
      record.extensionCustomAttributes[0] = ["Sales", "Utrecht"];
    });
    simulator.clearLog();
    simulator.faults.add({ match: { cmdlet: "Set-Mailbox" }, times: 1, fault: { type: "delay", ms: 300 } });
    const pending = update({ ExtensionCustomAttribute1: ["Sales", "Amsterdam"] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    tenant.update(mailbox(), (record) => record.extensionCustomAttributes[0]?.push("Mentor"));
    const result = await pending;
    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(simulator.writes()[0]?.parameters?.ExtensionCustomAttribute1, {
      "@odata.type": HASHTABLE,
      Add: ["Amsterdam"],
      Remove: ["Utrecht"],
    });
    assert.deepEqual(mailbox().extensionCustomAttributes[0], ["Sales", "Mentor", "Amsterdam"]);

    simulator.clearLog();
    const again = await update({ ExtensionCustomAttribute1: ["Sales", "Amsterdam", "Mentor"] });
    assert.match(again.output.AuditLogs[0].Message, /No changes/);
    assert.equal(simulator.writes().length, 0);
  });

  it("sends a mapped 'true' as the boolean Set-Mailbox takes", async () => {
    simulator.clearLog();
    const result = await update({ HiddenFromAddressListsEnabled: "true" });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(simulator.writes()[0]?.parameters?.HiddenFromAddressListsEnabled, true);
    assert.equal(mailbox().hiddenFromAddressListsEnabled, true);
  });
});
