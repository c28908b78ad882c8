import assert from "node:assert/strict";
import { constants, randomUUID, sign } from "node:crypto";
import { after, before, describe, it } from "node:test";
import forge from "node-forge";
import { createTestCertificate, type Simulator, startSimulator } from "../../../src/simulator/index.js";
import { EXCHANGE_SCOPE, invoke, postForm, send, tokenFor } from "./helpers.js";

const SECRET_APP = "11111111-0000-0000-0000-000000000001";
const CERT_APP = "11111111-0000-0000-0000-000000000002";
const certificate = createTestCertificate({ commonName: "connector test" });

/** The private key out of the password-protected PFX, as a connector does with HelloID's base64 PFX. */
function keyFromPfx(pfxBase64: string, password: string): string {
  const der = forge.util.decode64(pfxBase64);
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), password);
  const bagType = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const key = p12.getBags({ bagType })[bagType]?.[0]?.key;
  assert.ok(key, "PFX holds a private key");
  return forge.pki.privateKeyToPem(key);
}

function assertion(
  alg: "RS256" | "PS256",
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  keyPem = keyFromPfx(certificate.pfxBase64, certificate.password),
): string {
  const thumbprint =
    alg === "RS256"
      ? { x5t: Buffer.from(certificate.thumbprintSha1Hex, "hex").toString("base64url") }
      : { "x5t#S256": Buffer.from(certificate.thumbprintSha256Hex, "hex").toString("base64url") };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${encode({ alg, typ: "JWT", ...thumbprint, ...header })}.${encode(claims)}`;
  const key =
    alg === "PS256"
      ? {
          key: keyPem,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }
      : keyPem;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

describe("simulated Entra", () => {
  let sim: Simulator;
  const tokenPath = () => `/${sim.tenantId}/oauth2/v2.0/token`;
  const claims = (overrides: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      aud: `${sim.url}${tokenPath()}`,
      iss: CERT_APP,
      sub: CERT_APP,
      jti: randomUUID(),
      nbf: now,
      exp: now + 600,
      ...overrides,
    };
  };
  const withAssertion = (jwt: string, path = tokenPath()) =>
    postForm(sim, path, {
      grant_type: "client_credentials",
      client_id: CERT_APP,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: jwt,
      scope: EXCHANGE_SCOPE,
    });
  const withSecret = (fields: Record<string, string> = {}, path = tokenPath()) =>
    postForm(sim, path, {
      grant_type: "client_credentials",
      client_id: SECRET_APP,
      client_secret: "s3cret",
      scope: EXCHANGE_SCOPE,
      ...fields,
    });

  before(async () => {
    sim = await startSimulator({
      tokenLifetimeSeconds: 1200,
      apps: [
        { appId: SECRET_APP, secret: "s3cret" },
        { appId: CERT_APP, certificatePem: certificate.certificatePem },
      ],
    });
  });
  after(() => sim.close());

  it("issues an Exchange access token for a client secret", async () => {
    const res = await withSecret();
    assert.equal(res.status, 200);
    const body = res.json();
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 1200);
    assert.equal(body.ext_expires_in, 1200);
    const claims = JSON.parse(Buffer.from(body.access_token.split(".")[1], "base64url").toString());
    assert.equal(claims.aud, "https://outlook.office365.com");
    assert.equal(claims.tid, sim.tenantId);
    assert.equal(claims.appid, SECRET_APP);
    assert.deepEqual(claims.roles, ["Exchange.ManageAsApp"]);
    assert.ok(Math.abs(claims.exp - (Date.now() / 1000 + 1200)) < 5);
    assert.equal(sim.requestLog.at(-1)?.kind, "token");
  });

  it("issues a token without roles to an app without admin consent, which Exchange refuses (401)", async () => {
    const app = {
      appId: "00000000-0000-0000-0000-0000000000c0",
      secret: "unconsented",
      manageAsAppConsented: false,
    };
    sim.apps.push(app);
    const token = await tokenFor(sim, app);
    const claims = JSON.parse(Buffer.from(token.split(".")[1] as string, "base64url").toString());
    assert.equal(claims.roles, undefined);
    const res = await invoke(sim, token, "Get-Mailbox", { ResultSize: 1 });
    assert.equal(res.status, 401);
    assert.match(String(res.headers["x-ms-diagnostics"]), /does not carry the Exchange\.ManageAsApp role/);
  });

  it("accepts the organization domain in place of the tenant GUID", async () => {
    assert.equal((await withSecret({}, `/${sim.organization.toUpperCase()}/oauth2/v2.0/token`)).status, 200);
  });

  it("rejects a wrong secret with AADSTS7000215", async () => {
    const res = await withSecret({ client_secret: "wrong" });
    assert.equal(res.status, 401);
    const body = res.json();
    assert.equal(body.error, "invalid_client");
    assert.deepEqual(body.error_codes, [7000215]);
    assert.match(body.error_description, /^AADSTS7000215: Invalid client secret provided\./);
    assert.ok(body.trace_id && body.correlation_id && body.timestamp);
  });

  it("names unknown apps, bad scopes, unknown tenants and missing credentials as Entra does", async () => {
    const unknownApp = await withSecret({ client_id: randomUUID() });
    assert.equal(unknownApp.status, 400);
    assert.deepEqual(unknownApp.json().error_codes, [700016]);
    const badScope = await withSecret({ scope: "https://graph.microsoft.com/.default" });
    assert.equal(badScope.status, 400);
    assert.equal(badScope.json().error, "invalid_scope");
    assert.deepEqual(badScope.json().error_codes, [70011]);
    const badTenant = await withSecret({}, "/fabrikam.onmicrosoft.com/oauth2/v2.0/token");
    assert.equal(badTenant.status, 400);
    assert.deepEqual(badTenant.json().error_codes, [90002]);
    const noCredential = await postForm(sim, tokenPath(), {
      grant_type: "client_credentials",
      client_id: SECRET_APP,
      scope: EXCHANGE_SCOPE,
    });
    assert.equal(noCredential.status, 401);
    assert.deepEqual(noCredential.json().error_codes, [7000218]);
    const wrongGrant = await withSecret({ grant_type: "password" });
    assert.equal(wrongGrant.json().error, "unsupported_grant_type");
  });

  it("serves the v1 endpoint with resource=https://outlook.office365.com", async () => {
    const path = `/${sim.tenantId}/oauth2/token`;
    const res = await postForm(sim, path, {
      grant_type: "client_credentials",
      client_id: SECRET_APP,
      client_secret: "s3cret",
      resource: "https://outlook.office365.com",
    });
    assert.equal(res.status, 200);
    assert.equal(res.json().resource, "https://outlook.office365.com");
    assert.equal(res.json().expires_in, "1200");
    const wrong = await postForm(sim, path, {
      grant_type: "client_credentials",
      client_id: SECRET_APP,
      client_secret: "s3cret",
      resource: "https://graph.microsoft.com",
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.json().error_codes, [500011]);
  });

  it("accepts an RS256 assertion with x5t and a PS256 assertion with x5t#S256, signed with the PFX key", async () => {
    assert.equal((await withAssertion(assertion("RS256", claims()))).status, 200);
    const ps = await withAssertion(assertion("PS256", claims()));
    assert.equal(ps.status, 200, ps.text);
    const token = JSON.parse(Buffer.from(ps.json().access_token.split(".")[1], "base64url").toString());
    assert.equal(token.appidacr, "2");
    const v1Audience = claims({ aud: `${sim.url}/${sim.organization}/oauth2/token` });
    assert.equal((await withAssertion(assertion("RS256", v1Audience))).status, 200);
  });

  it("rejects assertions with a foreign key, wrong audience, wrong issuer or past expiry", async () => {
    const other = createTestCertificate();
    const foreignKey = assertion("RS256", claims(), {}, keyFromPfx(other.pfxBase64, other.password));
    const cases: [string, string, number][] = [
      ["foreign key", foreignKey, 700027],
      ["unregistered thumbprint", assertion("RS256", claims(), { x5t: "AAAA" }), 700027],
      ["RS256 with only x5t#S256", assertion("RS256", claims(), { x5t: undefined, "x5t#S256": "x" }), 700027],
      [
        "wrong audience",
        assertion("PS256", claims({ aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token" })),
        700027,
      ],
      ["wrong issuer", assertion("PS256", claims({ iss: SECRET_APP })), 700027],
      ["expired", assertion("PS256", claims({ exp: Math.floor(Date.now() / 1000) - 10 })), 700024],
      ["not a JWT", "abc.def", 700027],
    ];
    for (const [name, jwt, code] of cases) {
      const res = await withAssertion(jwt);
      assert.equal(res.status, 401, name);
      assert.deepEqual(res.json().error_codes, [code], name);
    }
  });

  it("serves the OpenID configuration, signing keys and instance discovery for this host", async () => {
    const config = await send(sim, "GET", `/${sim.organization}/v2.0/.well-known/openid-configuration`);
    assert.equal(config.status, 200);
    assert.equal(config.json().token_endpoint, `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`);
    assert.equal(config.json().issuer, `${sim.url}/${sim.tenantId}/v2.0`);
    const keys = await send(sim, "GET", new URL(config.json().jwks_uri).pathname);
    assert.equal(keys.json().keys[0].kty, "RSA");
    const host = new URL(sim.url).host;
    const authorize = encodeURIComponent(`${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`);
    const discovery = await send(
      sim,
      "GET",
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`,
    );
    assert.equal(discovery.status, 200);
    assert.equal(
      discovery.json().tenant_discovery_endpoint,
      `${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`,
    );
    assert.deepEqual(discovery.json().metadata, [
      { preferred_network: host, preferred_cache: host, aliases: [host] },
    ]);
    const foreign = await send(
      sim,
      "GET",
      "/common/discovery/instance?api-version=1.1&authorization_endpoint=https%3A%2F%2Fevil.example%2Fx%2Foauth2%2Fv2.0%2Fauthorize",
    );
    assert.equal(foreign.json().error, "invalid_instance");
    assert.equal(sim.requestLog.filter((e) => e.kind === "discovery").length, 4);
  });
});
