// Unusable input found before any request, named by its HelloID field, through the entry the CLI uses: the
// configuration (TenantID, the certificate, the option-like fields, LogLevel), the account reference, the
// mapped Data of update, deep input — and the version on the first log line.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import packageJson from "../../package.json" with { type: "json" };
import { captureAction } from "../../src/actions/capture.js";
import { createTestCertificate, DEFAULT_APP, type Simulator } from "../../src/simulator/index.js";
import { audit, configurationFor, logged, run, runText, startSimulator } from "../support/connector.js";

const certificateAppId = "00000000-0000-0000-0000-00000000c0de";

describe("input refused before any request", () => {
  const certificate = createTestCertificate();
  let simulator: Simulator;
  let mailbox: string;
  before(async () => {
    simulator = await startSimulator({
      apps: [{ ...DEFAULT_APP }, { appId: certificateAppId, certificatePem: certificate.certificatePem }],
    });
    mailbox = simulator.tenant.addUserMailbox({ name: "ann", userPrincipalName: "ann@contoso.com" }).guid;
  });
  after(() => simulator.close());

  /** Runs the action and checks it was refused as unusable input (exit 2, no outputContext, no request). */
  async function refused(
    action: string,
    input: Parameters<typeof run>[2],
    configuration: Record<string, unknown> = {},
  ): Promise<string> {
    simulator.clearLog();
    const result = await run(simulator, action, input, configuration);
    assert.equal(result.exitCode, 2, result.stdout + result.stderr);
    assert.equal(result.stdout, "");
    assert.equal(simulator.requestLog.length, 0, "no request reaches Entra ID or Exchange");
    assert.doesNotMatch(result.stderr, /unexpected|stack|at \w+ \(/i);
    return logged(result);
  }

  const update = (data: Record<string, unknown>, dryRun = true) => ({
    actionContext: { References: { Account: mailbox }, Data: data, DryRun: dryRun },
  });

  it("a TenantID that is neither a GUID nor a domain names TenantID", async () => {
    for (const tenant of ["not a tenant", "contoso", "42", "https://login.microsoftonline.com/x"]) {
      const message = await refused("update", update({}), { TenantID: tenant });
      assert.match(message, /Configuration\.TenantID: expected the Directory \(tenant\) ID, a GUID/, tenant);
    }
  });

  it("a certificate that cannot be read names AppCertificateBase64String or AppCertificatePassword", async () => {
    const withCertificate = (pfx: string, password: string) => ({
      AppId: certificateAppId,
      AppSecret: "",
      UseCertificate: true,
      AppCertificateBase64String: pfx,
      AppCertificatePassword: password,
    });
    const wrongPassword = await refused(
      "update",
      update({}),
      withCertificate(certificate.pfxBase64, "not-the-password"),
    );
    assert.match(wrongPassword, /^actionContext\.Configuration\.AppCertificatePassword: .*wrong password/);
    const notBase64 = await refused(
      "update",
      update({}),
      withCertificate("not base64!", certificate.password),
    );
    assert.match(notBase64, /^actionContext\.Configuration\.AppCertificateBase64String: .*not base64/);
    const notPfx = await refused(
      "update",
      update({}),
      withCertificate(Buffer.from("hello").toString("base64"), certificate.password),
    );
    assert.match(notPfx, /^actionContext\.Configuration\.AppCertificateBase64String: .*not a PFX/);
    for (const message of [wrongPassword, notBase64, notPfx]) {
      assert.doesNotMatch(message, /credential\.|pfxBase64/);
      assert.ok(!message.includes(certificate.password) && !message.includes(certificate.pfxBase64));
    }
    // The same certificate with its password is accepted and used.
    const working = await run(
      simulator,
      "update",
      update({}),
      withCertificate(certificate.pfxBase64, certificate.password),
    );
    assert.equal(working.exitCode, 0, working.stderr);
  });

  it('"Invalid input" never stands alone: the allowed values are listed', async () => {
    const cases: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
      [{}, { Environment: "Mars" }, /Environment: expected one of Global, USGovGCCHigh, USGovDoD, China/],
      [{}, { UseCertificate: "yes" }, /UseCertificate: expected true or false/],
      [
        {},
        { ActionDeadlineSeconds: "soon" },
        /ActionDeadlineSeconds: expected a number of seconds from 1 to 29/,
      ],
      [{}, { ActionDeadlineSeconds: 0 }, /ActionDeadlineSeconds: expected a number of seconds from 1 to 29/],
      [{ DryRun: "maybe" }, {}, /actionContext\.DryRun: expected true or false/],
      [{}, { LogLevel: "loud" }, /LogLevel: expected one of debug, info, warn, error, got "loud"/],
    ];
    for (const [context, configuration, expected] of cases) {
      const input = { actionContext: { References: { Account: mailbox }, ...context } };
      const message = await refused("update", input, configuration);
      assert.match(message, expected);
      assert.doesNotMatch(message, /Invalid input/);
    }
  });

  it("a reference that is not a Guid is refused by every action that takes one, naming it", async () => {
    const actions = [
      "update",
      "enable",
      "disable",
      "delete",
      "groups/grantPermission",
      "sharedMailboxes/revokePermission",
      "folderPermission/grantPermission",
      "regionalConfiguration/grantPermission",
      "litigationHold/grantPermission",
      "groups/subPermissions",
    ];
    for (const action of actions) {
      for (const reference of ["ann", "42"]) {
        const message = await refused(action, {
          actionContext: { References: { Account: reference, Permission: { Id: randomUUID() } } },
        });
        assert.match(
          message,
          new RegExp(`actionContext\\.References\\.Account: expected the mailbox Guid .*got "${reference}"`),
          action,
        );
      }
    }
  });

  it("a preview after a preview of create takes create's placeholder reference", async () => {
    const result = await run(simulator, "disable", {
      actionContext: { References: { Account: "DryRun: Currently not available" }, DryRun: true },
    });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.output.Success, true);
    assert.match(audit(result), /^Skipped disable: mailbox \[DryRun: Currently not available\]/);
  });

  it("update refuses, in a preview as for real, a field Set-Mailbox does not take or a value of the wrong type", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ Title: "Engineer" }, /actionContext\.Data\.Title: not a mailbox property the update action can set/],
      [
        { CustomAttribute1: { Name: "Sales" } },
        /actionContext\.Data\.CustomAttribute1: expected text, got an object/,
      ],
      [{ Office: ["a", "b"] }, /actionContext\.Data\.Office: expected text, got a list/],
      [
        { HiddenFromAddressListsEnabled: "sometimes" },
        /HiddenFromAddressListsEnabled: expected true or false/,
      ],
      [{ ExtensionCustomAttribute1: [{}] }, /ExtensionCustomAttribute1: expected text or a list of texts/],
      [{ EmailAddresses: "SMTP:a@contoso.com" }, /EmailAddresses: expected an array of addresses/],
    ];
    for (const [data, expected] of cases) {
      for (const dryRun of [true, false]) {
        const message = await refused("update", update(data, dryRun));
        assert.match(message, expected);
        assert.doesNotMatch(message, /\[object Object\]/);
      }
    }
    const listed = await refused("update", update({ Title: "x" }));
    assert.match(listed, /it can set DisplayName, .*CustomAttribute15, ExtensionCustomAttribute1/);
  });

  it("every property update accepts is one Set-Mailbox takes: a preview and the real run agree", async () => {
    const data = {
      Office: "Utrecht",
      CustomAttribute7: 42,
      HiddenFromAddressListsEnabled: "true",
      ExtensionCustomAttribute2: ["a", "b"],
      MailTip: "On leave",
    };
    const preview = await run(simulator, "update", update(data, true));
    assert.equal(preview.exitCode, 0, preview.stdout);
    assert.match(preview.output.AuditLogs[0].Message, /DryRun: would update/);
    const real = await run(simulator, "update", update(data, false));
    assert.equal(real.exitCode, 0, real.stdout);
    assert.match(real.output.AuditLogs[0].Message, /^Updated mailbox/);
  });

  it("warns when the mapped values sit in outputContext.Data instead of actionContext.Data", async () => {
    const misplaced = await run(simulator, "update", {
      actionContext: { References: { Account: mailbox }, DryRun: true },
      outputContext: { Data: { CustomAttribute1: "Controller", Office: null } },
    });
    assert.equal(misplaced.exitCode, 0);
    assert.match(
      logged(misplaced),
      /outputContext\.Data holds values \(CustomAttribute1\) but actionContext\.Data is empty: the connector reads mapped values from actionContext\.Data only/,
    );
    // HelloID's own pre-fill (names with null values) is no reason to warn.
    const prefilled = await run(simulator, "update", {
      actionContext: {
        References: { Account: mailbox },
        DryRun: true,
        Data: { CustomAttribute1: "Controller" },
      },
      outputContext: { Data: { CustomAttribute1: "Controller" } },
    });
    const created = await run(simulator, "create", {
      actionContext: {
        DryRun: true,
        CorrelationConfiguration: {
          Enabled: true,
          PersonFieldValue: "ann@contoso.com",
          AccountField: "UserPrincipalName",
        },
      },
      outputContext: { Data: { guid: null, userPrincipalName: null } },
    });
    for (const result of [prefilled, created]) {
      assert.equal(result.exitCode, 0, result.stdout);
      assert.doesNotMatch(result.stderr, /outputContext\.Data holds values/);
    }
  });

  it("input nested deeper than the limit is too deep, not a stack overflow", async () => {
    const deep = `${"[".repeat(3000)}${"]".repeat(3000)}`;
    const text = `{"actionContext":{"Configuration":{},"Data":{"x":${deep}}}}`;
    const result = await runText(simulator, "update", text);
    assert.equal(result.exitCode, 2);
    assert.match(logged(result), /^the input is too deep: objects and arrays nest more than 100 levels/);
    assert.doesNotMatch(result.stderr, /call stack|not valid JSON/i);
    // Brackets inside strings are text, not nesting.
    const inString = `{"actionContext":{"Configuration":{},"Data":{"x":"${"[".repeat(3000)}"}}}`;
    assert.doesNotMatch(logged(await runText(simulator, "update", inString)), /too deep/);
  });

  it("the first log line carries the connector's version; LogLevel sets the level, the environment wins", async () => {
    const bad = await run(simulator, "update", update({ Title: "x" }));
    const first = JSON.parse(bad.stderr.split("\n")[0] as string);
    assert.equal(first.version, packageJson.version);
    assert.equal(bad.stderr.split("\n").filter((line) => line.includes('"version"')).length, 1);

    const quiet = await run(simulator, "update", update({ Office: "Delft" }), { LogLevel: "error" });
    const debug = await run(simulator, "update", update({ Office: "Delft" }), { LogLevel: "Debug" });
    assert.equal(quiet.stderr, "");
    assert.match(debug.stderr, /"level":"debug"/);
    assert.match(debug.stderr.split("\n")[0] as string, /"version":/);

    const withEnvironment = async (level: string) => {
      const text = JSON.stringify({
        actionContext: {
          Configuration: configurationFor(simulator, { LogLevel: "error" }),
          ...update({ Office: "Leiden" }).actionContext,
        },
      });
      return captureAction("update", text, {
        connection: { ca: simulator.caPem },
        env: { EXO_CONNECTOR_LOG_LEVEL: level },
      });
    };
    assert.match((await withEnvironment("debug")).stderr, /"level":"debug"/);
    const unknown = await withEnvironment("chatty");
    assert.equal(unknown.exitCode, 2);
    assert.match(
      unknown.stderr,
      /EXO_CONNECTOR_LOG_LEVEL \(environment variable\): expected one of debug, info/,
    );
  });
});
