// The README an implementer reads: the set-up commands CI runs, every configuration key, every action and
// the sections the product promises (install, app registration, DryRun, troubleshooting, migration).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MAPPABLE_MAILBOX_PROPERTIES } from "../../src/actions/account/mailboxProperties.js";
import { listActions } from "../../src/actions/registry.js";
import { packageConfigurationFields } from "../../src/package/index.js";
import { packageReadme } from "../../src/package/readme.js";
import {
  CORRELATION_EXAMPLE,
  correlationSentence,
  TIME_LIMITS_NOTE,
  timeLimitsTable,
} from "../../src/package/readmeSections.js";

const ROOT = join(import.meta.dirname, "..", "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README.md", () => {
  it("keeps the fresh-machine commands CI runs", () => {
    assert.ok(
      readme.includes(
        "```sh\nnpm ci        # install exactly what the committed lock file says\nnpm start     # build, then run the demo against the embedded simulator\nnpm test      # build, then run every test (against the simulator, over HTTPS)\n```",
      ),
    );
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
  });

  it("says what the package README says about correlation and time limits, from the same source", () => {
    const generated = packageReadme({ version: "0.0.0", scripts: [], fields: [], bundleFile: "x.mjs" });
    for (const text of [timeLimitsTable(), TIME_LIMITS_NOTE]) {
      assert.ok(readme.includes(text), text);
      assert.ok(generated.includes(text), text);
    }
    assert.ok(readme.includes(correlationSentence()));
    assert.ok(generated.includes(correlationSentence().replace("\n", "\n   ")));
    assert.match(timeLimitsTable(), /\| Retrieve permissions \| 900 s \| 855 s .* \| 882 s \|/);
    assert.equal(CORRELATION_EXAMPLE.personField.split(".")[0], "Person");
  });

  it("documents the inputs: where mapped Data goes, PermissionDisplayName, personContext, what update can set", () => {
    for (const field of [
      "actionContext.Data",
      "outputContext.Data",
      "actionContext.PermissionDisplayName",
      "actionContext.References.Account",
      "personContext`",
      "resourceContext.SourceData",
    ])
      assert.ok(readme.includes(`\`${field}`), field);
    assert.match(
      readme,
      /Contracts: \[\{Context: \{InConditions: true\}, Department: \{ExternalId, DisplayName\}/,
    );
    for (const name of Object.keys(MAPPABLE_MAILBOX_PROPERTIES)) {
      const range = /^(\D+)(\d+)$/.exec(name);
      if (range) assert.match(readme, new RegExp(`\`${range[1]}1\`–\`${range[1]}\\d+\``), name);
      else assert.ok(readme.includes(`\`${name}\``), name);
    }
  });

  it("documents the example command, --version, the demo's --show-input and the simulator's fault options", () => {
    for (const text of [
      "exo-connector example <action>",
      "exo-connector --version",
      "demo [--show-input]",
      "--throttle-every N",
      "--fault RULE",
      "--distribution-groups N",
      "60 % distribution groups",
    ])
      assert.ok(readme.includes(text), text);
    for (const fault of [
      "status=503",
      "throttle",
      "transient",
      "reset=before",
      "delay=MS",
      "nonjson",
      "forbidden",
      "expiretoken",
    ])
      assert.ok(readme.includes(fault), fault);
  });

  it("describes every configuration key", () => {
    for (const field of packageConfigurationFields())
      assert.ok(readme.includes(`\`${field.key}\``), field.key);
  });

  it("names every script family and account action with its Exchange calls", () => {
    for (const action of listActions()) {
      const [family, script] = action.name.includes("/") ? action.name.split("/") : [undefined, action.name];
      if (family && family !== "correlateOnly") assert.ok(readme.includes(family), action.name);
      else assert.ok(readme.includes(`\`${script}.ps1\``) || family === "correlateOnly", action.name);
    }
    for (const cmdlet of [
      "Get-Mailbox",
      "Set-Mailbox",
      "Add-MailboxPermission",
      "Add-RecipientPermission",
      "Add-DistributionGroupMember",
      "Set-MailboxAutoReplyConfiguration",
      "Set-MailboxFolderPermission",
      "Set-MailboxRegionalConfiguration",
      "New-Mailbox",
      "New-DistributionGroup",
    ]) {
      assert.ok(readme.includes(cmdlet), cmdlet);
    }
  });

  it("has the sections an implementer needs", () => {
    for (const heading of [
      "## Compared with the PowerShell connector",
      "## Install on the HelloID agent",
      "## Entra ID app registration and Exchange role",
      "## Configuration",
      "## Correlation",
      "## Actions and their Exchange calls",
      "## DryRun (preview)",
      "## Troubleshooting",
      "## Run any action locally",
      "## Migration from the PowerShell connector",
    ]) {
      assert.ok(readme.includes(`\n${heading}\n`), heading);
    }
    assert.match(readme, /Node\.js ≥ 20/);
    assert.match(readme, /Exchange\.ManageAsApp/);
    assert.match(readme, /403/);
    assert.ok(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8").startsWith("# Changelog\n"));
  });
});
