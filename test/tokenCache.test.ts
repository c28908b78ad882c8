// The token cache across real processes: each run is a fresh `node dist/cli.js run …` (as HelloID starts
// one per action) against the simulator, with the cache in a temporary directory; the simulator's request
// log tells which runs went to Entra ID.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { TokenCache } from "../src/exchange/auth/tokenCache.js";
import { scopeFor } from "../src/exchange/environments.js";
import type { Credential } from "../src/exchange/index.js";
import {
  createTestCertificate,
  type Simulator,
  startSimulator,
  Tenant,
  type TestCertificate,
} from "../src/simulator/index.js";
import { configurationFor } from "./support/connector.js";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");
const POSIX = process.platform !== "win32";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Token requests the simulator answered during the run. */
  tokenRequests: number;
  /** Every HTTPS request it answered. */
  requests: number;
}

interface App {
  appId: string;
  secret: string;
}

/** One CLI process, as HelloID starts it; the debug log shows where its token came from. */
function cli(simulator: Simulator, action: string, input: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, "run", action],
      {
        env: {
          PATH: process.env.PATH ?? "",
          NODE_EXTRA_CA_CERTS: simulator.caPath,
          EXO_CONNECTOR_LOG_LEVEL: "debug",
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}

/** Token requests the simulator answered since its log was last cleared (runs in parallel share them). */
const tokenRequests = (simulator: Simulator) =>
  simulator.requestLog.filter((entry) => entry.kind === "token").length;

/** HTTPS requests it answered (a `$batch` counts once). */
const requests = (simulator: Simulator) =>
  simulator.requestLog.filter((entry) => entry.kind !== "batch-item").length;

const newApp = (): App => ({ appId: randomUUID(), secret: `cache-test-${randomUUID()}` });

describe("token cache (separate processes)", () => {
  const tenant = Tenant.create({
    tenantId: "3c9e4a10-7b2d-4f6e-9a1c-2d3e4f5a6b7c",
    organization: "contoso.onmicrosoft.com",
  });
  const mailbox = tenant.addUserMailbox({ userPrincipalName: "cache.user@contoso.com" });
  const certificate: TestCertificate = createTestCertificate();
  const certificateApp = { appId: randomUUID(), certificatePem: certificate.certificatePem };
  let simulator: Simulator;
  let root: string;

  before(async () => {
    simulator = await startSimulator({ tenant, apps: [certificateApp] });
    root = mkdtempSync(join(tmpdir(), "exo-token-cache-"));
  });
  after(() => simulator.close());

  /** A registered app with a secret of its own, so no test sees another's entry. */
  function register(): App {
    const app = newApp();
    simulator.apps.push(app);
    return app;
  }

  /** A directory the connector has to create itself. */
  const freshDirectory = () => join(root, randomUUID());

  function configuration(app: App, directory: string, extra: Record<string, unknown> = {}) {
    return configurationFor(simulator, {
      AppId: app.appId,
      AppSecret: app.secret,
      TokenCache: true,
      TokenCacheDirectory: directory,
      ...extra,
    });
  }

  function disableInput(config: Record<string, unknown>): string {
    return JSON.stringify({
      actionContext: {
        Configuration: config,
        DryRun: false,
        References: { Account: mailbox.guid },
        Data: { HiddenFromAddressListsEnabled: "true" },
      },
    });
  }

  async function disable(config: Record<string, unknown>): Promise<Run> {
    simulator.clearLog();
    const result = await cli(simulator, "disable", disableInput(config));
    return { ...result, tokenRequests: tokenRequests(simulator), requests: requests(simulator) };
  }

  function entries(directory: string): string[] {
    return readdirSync(directory).sort();
  }

  /** The entry as the connector reads it, for a test that holds the same credential. */
  function cacheOf(app: App, directory: string): TokenCache {
    return cacheFor(directory, app.appId, { kind: "secret", secret: app.secret });
  }

  function cacheFor(directory: string, appId: string, credential: Credential): TokenCache {
    return new TokenCache(
      directory,
      { authorityUrl: simulator.url, tenant: simulator.tenantId, appId, scope: scopeFor("Global") },
      credential,
    );
  }

  it("a second process reuses the first one's token: a warm disable is one HTTPS request", async () => {
    const app = register();
    const directory = freshDirectory();
    const config = configuration(app, directory);
    const cold = await disable(config);
    assert.equal(cold.code, 0, cold.stderr);
    assert.equal(cold.tokenRequests, 1);
    const warm = await disable(config);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.tokenRequests, 0);
    assert.equal(warm.requests, 1);
    assert.match(warm.stderr, /cached Exchange Online access token/);
    assert.equal(JSON.parse(warm.stdout).Success, true);
  });

  it("keeps one file per credential, 0600 in a 0700 directory, with neither token nor secret in clear", async () => {
    const app = register();
    const directory = freshDirectory();
    const run = await disable(configuration(app, directory));
    assert.equal(run.code, 0, run.stderr);
    const files = entries(directory);
    assert.equal(files.length, 1);
    const [name] = files as [string];
    assert.match(name, /^[0-9a-f]{32}\.token$/);
    const file = join(directory, name);
    if (POSIX) {
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(directory).mode & 0o777, 0o700);
    }
    const token = cacheOf(app, directory).read()?.token;
    assert.ok(token, "the entry holds the token for its own credential");
    const bytes = readFileSync(file);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    for (const clear of [token, header, payload, signature, app.secret, app.appId, simulator.tenantId]) {
      assert.ok(!bytes.includes(clear), "the file holds something in clear");
      assert.ok(!name.includes(clear));
    }
    for (const output of [run.stdout, run.stderr]) {
      assert.ok(!output.includes(token) && !output.includes(app.secret));
    }
  });

  it("serves no one with another credential: a wrong secret goes to Entra ID and fails there", async () => {
    const app = register();
    const directory = freshDirectory();
    assert.equal((await disable(configuration(app, directory))).code, 0);
    const wrong = await disable(configuration({ ...app, secret: "not-the-secret" }, directory));
    assert.equal(wrong.code, 1);
    assert.equal(wrong.tokenRequests, 1);
    assert.match(JSON.parse(wrong.stdout).AuditLogs[0].Message, /secret/i);
    assert.equal(
      cacheFor(directory, app.appId, { kind: "secret", secret: "not-the-secret" }).read(),
      undefined,
    );
    const right = await disable(configuration(app, directory));
    assert.equal(right.tokenRequests, 0, "the wrong caller left the right entry alone");
  });

  it("ignores an entry made with another credential and replaces it", async () => {
    const first = register();
    const second = register();
    const directory = freshDirectory();
    assert.equal((await disable(configuration(first, directory))).code, 0);
    const [firstName] = entries(directory) as [string];
    assert.equal((await disable(configuration(second, directory))).code, 0);
    const secondName = entries(directory).find((name) => name !== firstName) as string;
    // The first credential's entry under the second one's name: it does not decrypt there.
    const foreign = readFileSync(join(directory, firstName));
    writeFileSync(join(directory, secondName), foreign);
    const run = await disable(configuration(second, directory));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.tokenRequests, 1);
    assert.ok(!readFileSync(join(directory, secondName)).equals(foreign), "the foreign entry was replaced");
    assert.equal((await disable(configuration(second, directory))).tokenRequests, 0);
  });

  for (const [damage, spoil] of [
    ["truncated", (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
    ["corrupt", (file: string) => writeFileSync(file, Buffer.alloc(statSync(file).size, 0x5a))],
  ] as const) {
    it(`ignores a ${damage} entry and replaces it`, async () => {
      const app = register();
      const directory = freshDirectory();
      assert.equal((await disable(configuration(app, directory))).code, 0);
      const file = join(directory, entries(directory)[0] as string);
      spoil(file);
      const run = await disable(configuration(app, directory));
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.tokenRequests, 1);
      assert.ok(cacheOf(app, directory).read(), "a readable entry again");
      assert.equal((await disable(configuration(app, directory))).tokenRequests, 0);
    });
  }

  it("stays whole when processes write it at once", async () => {
    const app = register();
    const directory = freshDirectory();
    const config = configuration(app, directory);
    simulator.clearLog();
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => cli(simulator, "disable", disableInput(config))),
    );
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    assert.ok(tokenRequests(simulator) >= 1);
    assert.deepEqual(
      entries(directory).filter((name) => !name.endsWith(".token")),
      [],
      "no temporary file left",
    );
    assert.equal(entries(directory).length, 1);
    assert.ok(cacheOf(app, directory).read());
    assert.equal((await disable(config)).tokenRequests, 0);
  });

  it("drops the entry on a 401 and fetches one token, which the next process reuses", async () => {
    const app = register();
    const directory = freshDirectory();
    const config = configuration(app, directory);
    assert.equal((await disable(config)).code, 0);
    const refused = cacheOf(app, directory).read()?.token;
    simulator.faults.add({ match: { cmdlet: "Set-Mailbox" }, times: 1, fault: { type: "expireToken" } });
    const run = await disable(config);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.tokenRequests, 1);
    const replaced = cacheOf(app, directory).read()?.token;
    assert.ok(replaced && replaced !== refused, "the refused token is no longer cached");
    const next = await disable(config);
    assert.equal(next.tokenRequests, 0);
    assert.equal(next.requests, 1);
  });

  it("still runs, and says so, when the cache directory cannot be written", async () => {
    const app = register();
    const blocker = join(root, `file-${randomUUID()}`);
    writeFileSync(blocker, "not a directory");
    const run = await disable(configuration(app, join(blocker, "cache")));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.tokenRequests, 1);
    assert.match(run.stderr, /token cache could not be written.*ENOTDIR/);
  });

  it("writes nothing with TokenCache false", async () => {
    const app = register();
    const directory = freshDirectory();
    const config = configuration(app, directory, { TokenCache: false });
    assert.equal((await disable(config)).tokenRequests, 1);
    assert.equal((await disable(config)).tokenRequests, 1);
    assert.throws(() => readdirSync(directory), /ENOENT/);
  });

  it("reuses a certificate app's token; the same PFX with a wrong password is not served", async () => {
    const directory = freshDirectory();
    const config = (password: string) =>
      configurationFor(simulator, {
        AppId: certificateApp.appId,
        AppSecret: "",
        UseCertificate: true,
        AppCertificateBase64String: certificate.pfxBase64,
        AppCertificatePassword: password,
        TokenCache: true,
        TokenCacheDirectory: directory,
      });
    assert.equal((await disable(config(certificate.password))).code, 0);
    const warm = await disable(config(certificate.password));
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.tokenRequests, 0);
    // A password that does not open the PFX is refused as unusable input before any request or cache read.
    const wrong = await disable(config("not-the-pfx-password"));
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /AppCertificatePassword: .*password/);
    assert.equal(wrong.tokenRequests, 0);
  });
});

