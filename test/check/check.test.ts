// `exo-connector check` against the simulator, through runCheck (what the CLI calls) and the built CLI:
// a working app, an app without an Exchange role, one without admin consent for Exchange.ManageAsApp, a
// wrong secret and a broken option list. The check never writes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { captureAction } from "../../src/actions/capture.js";
import { runCheck } from "../../src/check/index.js";
import type { CheckFormat } from "../../src/check/report.js";
import { type Simulator, sampleTenant } from "../../src/simulator/index.js";
import { runBuiltCli } from "../support/cli.js";
import { configurationFor, startSimulator } from "../support/connector.js";

const NO_ROLE_APP = {
  appId: "00000000-0000-0000-0000-0000000c0001",
  secret: "no-role-secret",
  exchangeRole: false,
};
const MAILBOXES_ONLY_APP = {
  appId: "00000000-0000-0000-0000-0000000c0003",
  secret: "mailboxes-only-secret",
  allowedCmdlets: ["Get-Mailbox", "Get-MailboxAutoReplyConfiguration"],
};
const NO_CONSENT_APP = {
  appId: "00000000-0000-0000-0000-0000000c0002",
  secret: "no-consent-secret",
  manageAsAppConsented: false,
};

interface Check {
  name: string;
  ok: boolean;
  message: string;
  skipped?: boolean;
}

