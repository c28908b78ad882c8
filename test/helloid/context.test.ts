import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError, parseRunInput } from "../../src/helloid/context.js";

const configuration = { Organization: "contoso.onmicrosoft.com", TenantID: "t", AppId: "a" };

describe("parseRunInput", () => {
  it("matches property names case-insensitively, as PowerShell does", () => {
    const input = parseRunInput(
      JSON.stringify({
        ACTIONCONTEXT: {
          configuration,
          dryRun: "True",
          correlationConfiguration: {
            enabled: "true",
            accountField: "UserPrincipalName",
            personFieldValue: "x",
          },
          references: { account: "g" },
        },
        OutputContext: { data: { Guid: null } },
      }),
    );
    assert.equal(input.actionContext.DryRun, true);
    assert.equal(input.actionContext.CorrelationConfiguration?.Enabled, true);
    assert.equal(input.actionContext.CorrelationConfiguration?.AccountField, "UserPrincipalName");
    assert.equal(input.actionContext.References?.Account, "g");
    assert.deepEqual(input.outputContext?.Data, { Guid: null });
  });

  it("defaults DryRun to false and keeps unknown keys", () => {
    const input = parseRunInput(
      JSON.stringify({ actionContext: { Configuration: configuration, Extra: 1 } }),
    );
    assert.equal(input.actionContext.DryRun, false);
    assert.equal((input.actionContext as Record<string, unknown>).Extra, 1);
  });

  it("names the field at fault", () => {
    assert.throws(
      () =>
        parseRunInput(JSON.stringify({ actionContext: { Configuration: configuration, DryRun: "maybe" } })),
      (error: unknown) => error instanceof InputError && /actionContext\.DryRun/.test(error.message),
    );
    assert.throws(
      () => parseRunInput(JSON.stringify({ personContext: {} })),
      (error: unknown) => error instanceof InputError && /actionContext/.test(error.message),
    );
    assert.throws(
      () => parseRunInput(JSON.stringify({ actionContext: { Configuration: [] } })),
      (error: unknown) => error instanceof InputError && /actionContext\.Configuration/.test(error.message),
    );
  });

  it("rejects JSON that does not parse, and keys that differ only in case", () => {
    assert.throws(() => parseRunInput("{"), /not valid JSON/);
    assert.throws(
      () => parseRunInput('{"actionContext":{"Configuration":{},"DryRun":true,"dryrun":false}}'),
      /DryRun is given twice/,
    );
  });

  it("says where the JSON breaks without quoting the text there (it may be a secret)", () => {
    const secret = "SuperSecretValue123456";
    const text = `{"actionContext": {"Configuration": {\n  "AppSecret": ${secret}\n}}}`;
    assert.throws(
      () => parseRunInput(text),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, /not valid JSON \(unexpected character at line 2, column 16\)/);
        for (let i = 0; i + 4 <= secret.length; i++)
          assert.ok(!error.message.includes(secret.slice(i, i + 4)));
        return true;
      },
    );
    assert.throws(() => parseRunInput("{"), /not valid JSON \(.*position|end of JSON/);
  });

  it("reads a file that starts with a BOM, and ignores __proto__ keys at any depth", () => {
    const text = JSON.stringify({ actionContext: { Configuration: configuration } });
    assert.deepEqual(parseRunInput(`\uFEFF${text}`), parseRunInput(text));
    assert.throws(
      () => parseRunInput('{"__proto__": {"actionContext": {"Configuration": {}}}}'),
      (error: unknown) => error instanceof InputError && /actionContext/.test(error.message),
    );
    const input = parseRunInput(
      JSON.stringify({ actionContext: { Configuration: configuration } }).replace(
        '"Configuration"',
        '"__proto__": {"References": {"Account": "x"}}, "Configuration"',
      ),
    );
    assert.equal(input.actionContext.References, undefined);
  });
});
