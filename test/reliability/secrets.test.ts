// Secrets. Every error path — wrong secret, a certificate with the wrong password, base64 that
// is no PFX, a certificate Entra ID does not know, 401 on every call, 403, the deadline, a crash inside an
// action — and the successful ones, in-process and through the CLI with debug logging, leave the AppSecret,
// the certificate (whole, a long piece, or its private key), its password and every bearer token the
// simulator issued out of stdout, stderr and the audit logs. The transcripts the other reliability suites
// left in this test run are scanned for their secrets (and these) as well.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { readPfx } from "../../src/exchange/auth/pfx.js";
import { createTestCertificate, Tenant, type TestCertificate } from "../../src/simulator/index.js";
import { type CatalogueEntry, catalogue, type Fixtures, seedFixtures } from "./support/catalogue.js";
import { LARGE } from "./support/scale.js";
import {
  findLeaks,
  STACK_TRACE,
  savedTranscripts,
  TRANSCRIPT_DIR,
  Transcript,
} from "./support/transcript.js";
import { type Outcome, startWorld, type World } from "./support/world.js";

const SUITE = "secrets";
const transcript = new Transcript(SUITE);
const figures = { paths: 0, runs: 0, cli: 0 };
let world: World;
let fixtures: Fixtures;
let entries: CatalogueEntry[];
let certificate: TestCertificate;
const certificateApp = randomUUID();

/** Actions that reach Exchange in different ways: one write, a read then a write, a batch, a stream. */
const ACTIONS = [
  "disable",
  "update",
  "groups/grantPermission",
  "sharedMailboxes/subPermissions",
  "import",
  "litigationHold/grantPermission",
];

