// MSAL-node must get tokens from the simulator exactly as it does from Entra; the client relies on it.
import assert from "node:assert/strict";
import { request } from "node:https";
import { after, before, describe, it } from "node:test";
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from "@azure/msal-node";
import forge from "node-forge";
import { createTestCertificate, type Simulator, startSimulator } from "../../../src/simulator/index.js";
import { EXCHANGE_SCOPE, invoke } from "./helpers.js";

/** MSAL's network module over node:https trusting only the simulator's CA (no NODE_EXTRA_CA_CERTS needed). */
function networkClient(caPem: string): INetworkModule {
  const call = <T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, headers: options?.headers, ca: caPem, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === "string") headers[name] = value;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers, body: JSON.parse(text) as T });
        });
      });
      req.on("error", reject);
      req.end(options?.body);
    });
  return {
    sendGetRequestAsync: (url, options) => call("GET", url, options),
    sendPostRequestAsync: (url, options) => call("POST", url, options),
  };
}

describe("MSAL-node against the simulator", () => {
  const certificate = createTestCertificate();
  const CERT_APP = "22222222-0000-0000-0000-000000000002";
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
    sim.apps.push({ appId: CERT_APP, certificatePem: certificate.certificatePem });
  });
  after(() => sim.close());

  it("acquires a token with a client secret (OpenID configuration fetched once) and calls Exchange with it", async () => {
    const app = sim.apps[0];
    assert.ok(app?.secret);
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: app.appId,
        clientSecret: app.secret,
        authority: `${sim.url}/${sim.tenantId}`,
        knownAuthorities: [new URL(sim.url).host],
      },
      system: { networkClient: networkClient(sim.caPem) },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_SCOPE] });
    assert.ok(result?.accessToken);
    assert.deepEqual(
      sim.requestLog.map((e) => e.kind),
      ["discovery", "token"],
    );
    const res = await invoke(sim, result.accessToken, "Get-Mailbox", { ResultSize: "Unlimited" });
    assert.equal(res.status, 200);
  });

  it("acquires a token with a certificate (PS256) and no discovery round trip when handed the metadata", async () => {
    sim.clearLog();
    const der = forge.util.decode64(certificate.pfxBase64);
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), certificate.password);
    const bagType = forge.pki.oids.pkcs8ShroudedKeyBag as string;
    const key = p12.getBags({ bagType })[bagType]?.[0]?.key;
    assert.ok(key);
    const host = new URL(sim.url).host;
    const base = `${sim.url}/${sim.tenantId}`;
    const cca = new ConfidentialClientApplication({
      auth: {
        clientId: CERT_APP,
        clientCertificate: {
          thumbprintSha256: certificate.thumbprintSha256Hex,
          privateKey: forge.pki.privateKeyToPem(key),
        },
        authority: base,
        knownAuthorities: [host],
        authorityMetadata: JSON.stringify({
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          issuer: `${base}/v2.0`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        }),
        cloudDiscoveryMetadata: JSON.stringify({
          tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        }),
      },
      system: { networkClient: networkClient(sim.caPem) },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [EXCHANGE_SCOPE] });
    assert.ok(result?.accessToken);
    assert.deepEqual(
      sim.requestLog.map((e) => [e.kind, e.status]),
      [["token", 200]],
    );
  });
});