describe("exo-connector check", () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await startSimulator({ tenant: sampleTenant() });
    simulator.apps.push(NO_ROLE_APP, NO_CONSENT_APP, MAILBOXES_ONLY_APP);
  });
  after(() => simulator.close());

  async function check(input: unknown, format: CheckFormat = "json", env: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const exitCode = await runCheck(typeof input === "string" ? input : JSON.stringify(input), {
      writeStdout: (text) => {
        stdout += text;
      },
      writeStderr: (text) => {
        stderr += text;
      },
      env,
      connection: { ca: simulator.caPem },
      format,
    });
    const report = format === "json" ? (JSON.parse(stdout) as { ok: boolean; checks: Check[] }) : undefined;
    const byName = (name: string) => report?.checks.find((entry) => entry.name === name);
    return { exitCode, stdout, stderr, report, byName };
  }

  const runInput = (configuration: Record<string, unknown> = {}) => ({
    actionContext: { Configuration: configurationFor(simulator, configuration), DryRun: true },
  });

  it("passes every check for a working app, reading without writing", async () => {
    simulator.clearLog();
    const result = await check(runInput());
    assert.equal(result.exitCode, 0, result.stdout);
    assert.equal(result.report?.ok, true);
    const failedChecks = result.report?.checks.filter((entry) => !entry.ok) ?? [];
    assert.deepEqual(failedChecks, []);
    for (const name of [
      "Configuration keys",
      "Connection settings",
      "Calendar permission options",
      "Token",
    ]) {
      assert.ok(result.byName(name)?.ok, name);
    }
    assert.equal(
      result.byName("Exchange.ManageAsApp permission")?.message,
      "The token carries the Exchange.ManageAsApp role",
    );
    const probed = new Set(simulator.requestLog.filter((entry) => entry.cmdlet).map((entry) => entry.cmdlet));
    for (const cmdlet of [
      "Get-Mailbox",
      "Get-MailboxAutoReplyConfiguration",
      "Get-MailboxPermission",
      "Get-RecipientPermission",
      "Get-DistributionGroup",
      "Get-DistributionGroupMember",
      "Get-MailboxFolderStatistics",
      "Get-MailboxFolderPermission",
      "Get-MailboxRegionalConfiguration",
    ]) {
      assert.ok(probed.has(cmdlet), `${cmdlet} was not read`);
    }
    assert.equal(simulator.writes().length, 0);
  });

  it("says to assign the Exchange Recipient Administrator role when the app has none", async () => {
    const result = await check(runInput({ AppId: NO_ROLE_APP.appId, AppSecret: NO_ROLE_APP.secret }));
    assert.equal(result.exitCode, 1);
    assert.ok(result.byName("Token")?.ok);
    assert.ok(result.byName("Exchange.ManageAsApp permission")?.ok);
    const mailboxes = result.byName("Mailboxes");
    assert.equal(mailboxes?.ok, false);
    assert.match(mailboxes?.message ?? "", /refused Get-Mailbox \(403\)/);
    assert.match(mailboxes?.message ?? "", /Assign the Exchange Recipient Administrator role to the app/);
    assert.match(result.byName("Auto-reply")?.message ?? "", /Not checked: the Mailboxes read failed/);
  });

  it("names each cmdlet group a narrower role does not cover", async () => {
    const result = await check(
      runInput({ AppId: MAILBOXES_ONLY_APP.appId, AppSecret: MAILBOXES_ONLY_APP.secret }),
    );
    assert.equal(result.exitCode, 1);
    const failing = result.report?.checks.filter((entry) => !entry.ok).map((entry) => entry.name);
    assert.deepEqual(failing, [
      "Mailbox permissions",
      "Send As",
      "Groups",
      "Group members",
      "Calendar permissions",
      "Regional settings",
    ]);
    assert.match(result.byName("Send As")?.message ?? "", /refused Get-RecipientPermission \(403\)/);
    assert.ok(result.byName("Auto-reply")?.ok);
  });

  it("says to grant admin consent when the token carries no Exchange.ManageAsApp role", async () => {
    const result = await check(runInput({ AppId: NO_CONSENT_APP.appId, AppSecret: NO_CONSENT_APP.secret }));
    assert.equal(result.exitCode, 1);
    assert.ok(result.byName("Token")?.ok);
    const role = result.byName("Exchange.ManageAsApp permission");
    assert.equal(role?.ok, false);
    assert.match(role?.message ?? "", /carries no application permission, not Exchange\.ManageAsApp/);
    assert.match(role?.message ?? "", /grant admin consent for it/);
    assert.equal(result.byName("Mailboxes")?.skipped, true);
  });

  it("says to use the secret's Value, not its ID, for a wrong secret, and never prints it", async () => {
    const wrong = "7a1c2b3d-not-the-secret-value";
    const result = await check(runInput({ AppSecret: wrong }));
    assert.equal(result.exitCode, 1);
    const token = result.byName("Token");
    assert.equal(token?.ok, false);
    assert.match(token?.message ?? "", /AADSTS7000215/);
    assert.match(token?.message ?? "", /Use the secret's Value, not its ID/);
    assert.ok(!result.stdout.includes(wrong) && !result.stderr.includes(wrong));
    assert.equal(result.byName("Mailboxes")?.skipped, true);
  });

  it("names a broken option list and still checks the connection", async () => {
    const result = await check(
      runInput({ FolderPermissionOptions: '[{"Id":"1","mailboxFolderAccessRight":"Owner"}, {"Id":"1"}]' }),
    );
    assert.equal(result.exitCode, 1);
    const options = result.byName("Calendar permission options");
    assert.equal(options?.ok, false);
    assert.match(options?.message ?? "", /actionContext\.Configuration\.FolderPermissionOptions\[1\]/);
    assert.ok(result.byName("Mailboxes")?.ok);
    assert.deepEqual(
      result.report?.checks.filter((entry) => !entry.ok).map((entry) => entry.name),
      ["Calendar permission options"],
    );
  });

  it("names unknown keys and an unusable connection, and skips what needs them", async () => {
    const result = await check({
      ...configurationFor(simulator),
      AppId: "not-a-guid",
      SharedMailboxAcessRights: "FullAccess",
    });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.byName("Configuration keys")?.message ?? "",
      /Unknown key "SharedMailboxAcessRights"/,
    );
    assert.match(result.byName("Connection settings")?.message ?? "", /actionContext\.Configuration\.AppId/);
    assert.equal(result.byName("Token")?.skipped, true);
  });

  it("names a malformed proxy variable and does not try to connect", async () => {
    const result = await check(runInput(), "json", { HTTPS_PROXY: "proxy.contoso.com:8080" });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.byName("Proxy")?.message ?? "",
      /the environment variable HTTPS_PROXY: expected http:\/\//,
    );
    assert.equal(result.byName("Token")?.skipped, true);
  });

  it("refuses an unknown EXO_CONNECTOR_LOG_LEVEL on the agent, as every action would", async () => {
    const result = await check(runInput(), "json", { EXO_CONNECTOR_LOG_LEVEL: "verbose" });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.byName("Connection settings")?.message ?? "",
      /EXO_CONNECTOR_LOG_LEVEL \(environment variable\): expected .*got "verbose"/,
    );
    const printed = await captureAction("enable", JSON.stringify(runInput()), {
      env: { EXO_CONNECTOR_LOG_LEVEL: "verbose" },
    });
    assert.equal(printed.exitCode, 2);
  });

  it("exits 2 for input it cannot read", async () => {
    const notJson = await check("{ not json", "table");
    assert.equal(notJson.exitCode, 2);
    assert.match(notJson.stderr, /not valid JSON/);
    const notObject = await check("[1, 2]", "table");
    assert.equal(notObject.exitCode, 2);
  });

  it("prints a table, and an outputContext for HelloID with the table in the log", async () => {
    const table = await check(runInput({ AppSecret: "wrong-secret-value" }), "table");
    const lines = table.stdout.split("\n");
    assert.match(lines[0] ?? "", /^CHECK\s+RESULT\s+DETAILS \/ WHAT TO CHANGE$/);
    assert.ok(lines.some((line) => /^Token\s+FAIL\s+Entra ID refused/.test(line)));
    assert.match(table.stdout, /Not ready: 1 of \d+ checks failed/);

    const helloid = await check(runInput(), "helloid");
    const output = JSON.parse(helloid.stdout);
    assert.equal(output.Success, true);
    assert.match(output.AuditLogs.at(-1).Message, /^Ready: all \d+ checks passed\.$/);
    const logLines = helloid.stderr
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    assert.ok(logLines.some((line) => line.level === "info" && /^Mailboxes\s+pass/.test(line.message)));
  });

  it("runs from the built CLI: check --json with a bare Configuration on stdin", async () => {
    const result = await runBuiltCli(["check", "--json"], {
      input: JSON.stringify(configurationFor(simulator)),
      env: { NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(JSON.parse(result.stdout).ok, true);
  });
});
