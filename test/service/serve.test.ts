// `exo-connector serve` as its own process (the built CLI): the first stdout line, JSON logs on stderr that
// carry no key or secret, SIGTERM while an action is in flight — it finishes, then the process exits 0 —
// and HTTPS with a PFX.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get as httpsGet } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import {
  createTestCertificate,
  DEFAULT_APP,
  sampleTenant,
  startSimulator,
} from "../../src/simulator/index.js";
import { BUILT_CLI, runBuiltCli } from "../support/cli.js";
import { startServe } from "../support/serveProcess.js";
import { API_KEY, inputFor } from "./support.js";

const OTHER_KEY = "second-key-fedcba9876543210";

describe("exo-connector serve", () => {
  it("drains an action in flight on SIGTERM, then exits 0, logging no key or secret", async () => {
    const simulator = await startSimulator({ tenant: sampleTenant() });
    try {
      const serve = await startServe(BUILT_CLI, ["--tenant-concurrency", "2"], {
        EXO_CONNECTOR_API_KEYS: `${API_KEY}, ${OTHER_KEY}`,
        NODE_EXTRA_CA_CERTS: simulator.caPath,
      });
      const { child, listening, exited } = serve;
      assert.match(listening, /^http:\/\/127\.0\.0\.1:\d+$/);

      simulator.faults.add({ times: 1, fault: { type: "delay", ms: 1500 } });
      const answer = fetch(`${listening}/v1/run/enable`, {
        method: "POST",
        body: inputFor(simulator, "enable"),
        headers: { authorization: `Bearer ${OTHER_KEY}` },
      });
      await until(async () => {
        const metrics = await fetch(`${listening}/metrics`, {
          headers: { authorization: `Bearer ${API_KEY}` },
        });
        return /^exo_connector_exchange_requests_in_flight\{tenant="[^"]+"\} 1$/m.test(await metrics.text());
      });
      child.kill("SIGTERM");

      const output = (await (await answer).json()) as { Success: boolean };
      assert.equal(output.Success, true, "the action in flight finished");
      const [code] = await exited;
      assert.equal(code, 0);
      const stderr = serve.stderr();
      const messages = stderr
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { message: string }).message);
      assert.ok(messages.includes("draining: no new actions, waiting for those in flight"), stderr);
      assert.equal(messages.at(-1), "stopped");
      for (const secret of [API_KEY, OTHER_KEY, String(DEFAULT_APP.secret), ...simulator.issuedTokens]) {
        assert.ok(!stderr.includes(secret), "no key, secret or token on stderr");
      }
    } finally {
      await simulator.close();
    }
  });

  it("serves HTTPS with --tls-pfx and the passphrase from --tls-passphrase-env", async () => {
    const certificate = createTestCertificate({ commonName: "localhost" });
    const folder = mkdtempSync(join(tmpdir(), "exo-serve-"));
    const pfxPath = join(folder, "service.pfx");
    writeFileSync(pfxPath, Buffer.from(certificate.pfxBase64, "base64"));
    const serve = await startServe(
      BUILT_CLI,
      ["--tls-pfx", pfxPath, "--tls-passphrase-env", "PFX_PASSPHRASE"],
      {
        EXO_CONNECTOR_API_KEYS: API_KEY,
        PFX_PASSPHRASE: certificate.password,
      },
    );
    const { child, listening, exited } = serve;
    try {
      assert.match(listening, /^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await new Promise<string>((resolve, reject) => {
        // The test certificate names no IP address: trust it as the one CA, whatever the name.
        const options = { ca: certificate.certificatePem, checkServerIdentity: () => undefined };
        httpsGet(`${listening}/healthz`, options, (response) => {
          let body = "";
          response.on("data", (chunk) => {
            body += chunk;
          });
          response.on("end", () => resolve(body));
        }).on("error", reject);
      });
      assert.deepEqual(JSON.parse(health), { status: "ok" });
      child.kill("SIGTERM");
      assert.deepEqual(await exited, [0, null]);
      assert.ok(!serve.stderr().includes(certificate.password), "no passphrase on stderr");
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses to start without API keys or with a bad --listen", async () => {
    const noKeys = await runBuiltCli(["serve", "--listen", "127.0.0.1:0"]);
    assert.equal(noKeys.code, 2);
    assert.match(noKeys.stderr, /EXO_CONNECTOR_API_KEYS: set at least one API key/);
    const shortKey = await runBuiltCli(["serve", "--listen", "127.0.0.1:0"], {
      env: { EXO_CONNECTOR_API_KEYS: "short" },
    });
    assert.equal(shortKey.code, 2);
    assert.match(shortKey.stderr, /at least 16 characters/);
    assert.doesNotMatch(shortKey.stderr, /short"/);
    const badListen = await runBuiltCli(["serve", "--listen", "8080"], {
      env: { EXO_CONNECTOR_API_KEYS: API_KEY },
    });
    assert.equal(badListen.code, 2);
    assert.match(badListen.stderr, /--listen: expected HOST:PORT/);
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the condition never held");
}
