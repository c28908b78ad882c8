// configuration.json against what the actions read: a configuration saved with the form's defaults (plus
// the connection an implementer must fill in) is accepted by every action that reads settings, and the
// permission lists it produces are the PowerShell connector's defaults.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connectionKeys } from "../../src/actions/configuration.js";
import { actionConfigurationFields } from "../../src/actions/configurationFields.js";
import { labelOf } from "../../src/actions/permissions/settings.js";
import { listActions } from "../../src/actions/registry.js";
import { toConfigurationJson } from "../../src/helloid/configurationForm.js";
import { packageConfigurationFields } from "../../src/package/index.js";
import { generateTenant } from "../../src/simulator/index.js";
import { configurationFor, run, startSimulator } from "../support/connector.js";
import { configurationProblems } from "../support/helloidFormats.js";

describe("configuration.json against the actions", () => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  before(async () => {
    simulator = await startSimulator({
      tenant: generateTenant({ seed: 7, users: 5, sharedMailboxes: 4, groups: 4, departments: 4 }),
    });
  });
  after(() => simulator.close());

  /** What HelloID sends when the form is saved unchanged: every key with its default value. */
  const savedDefaults = () => {
    const form = toConfigurationJson(packageConfigurationFields());
    assert.deepEqual(configurationProblems(form), []);
    const values = Object.fromEntries(form.map((field) => [field.key, field.defaultValue]));
    return { ...values, ...configurationFor(simulator) };
  };

  it("every key is described once, the connection's keys included", () => {
    const keys = packageConfigurationFields().map((field) => field.key);
    assert.equal(new Set(keys.map((key) => key.toLowerCase())).size, keys.length);
    for (const key of connectionKeys) assert.ok(keys.includes(key), key);
    for (const field of actionConfigurationFields()) assert.ok(field.description.length >= 20, field.key);
    assert.equal(labelOf("SharedMailboxAccessRights"), "Shared mailbox access rights");
  });

  it("every retrieve-permissions action accepts the saved defaults and lists permissions", async () => {
    const listing = listActions().filter((action) => action.name.endsWith("/permissions"));
    assert.ok(listing.length >= 5, listing.map((action) => action.name).join(", "));
    for (const action of listing) {
      const result = await run(simulator, action.name, { actionContext: { Configuration: savedDefaults() } });
      assert.equal(result.exitCode, 0, `${action.name}: ${result.stderr}${result.stdout}`);
      assert.ok(result.output.Permissions.length > 0, `${action.name} listed nothing`);
    }
  });

  it("the defaults give the PowerShell connector's permission shapes", async () => {
    const permissions = async (name: string) =>
      (await run(simulator, name, { actionContext: { Configuration: savedDefaults() } })).output
        .Permissions as {
        DisplayName: string;
        Identification: Record<string, unknown>;
      }[];
    const folder = await permissions("folderPermission/permissions");
    assert.deepEqual(
      folder.map((p) => p.Identification),
      ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"].map((right, index) => ({
        Id: String(index + 1),
        mailboxFolderUser: "Default",
        mailboxFolderAccessRight: right,
      })),
    );
    const shared = await permissions("sharedMailboxes/permissions");
    assert.ok(shared.every((p) => p.DisplayName.startsWith("Shared Mailbox - ")));
    const groups = await permissions("groups/permissions");
    assert.ok(groups.every((p) => Object.keys(p.Identification).join() === "Id"));
  });
});
