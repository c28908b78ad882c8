import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ClientAuthError, ServerError } from "@azure/msal-node";
import { authenticationErrorFrom } from "../../src/exchange/auth/authenticationErrors.js";

const context = {
  appId: "00000000-0000-0000-0000-00000000a001",
  tenant: "contoso.onmicrosoft.com",
  secrets: ["s3cr3t"],
};

/** A ServerError the way MSAL builds it from Entra's error body. */
function serverError(code: number, description: string, error = "invalid_client") {
  return new ServerError(
    error,
    "corr-1",
    `Error(s): ${code} - Timestamp: 2026-01-01 00:00:00Z - Description: AADSTS${code}: ${description} Trace ID: t-1 Correlation ID: c-1 Timestamp: 2026-01-01 00:00:00Z - Correlation ID: c-1 - Trace ID: t-1`,
    undefined,
    String(code),
  );
}

describe("Entra ID refusals", () => {
  const cases: Array<[number, string, RegExp]> = [
    [7000215, "invalidSecret", /rejected the client secret .*AADSTS7000215.*Value, not its Secret ID/],
    [
      700016,
      "unknownApp",
      /does not know app '00000000-0000-0000-0000-00000000a001' in tenant 'contoso.onmicrosoft.com'/,
    ],
    [90002, "unknownTenant", /does not know tenant 'contoso.onmicrosoft.com' \(AADSTS90002\)/],
    [
      700027,
      "invalidCertificate",
      /rejected the certificate .*AADSTS700027.*uploaded to the app registration/,
    ],
  ];
  for (const [code, reason, message] of cases) {
    it(`maps AADSTS${code} to ${reason}`, () => {
      const error = authenticationErrorFrom(serverError(code, "whatever Entra says."), context);
      assert.equal(error.reason, reason);
      assert.equal(error.aadstsCode, `AADSTS${code}`);
      assert.match(error.message, message);
    });
  }

  it("words an unknown refusal from Entra's description, with known secrets cut out", () => {
    const error = authenticationErrorFrom(serverError(50999, "Odd failure for s3cr3t here."), context);
    assert.equal(error.reason, "other");
    assert.equal(
      error.message,
      "Entra ID did not issue a token for app '00000000-0000-0000-0000-00000000a001' in tenant 'contoso.onmicrosoft.com': AADSTS50999: Odd failure for [redacted] here.",
    );
  });

  it("words MSAL's own client errors", () => {
    const error = authenticationErrorFrom(
      new ClientAuthError("network_error", "", "Network request failed"),
      context,
    );
    assert.equal(error.reason, "other");
    assert.match(error.message, /Network request failed/);
  });
});