before(async () => {
  const tenant = Tenant.create({
    tenantId: "5e5e5e5e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  fixtures = seedFixtures(tenant);
  world = await startWorld(transcript, tenant);
  certificate = createTestCertificate({ commonName: "secrets suite" });
  world.simulator.apps.push({ appId: certificateApp, certificatePem: certificate.certificatePem });
  transcript.secret("certificate (base64 PFX)", certificate.pfxBase64, { pieces: true });
  transcript.secret("certificate password", certificate.password);
  const key = readPfx(certificate.pfxBase64, certificate.password).privateKeyPem;
  transcript.secret("certificate private key", key.replace(/-----[A-Z ]+-----|\s/g, ""), { pieces: true });
  entries = catalogue(fixtures).filter((entry) => ACTIONS.includes(entry.action));
});

after(async () => {
  await world.close();
  // The transcripts of this run have been scanned; leave nothing in the temporary directory.
  rmSync(TRANSCRIPT_DIR, { recursive: true, force: true });
});

const withCertificate = (
  password = certificate.password,
  pfx = certificate.pfxBase64,
  appId = certificateApp,
) => ({
  AppId: appId,
  AppSecret: "",
  UseCertificate: true,
  AppCertificateBase64String: pfx,
  AppCertificatePassword: password,
});

function failed(outcome: Outcome): string {
  const audits = (outcome.output.AuditLogs ?? [])
    .filter((l: { IsError: boolean }) => l.IsError)
    .map((l: { Message: string }) => l.Message);
  return [...audits, outcome.stderr].join(" ");
}

/**
 * Runs every chosen action with the configuration; each must fail (exit 1, or `exitCode`) with a message
 * matching `why`, or succeed when `why` is undefined.
 */
async function everyAction(
  configuration: Record<string, unknown>,
  why: RegExp | undefined,
  options: { preview?: boolean; exitCode?: number } = {},
): Promise<void> {
  figures.paths += 1;
  for (const entry of entries) {
    // A slot with a longer HelloID limit keeps ActionDeadlineSeconds only in preview.
    const preview = options.preview && entry.timeLimitSeconds !== undefined;
    const input = preview
      ? { ...entry.input, actionContext: { ...entry.input.actionContext, DryRun: true } }
      : entry.input;
    const outcome = await world.run(entry.action, input, { configuration });
    figures.runs += 1;
    assert.ok(!STACK_TRACE.test(outcome.stdout), `${entry.action}: a stack trace on stdout`);
    if (why === undefined) {
      assert.equal(outcome.exitCode, 0, `${entry.action}: ${failed(outcome)}`);
    } else {
      assert.equal(
        outcome.exitCode,
        options.exitCode ?? 1,
        `${entry.action}: expected a failure, got ${outcome.stdout.slice(0, 300)}${outcome.stderr.slice(0, 300)}`,
      );
      assert.match(failed(outcome), why, entry.action);
    }
  }
}

describe("secrets stay out of every output", () => {
  it("a wrong client secret", async () => {
    const wrong = `${randomBytes(24).toString("base64url")}-wrong`;
    transcript.secret("wrong AppSecret", wrong);
    await everyAction({ AppSecret: wrong }, /secret/i);
  });

  it("a certificate with the wrong password, base64 that is no PFX, a certificate Entra ID does not know", async () => {
    const wrongPassword = `${randomBytes(9).toString("base64url")}-pw`;
    transcript.secret("wrong certificate password", wrongPassword);
    // Found before any request: unusable input (exit 2) naming the HelloID field.
    await everyAction(withCertificate(wrongPassword), /AppCertificatePassword: .*wrong password/, {
      exitCode: 2,
    });
    const notPfx = randomBytes(1800).toString("base64");
    transcript.secret("base64 that is no PFX", notPfx, { pieces: true });
    await everyAction(withCertificate(certificate.password, notPfx), /AppCertificateBase64String: .*PFX/, {
      exitCode: 2,
    });
    const stranger = createTestCertificate({ commonName: "unknown to Entra" });
    transcript.secret("unregistered certificate", stranger.pfxBase64, { pieces: true });
    transcript.secret("unregistered certificate password", stranger.password);
    await everyAction(withCertificate(stranger.password, stranger.pfxBase64), /certificate/i);
  });

  it("succeeds with the certificate (the PFX is really used) and with the secret", async () => {
    await everyAction(withCertificate(), undefined);
    await everyAction({}, undefined);
  });

  it("401 on every call, and 403", async () => {
    world.simulator.faults.add({ times: 100_000, fault: { type: "expireToken" } });
    try {
      await everyAction(withCertificate(), /401|token/i);
      await everyAction({}, /401|token/i);
    } finally {
      world.simulator.faults.rules.length = 0;
    }
    world.simulator.faults.add({ times: 100_000, fault: { type: "forbidden" } });
    try {
      await everyAction({}, /403|role/i);
    } finally {
      world.simulator.faults.rules.length = 0;
    }
  });

  it("the deadline", async () => {
    world.simulator.faults.latencyMs = 4_000;
    try {
      await everyAction({ ActionDeadlineSeconds: 1 }, /deadline/, { preview: true });
    } finally {
      world.simulator.faults.latencyMs = 0;
    }
  });

  it("a crash inside an action (Exchange sends a proxy address that is not text)", async () => {
    const odd = world.tenant.addUserMailbox({ userPrincipalName: "odd@contoso.com" });
    (odd.emailAddresses as unknown[]).push(42);
    const outcome = await world.run(
      "update",
      {
        actionContext: {
          References: { Account: odd.guid },
          Data: { EmailAddresses: ["smtp:odd2@contoso.com"] },
        },
      },
      { configuration: withCertificate() },
    );
    figures.runs += 1;
    assert.equal(outcome.exitCode, 1, outcome.stdout);
    assert.match(failed(outcome), /Unexpected error/);
    assert.ok(!STACK_TRACE.test(outcome.stdout), outcome.stdout);
  });

  it("through the CLI with debug logging: success and failure", async () => {
    const entry = entries.find((e) => e.action === "groups/grantPermission") as CatalogueEntry;
    // Asynchronous: the simulator lives in this process and must keep answering.
    const cli = (configuration: Record<string, unknown>) =>
      new Promise<number | null>((resolve) => {
        const input = {
          ...entry.input,
          actionContext: { ...entry.input.actionContext, Configuration: world.configuration(configuration) },
        };
        const child = spawn(process.execPath, ["dist/cli.js", "run", entry.action], {
          env: {
            ...process.env,
            NODE_EXTRA_CA_CERTS: world.simulator.caPath,
            EXO_CONNECTOR_LOG_LEVEL: "debug",
          },
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => {
          stdout += chunk;
        });
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
        });
        child.on("close", (code) => {
          figures.cli += 1;
          transcript.add(`cli ${entry.action} stdout`, stdout);
          transcript.add(`cli ${entry.action} stderr`, stderr);
          resolve(code);
        });
        child.stdin.end(JSON.stringify(input));
      });
    // Malformed input right at the secret: the syntax error must say where, never quote the text there.
    const broken = await new Promise<string>((resolve) => {
      const text = JSON.stringify({ actionContext: { Configuration: world.configuration() } }).replace(
        JSON.stringify(world.secret),
        world.secret,
      );
      const child = spawn(process.execPath, ["dist/cli.js", "run", entry.action]);
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.on("close", (code) => {
        figures.cli += 1;
        transcript.add("cli malformed input stderr", stderr);
        assert.equal(code, 2);
        resolve(stderr);
      });
      child.stdin.end(text);
    });
    assert.match(broken, /not valid JSON \((unexpected character at line 1|.* at position \d+)/);
    for (let i = 0; i + 8 <= world.secret.length; i++)
      assert.ok(!broken.includes(world.secret.slice(i, i + 8)), broken);
    assert.equal(await cli(withCertificate()), 0);
    assert.equal(await cli({}), 0);
    // A PFX its password does not open is unusable input, refused before any request.
    assert.equal(await cli(withCertificate("not-the-password")), 2);
    assert.equal(await cli({ AppSecret: "definitely-not-the-secret" }), 1);
    world.simulator.faults.add({ times: 100_000, fault: { type: "expireToken" } });
    try {
      assert.equal(await cli({}), 1);
    } finally {
      world.simulator.faults.rules.length = 0;
    }
  });

  it("no secret in anything this suite or the other reliability suites printed", () => {
    transcript.tokens(world.simulator.issuedTokens);
    const others = savedTranscripts(SUITE);
    const texts = [
      ...transcript.texts,
      ...others.flatMap((other) => other.texts.map((t) => ({ ...t, where: `${other.suite}: ${t.where}` }))),
    ];
    const secrets = [...transcript.secrets, ...others.flatMap((other) => other.secrets)];
    const tokens = secrets.filter((s) => s.label === "bearer token").length;
    assert.ok(tokens > 0, "the simulator issued tokens");
    const leaks = findLeaks(texts, secrets);
    const characters = texts.reduce((sum, t) => sum + t.text.length, 0);
    console.log(
      `[reliability] secrets${LARGE ? " (large)" : ""}: ${figures.paths} failure/success paths, ${figures.runs} runs in-process and ${figures.cli} CLI runs; ` +
        `scanned ${texts.length} outputs (${characters} characters, suites: ${[SUITE, ...others.map((o) => o.suite)].join(", ")}) for ${secrets.length} secrets (${tokens} bearer tokens): ${leaks.length} leaks`,
    );
    assert.deepEqual(leaks, []);
  });
});
