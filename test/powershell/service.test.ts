// The generated scripts with ConnectorUrl set, in real PowerShell, when the connector service is down, slow,
// refuses the key, cannot use the input, breaks off an import or is not what it should be: each ends as HelloID
// shows it (Success false with one audit that says what to do, or Write-Error for an import). And what a script
// sends: the key as the bearer token only, the input without it, a request id the service can log.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createTestCertificate, type Simulator, startSimulator, Tenant } from "../../src/simulator/index.js";
import { runScript } from "../support/helloidRuntime.js";
import {
  agentConfiguration,
  agentEnv,
  connectorPath,
  packageFolder,
  scriptOf,
} from "../support/packagedConnector.js";
import { type ServeProcess, startServe } from "../support/serveProcess.js";
import { onlyAudit, shortLimitDisable } from "../support/shimFailures.js";

const work = mkdtempSync(join(tmpdir(), "exo-pwsh-service-"));
const API_KEY = `key-${randomBytes(16).toString("hex")}`;

/** A stand-in for whatever answers at the ConnectorUrl; it records each request it gets. */
async function fakeService(respond: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const requests: { headers: IncomingMessage["headers"]; url: string; body: string }[] = [];
  const closed: Promise<void>[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (chunk) => {
      body += chunk;
    });
    closed.push(once(req.socket, "close").then(() => undefined));
    req.on("end", () => {
      requests.push({ headers: req.headers, url: req.url ?? "", body });
      respond(req, res, body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Resolves once every connection a script opened has been closed. */
    allClosed: () => Promise.all(closed),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("the shim posting to the connector service", () => {
  const tenant = Tenant.create({
    tenantId: "4a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  const mailbox = tenant.addUserMailbox({ userPrincipalName: "service.user@contoso.com" });
  let simulator: Simulator;
  let serve: ServeProcess;
  before(async () => {
    packageFolder();
    simulator = await startSimulator({ tenant });
    serve = await startServe(connectorPath(), [], {
      EXO_CONNECTOR_API_KEYS: API_KEY,
      NODE_EXTRA_CA_CERTS: simulator.caPath,
    });
  });
  after(async () => {
    await serve.stop();
    await simulator.close();
  });

  const input = (configuration: Record<string, unknown>) => ({
    actionContext: {
      Configuration: agentConfiguration(simulator, {
        ConnectorUrl: serve.listening,
        ConnectorApiKey: API_KEY,
        ...configuration,
      }),
      DryRun: false,
      References: { Account: mailbox.guid },
    },
  });

  it("sends the key as the bearer token only, the input without it, and a request id it logs", async () => {
    const fake = await fakeService((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-exo-connector-version": "9.9.9" });
      res.end(JSON.stringify({ Success: true, AuditLogs: [{ Message: "done", IsError: false }] }));
    });
    try {
      const run = await runScript(scriptOf("disable"), input({ ConnectorUrl: `${fake.url}/` }));
      assert.equal(run.outputContext.Success, true);
      assert.deepEqual(run.outputContext.AuditLogs, [{ Message: "done", IsError: false }]);
      const [request] = fake.requests;
      assert.ok(request);
      assert.equal(request.url, "/v1/run/disable");
      assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
      assert.equal(request.headers["content-type"], "application/json; charset=utf-8");
      assert.ok(!request.body.includes(API_KEY), "the key is in the body");
      const sent = JSON.parse(request.body);
      assert.equal(sent.actionContext.Configuration.ConnectorUrl, `${fake.url}/`);
      assert.equal(sent.actionContext.Configuration.ConnectorApiKey, undefined);
      assert.equal(sent.actionContext.References.Account, mailbox.guid);
      const requestId = request.headers["x-request-id"];
      assert.match(String(requestId), /^[0-9a-f-]{36}$/);
      assert.ok(
        run.information.some((line) => line.includes(`as request ${requestId}`)),
        run.information.join("\n"),
      );
      // Scripts of one version against a service of another: a warning, not a failure.
      assert.ok(
        run.warnings.some((line) => /come from exo-connector .+ but the service runs 9\.9\.9/.test(line)),
        run.warnings.join("\n"),
      );
    } finally {
      await fake.close();
    }
  });

  it("check.ps1 runs the readiness check on the service, with the report a local run gives", async () => {
    const check = join(packageFolder(), "check.ps1");
    const onService = await runScript(check, input({}));
    const local = await runScript(check, input({ ConnectorUrl: "", ConnectorApiKey: "" }), {
      env: agentEnv(simulator),
    });
    assert.equal(onService.outputContext.Success, true, JSON.stringify(onService.outputContext.AuditLogs));
    assert.deepEqual(onService.outputContext, local.outputContext);
    assert.ok(onService.information.some((line) => line.includes("runs on the connector service")));
  });

  it("a service that is down: the audit names the URL and what to check", async () => {
    const fake = await fakeService(() => undefined);
    await fake.close(); // its port is free now: nothing listens there
    const run = await runScript(scriptOf("disable"), input({ ConnectorUrl: fake.url }));
    const message = onlyAudit(run);
    assert.match(
      message,
      new RegExp(
        `^The connector service at \\[${fake.url}\\] could not be reached from HelloID agent \\[.+\\]: .*refused`,
        "i",
      ),
    );
    assert.match(message, /GET \/healthz/);
    const listing = await runScript(scriptOf("import"), input({ ConnectorUrl: fake.url }));
    assert.deepEqual(listing.records, []);
    assert.equal(listing.errors.length, 1);
    assert.match(listing.errors[0] ?? "", /could not be reached/);
  });

  it("a key the service refuses: the audit names the field to fix", async () => {
    const run = await runScript(scriptOf("disable"), input({ ConnectorApiKey: "not-the-key-0123456789" }));
    assert.equal(
      onlyAudit(run),
      `The connector service at [${serve.listening}] refused the API key (HTTP 401). Set the configuration field 'Connector service API key' to one of the keys the service was started with (EXO_CONNECTOR_API_KEYS).`,
    );
    assert.equal(mailbox.hiddenFromAddressListsEnabled, false);
  });

  it("input the service cannot use: the same audit as a local run, naming the field", async () => {
    const run = await runScript(scriptOf("disable"), input({ TenantID: "not a tenant" }));
    assert.match(
      onlyAudit(run),
      /^The connector could not use its input \(action disable\): actionContext\.Configuration\.TenantID: /,
    );
  });

  it("a service that does not answer: stopped at the script's limit, the connection closed", async () => {
    const fake = await fakeService(() => undefined);
    try {
      const run = await runScript(shortLimitDisable(work), input({ ConnectorUrl: fake.url }));
      assert.match(
        onlyAudit(run),
        new RegExp(
          `^The connector service at \\[${fake.url}\\] did not answer within 3 seconds \\(action disable, request [0-9a-f-]{36}\\)\\.`,
        ),
      );
      assert.ok(run.durationMs < 15_000, `the shim took ${run.durationMs} ms to give up after 3 s`);
      // Closing the connection is how the service learns its caller gave up.
      await fake.allClosed();
    } finally {
      await fake.close();
    }
  });

  it("an import whose stream breaks off is a failed import, not a short one", async () => {
    const fake = await fakeService((_req, res) => {
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.write('{"AccountReferences":["a"],"PermissionReference":{"Id":"1"}}\n');
      res.write('{"AccountReferences":["b"],"PermissionReference":{"Id":"2"}}\n');
      setTimeout(() => res.destroy(), 100);
    });
    try {
      const run = await runScript(scriptOf("groups/importPermission"), input({ ConnectorUrl: fake.url }));
      assert.equal(run.records.length, 2);
      assert.equal(run.errors.length, 1);
      assert.match(
        run.errors[0] ?? "",
        /^The connector failed after 2 records \(action groups\/importPermission, request [0-9a-f-]{36}\): the answer broke off: /,
      );
    } finally {
      await fake.close();
    }
  });

  it("something else answering (a proxy's error page): the status and the start of the page", async () => {
    const fake = await fakeService((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>Bad Gateway</body></html>");
    });
    try {
      const run = await runScript(scriptOf("disable"), input({ ConnectorUrl: fake.url }));
      assert.match(
        onlyAudit(run),
        /answered HTTP 502 \(action disable, request [0-9a-f-]{36}\): <html><body>Bad Gateway<\/body><\/html>$/,
      );
    } finally {
      await fake.close();
    }
  });

  it("a redirect is not followed: the credentials go nowhere else, and the audit says why", async () => {
    const elsewhere = await fakeService((_req, res) => res.end("{}"));
    const redirecting = await fakeService((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/v1/run/disable` });
      res.end();
    });
    try {
      const run = await runScript(scriptOf("disable"), input({ ConnectorUrl: redirecting.url }));
      assert.match(
        onlyAudit(run),
        /answered with a redirect \(HTTP 307, action disable, request [0-9a-f-]{36}\)/,
      );
      assert.equal(redirecting.requests.length, 1);
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await Promise.all([redirecting.close(), elsewhere.close()]);
    }
  });

  it("refuses plain http to another machine and an empty key before sending anything", async () => {
    const plain = onlyAudit(
      await runScript(scriptOf("disable"), input({ ConnectorUrl: "http://exo-connector.contoso.com" })),
    );
    assert.match(plain, /^The configuration field 'Connector service URL' must be an https:\/\/ address/);
    const noKey = onlyAudit(await runScript(scriptOf("disable"), input({ ConnectorApiKey: "" })));
    assert.match(noKey, /^The configuration field 'Connector service API key' is empty\./);
  });

  it("over HTTPS with a certificate the agent trusts, the action runs on the real service", async () => {
    const certificate = createTestCertificate({ commonName: "localhost" });
    const pfx = join(work, "service.pfx");
    writeFileSync(pfx, Buffer.from(certificate.pfxBase64, "base64"));
    const trusted = join(work, "trusted.pem");
    writeFileSync(trusted, certificate.certificatePem);
    const tls = await startServe(
      connectorPath(),
      ["--tls-pfx", pfx, "--tls-passphrase-env", "PFX_PASSPHRASE"],
      {
        EXO_CONNECTOR_API_KEYS: API_KEY,
        PFX_PASSPHRASE: certificate.password,
        NODE_EXTRA_CA_CERTS: simulator.caPath,
      },
    );
    try {
      const url = tls.listening.replace("127.0.0.1", "localhost");
      // An agent that does not trust the certificate gets an audit that says so.
      const refused = onlyAudit(await runScript(scriptOf("disable"), input({ ConnectorUrl: url })));
      assert.match(refused, /could not be reached .*certificate/i);
      // .NET on Linux reads its trusted roots through OpenSSL, which takes SSL_CERT_FILE from the process.
      const run = await runScript(scriptOf("disable"), input({ ConnectorUrl: url }), {
        isolated: true,
        processEnv: { SSL_CERT_FILE: trusted },
      });
      assert.equal(run.outputContext.Success, true, JSON.stringify(run.outputContext.AuditLogs));
      assert.equal(mailbox.hiddenFromAddressListsEnabled, true);
    } finally {
      await tls.stop();
    }
  });
});
