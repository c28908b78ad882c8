import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConnectionSettings } from "../../src/actions/configuration.js";
import { InputError } from "../../src/helloid/context.js";

const base = {
  Organization: "contoso.onmicrosoft.com",
  TenantID: "00000000-0000-0000-0000-000000000001",
  AppId: "00000000-0000-0000-0000-000000000002",
  AppSecret: "secret-value",
};

describe("connection settings", () => {
  it("accepts the PowerShell connector's keys and fills defaults", () => {
    const settings = parseConnectionSettings({ ...base, usecertificate: "false" });
    assert.equal(settings.UseCertificate, false);
    assert.equal(settings.Environment, "Global");
    assert.equal(settings.ActionDeadlineSeconds, 25);
    assert.equal(settings.AdminApiUrl, undefined);
  });

  it("requires the secret or the certificate, naming the field", () => {
    const { AppSecret: _, ...withoutSecret } = base;
    assert.throws(
      () => parseConnectionSettings(withoutSecret),
      (error: unknown) => error instanceof InputError && /Configuration\.AppSecret/.test(error.message),
    );
    assert.throws(
      () => parseConnectionSettings({ ...withoutSecret, UseCertificate: true }),
      (error: unknown) => error instanceof InputError && /AppCertificateBase64String/.test(error.message),
    );
  });

  it("reuses tokens by default; a cache folder must be absolute, empty meaning the default", () => {
    const settings = parseConnectionSettings(base);
    assert.equal(settings.TokenCache, true);
    assert.equal(settings.TokenCacheDirectory, undefined);
    assert.equal(parseConnectionSettings({ ...base, TokenCache: "false" }).TokenCache, false);
    assert.equal(
      parseConnectionSettings({ ...base, TokenCacheDirectory: " " }).TokenCacheDirectory,
      undefined,
    );
    assert.throws(
      () => parseConnectionSettings({ ...base, TokenCacheDirectory: "cache" }),
      (error: unknown) =>
        error instanceof InputError &&
        /Configuration\.TokenCacheDirectory: expected an absolute/.test(error.message),
    );
  });

  it("rejects a malformed AppId, a non-https endpoint and an unknown environment", () => {
    assert.throws(() => parseConnectionSettings({ ...base, AppId: "x" }), /Configuration\.AppId/);
    assert.throws(() => parseConnectionSettings({ ...base, AdminApiUrl: "http://x" }), /AdminApiUrl/);
    assert.throws(() => parseConnectionSettings({ ...base, Environment: "Mars" }), /Environment/);
    assert.throws(() => parseConnectionSettings({ ...base, ActionDeadlineSeconds: 45 }), /30-second/);
  });

  it("takes ActionDeadlineSeconds as a number or numeric text, nothing else", () => {
    assert.equal(parseConnectionSettings({ ...base, ActionDeadlineSeconds: "12" }).ActionDeadlineSeconds, 12);
    assert.equal(parseConnectionSettings({ ...base, ActionDeadlineSeconds: 7.5 }).ActionDeadlineSeconds, 7.5);
    for (const value of [true, [9], "9s", {}]) {
      assert.throws(
        () => parseConnectionSettings({ ...base, ActionDeadlineSeconds: value }),
        (error: unknown) => error instanceof InputError && /ActionDeadlineSeconds/.test(error.message),
        JSON.stringify(value),
      );
    }
  });

  it("never puts the secret in an error message", () => {
    try {
      parseConnectionSettings({ ...base, AppId: "bad" });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(!(error as Error).message.includes("secret-value"));
    }
  });
});
