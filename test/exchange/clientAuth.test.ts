// Tokens against the simulator's Entra endpoints, over real HTTPS: secret and certificate, one token per
// process, no discovery round trips, and refusals that say what to fix without leaking a secret.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { inspect } from "node:util";
import {
  AuthenticationError,
  collect,
  DeadlineExceededError,
  getMailbox,
  listMailboxes,
} from "../../src/exchange/index.js";
import { createTestCertificate, DEFAULT_APP } from "../../src/simulator/index.js";
import { recordingLogger, simulatorFixture } from "./harness.js";

const certificateAppId = "00000000-0000-0000-0000-00000000c001";
const unregisteredAppId = "00000000-0000-0000-0000-00000000dead";
const slowAppId = "00000000-0000-0000-0000-00000000c002";
const flakyAppId = "00000000-0000-0000-0000-00000000c003";

function assertNoSecret(error: unknown, secrets: string[], logLines: string[] = []) {
  const shown = [
    String(error),
    inspect(error),
    JSON.stringify(error),
    (error as Error).message,
    ...logLines,
  ].join("\n");
  for (const secret of secrets) assert.ok(!shown.includes(secret), `leaked ${secret.slice(0, 4)}…`);
}

describe("token acquisition against the simulator", () => {
  const certificate = createTestCertificate();
  const fixture = simulatorFixture({
    apps: [
      { ...DEFAULT_APP },
      { appId: certificateAppId, certificatePem: certificate.certificatePem },
      { appId: slowAppId, secret: "slow-secret" },
      { appId: flakyAppId, secret: "flaky-secret" },
    ],
  });
  before(async () => {
    const simulator = await fixture.start();
    simulator.tenant.addUserMailbox({ name: "ann", userPrincipalName: "ann@contoso.onmicrosoft.com" });
  });
  after(() => fixture.stop());

  it("gets one token with the client secret for many calls, without any discovery request", async () => {
    const client = fixture.client();
    const before = { token: fixture.count("token"), discovery: fixture.count("discovery") };
    await getMailbox(client, "ann");
    await Promise.all(Array.from({ length: 8 }, () => getMailbox(client, "ann")));
    await collect(listMailboxes(client));
    // A second client in the same process, same credentials: the MSAL app and its cache are shared.
    await getMailbox(fixture.client(), "ann");
    assert.equal(fixture.count("token") - before.token, 1);
    assert.equal(fixture.count("discovery") - before.discovery, 0);
    assert.equal(fixture.count("discovery"), 0);
  });

  it("gets a token with a certificate given as base64 PFX + password (PS256, x5t#S256)", async () => {
    const before = fixture.count("token");
    const client = fixture.client({
      appId: certificateAppId,
      credential: { kind: "certificate", pfxBase64: certificate.pfxBase64, password: certificate.password },
    });
    const mailbox = await getMailbox(client, "ann");
    assert.equal(mailbox.Name, "ann");
    await getMailbox(client, "ann");
    assert.equal(fixture.count("token") - before, 1);
    assert.equal(fixture.count("discovery"), 0);
  });

  it("says the secret is wrong, without the secret in the error or the logs", async () => {
    const secret = "Wr0ng~Secret~Value~That~Must~Not~Leak";
    const logger = recordingLogger();
    const client = fixture.client({ credential: { kind: "secret", secret }, logger });
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.reason, "invalidSecret");
      assert.equal(error.aadstsCode, "AADSTS7000215");
      assert.match(error.message, /rejected the client secret/);
      assertNoSecret(error, [secret], logger.lines);
      return true;
    });
    assert.ok(logger.lines.length > 0, "the client logged something to check");
  });

  it("says the app is unknown", async () => {
    const client = fixture.client({ appId: unregisteredAppId });
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.reason, "unknownApp");
      assert.match(error.message, new RegExp(unregisteredAppId));
      return true;
    });
  });

  it("says the tenant is unknown", async () => {
    const client = fixture.client({ tenantId: "11111111-2222-3333-4444-555555555555" });
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.reason, "unknownTenant");
      return true;
    });
  });

  it("says the certificate is not the app's", async () => {
    const other = createTestCertificate();
    const client = fixture.client({
      appId: certificateAppId,
      credential: { kind: "certificate", pfxBase64: other.pfxBase64, password: other.password },
    });
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.reason, "invalidCertificate");
      assert.equal(error.aadstsCode, "AADSTS700027");
      assertNoSecret(error, [other.password, other.pfxBase64]);
      return true;
    });
  });

  it("says the PFX password is wrong before sending anything", async () => {
    const before = fixture.count("token");
    const logger = recordingLogger();
    const client = fixture.client({
      appId: certificateAppId,
      credential: { kind: "certificate", pfxBase64: certificate.pfxBase64, password: "not-the-pfx-password" },
      logger,
    });
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.reason, "unreadableCertificate");
      assert.match(error.message, /wrong password/);
      assertNoSecret(
        error,
        ["not-the-pfx-password", certificate.password, certificate.pfxBase64],
        logger.lines,
      );
      return true;
    });
    assert.equal(fixture.count("token"), before);
  });

  it("retries a token request that Entra ID answers with 503", async () => {
    fixture.simulator.faults.add({
      match: { kind: "token" },
      times: 1,
      fault: { type: "status", status: 503 },
    });
    const client = fixture.client({
      appId: flakyAppId,
      credential: { kind: "secret", secret: "flaky-secret" },
    });
    assert.equal((await getMailbox(client, "ann")).Name, "ann");
    assert.equal(client.stats.tokenRequests, 2);
    assert.equal(client.stats.retries, 1);
  });

  it("holds token requests to the action deadline too", async () => {
    fixture.simulator.faults.add({ match: { kind: "token" }, times: 1, fault: { type: "delay", ms: 3000 } });
    const client = fixture.client({
      appId: slowAppId,
      credential: { kind: "secret", secret: "slow-secret" },
      deadlineMs: 800,
    });
    const started = Date.now();
    await assert.rejects(getMailbox(client, "ann"), (error: unknown) => {
      assert.ok(error instanceof DeadlineExceededError);
      assert.match(
        error.message,
        /within 0\.8 s .*token request was still waiting for an answer from Entra ID/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 1500);
  });

  it("fetches a fresh token once when Exchange answers 401", async () => {
    const client = fixture.client();
    await getMailbox(client, "ann");
    const before = fixture.count("token");
    fixture.simulator.faults.add({ times: 1, fault: { type: "expireToken" } });
    assert.equal((await getMailbox(client, "ann")).Name, "ann");
    assert.equal(fixture.count("token") - before, 1);
    assert.equal(client.stats.retries, 1);
  });
});