describe("token cache lifetime (separate processes)", () => {
  for (const [lifetimeSeconds, reused] of [
    [299, false],
    [360, true],
  ] as const) {
    it(`${reused ? "reuses" : "does not reuse"} a token with ${lifetimeSeconds} s left (the margin is 5 minutes)`, async () => {
      const tenant = Tenant.create({ tenantId: randomUUID(), organization: "fabrikam.onmicrosoft.com" });
      const mailbox = tenant.addUserMailbox({ userPrincipalName: "life.user@fabrikam.com" });
      const app = newApp();
      const simulator = await startSimulator({ tenant, apps: [app], tokenLifetimeSeconds: lifetimeSeconds });
      const directory = join(mkdtempSync(join(tmpdir(), "exo-token-life-")), "cache");
      try {
        const input = JSON.stringify({
          actionContext: {
            Configuration: configurationFor(simulator, {
              AppId: app.appId,
              AppSecret: app.secret,
              TokenCache: true,
              TokenCacheDirectory: directory,
            }),
            References: { Account: mailbox.guid },
            Data: { HiddenFromAddressListsEnabled: "true" },
          },
        });
        const counts: number[] = [];
        for (let i = 0; i < 2; i++) {
          simulator.clearLog();
          const run = await cli(simulator, "disable", input);
          assert.equal(run.code, 0, run.stderr);
          counts.push(tokenRequests(simulator));
        }
        assert.deepEqual(counts, reused ? [1, 0] : [1, 1]);
      } finally {
        await simulator.close();
      }
    });
  }
});
