import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidOptionError } from "../../src/exchange/errors.js";
import { type ExchangeClientOptions, resolveOptions } from "../../src/exchange/options.js";

const base: ExchangeClientOptions = {
  tenantId: "7d1a3e2b-5c4f-4b6a-9e8d-0f1a2b3c4d5e",
  appId: "00000000-0000-0000-0000-00000000a001",
  credential: { kind: "secret", secret: "s3cr3t-value" },
};

function rejects(options: Partial<ExchangeClientOptions> & Record<string, unknown>, option: string) {
  assert.throws(
    () => resolveOptions({ ...base, ...options } as ExchangeClientOptions),
    (error: unknown) => {
      assert.ok(error instanceof InvalidOptionError);
      assert.equal(error.option, option);
      assert.match(error.message, new RegExp(`^ExchangeClient option '${option.replace(".", "\\.")}'`));
      assert.ok(!error.message.includes("s3cr3t-value"));
      return true;
    },
  );
}

describe("ExchangeClient options", () => {
  it("defaults to the Global cloud, 25 s, 1000-row pages, 6 attempts, 2 concurrent batches", () => {
    const resolved = resolveOptions(base);
    assert.equal(resolved.adminApiUrl, "https://outlook.office365.com");
    assert.equal(resolved.authorityUrl, "https://login.microsoftonline.com");
    assert.deepEqual(resolved.deadline, { afterMs: 25_000 });
    assert.equal(resolved.pageSize, 1000);
    assert.equal(resolved.maxAttempts, 6);
    assert.equal(resolved.batchConcurrency, 2);
  });

  it("selects sovereign clouds and accepts overrides", () => {
    const gcc = resolveOptions({ ...base, environment: "USGovGCCHigh" });
    assert.equal(gcc.adminApiUrl, "https://outlook.office365.us");
    assert.equal(gcc.authorityUrl, "https://login.microsoftonline.us");
    const dod = resolveOptions({ ...base, environment: "USGovDoD" });
    assert.equal(dod.adminApiUrl, "https://outlook-dod.office365.us");
    const china = resolveOptions({ ...base, environment: "China" });
    assert.equal(china.authorityUrl, "https://login.chinacloudapi.cn");
    const local = resolveOptions({
      ...base,
      adminApiUrl: "https://127.0.0.1:8443/",
      authorityUrl: "https://127.0.0.1:8443",
    });
    assert.equal(local.adminApiUrl, "https://127.0.0.1:8443");
    assert.equal(local.authorityUrl, "https://127.0.0.1:8443");
  });

  it("uses organization as the tenant when no tenantId is given", () => {
    const { tenantId: _, ...rest } = base;
    assert.equal(
      resolveOptions({ ...rest, organization: "contoso.onmicrosoft.com" }).tenant,
      "contoso.onmicrosoft.com",
    );
  });

  it("names the option at fault without echoing its value", () => {
    rejects({ tenantId: "not a tenant" }, "tenantId");
    rejects({ tenantId: undefined }, "tenantId");
    rejects({ appId: "s3cr3t-value" }, "appId");
    rejects({ credential: { kind: "secret", secret: "" } }, "credential.secret");
    rejects({ credential: { kind: "certificate", pfxBase64: "", password: "" } }, "credential.pfxBase64");
    rejects({ credential: { kind: "password" } as never }, "credential");
    rejects({ environment: "Mars" as never }, "environment");
    rejects({ environment: "constructor" as never }, "environment");
    rejects({ adminApiUrl: "http://outlook.office365.com" }, "adminApiUrl");
    rejects({ authorityUrl: "https://login.microsoftonline.com/tenant" }, "authorityUrl");
    rejects({ pageSize: 5000 }, "pageSize");
    rejects({ deadlineMs: -1 }, "deadlineMs");
    rejects({ deadline: Date.now() + 1000, deadlineMs: 1000 }, "deadline");
    rejects({ maxAttempts: 0 }, "maxAttempts");
    rejects({ batchConcurrency: 1.5 }, "batchConcurrency");
  });
});
