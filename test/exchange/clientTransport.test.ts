// Transport behaviour over real HTTPS against the simulator: paging, retries, the deadline, TLS trust and
// the answers that are not Exchange's usual JSON.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import {
  ConnectionError,
  collect,
  DeadlineExceededError,
  ForbiddenError,
  getMailbox,
  InvalidResponseError,
  listMailboxes,
  NotFoundError,
  ThrottledError,
  TransientError,
} from "../../src/exchange/index.js";
import { DEFAULT_APP, type Fault } from "../../src/simulator/index.js";
import { clientFor, recordingLogger, simulatorFixture } from "./harness.js";

const run = promisify(execFile);
const noRoleAppId = "00000000-0000-0000-0000-00000000b403";

describe("transport against the simulator", () => {
  const fixture = simulatorFixture({
    pageCap: 7,
    apps: [{ ...DEFAULT_APP }, { appId: noRoleAppId, secret: "no-role-secret", exchangeRole: false }],
  });
  before(async () => {
    const simulator = await fixture.start();
    for (let i = 0; i < 30; i++)
      simulator.tenant.addUserMailbox({ name: `user${String(i).padStart(2, "0")}` });
  });
  beforeEach(() => fixture.simulator.faults.clear());
  after(() => fixture.stop());

  const invokes = () => fixture.simulator.requestLog.filter((entry) => entry.kind === "invoke");

  it("returns every row when the server caps pages at 7, with one client-request-id for all pages", async () => {
    const client = fixture.client();
    const already = invokes().length;
    const rows = await collect(
      listMailboxes(client, { RecipientTypeDetails: "UserMailbox" }, { select: ["Guid", "Name"] }),
    );
    assert.equal(rows.length, 30);
    assert.equal(new Set(rows.map((row) => row.Guid)).size, 30);
    assert.deepEqual(Object.keys(rows[0] ?? {}).sort(), ["Guid", "Name"]);
    const pages = invokes().slice(already);
    assert.equal(pages.length, 5);
    assert.equal(new Set(pages.map((entry) => entry.clientRequestId)).size, 1);
  });

  it("streams pages as they arrive", async () => {
    const client = fixture.client({ pageSize: 10 });
    const sizes: number[] = [];
    for await (const page of client.pages({ cmdlet: "Get-Mailbox", parameters: { ResultSize: "Unlimited" } }))
      sizes.push(page.rows.length);
    assert.deepEqual(sizes, [7, 7, 7, 7, 2]);
  });

  it("survives three 429s, honouring Retry-After", async () => {
    const client = fixture.client();
    await getMailbox(client, "user01");
    fixture.simulator.faults.add({ times: 3, fault: { type: "throttle", retryAfterSeconds: 0.05 } });
    const already = invokes().length;
    assert.equal((await getMailbox(client, "user02")).Name, "user02");
    assert.equal(invokes().length - already, 4);
    assert.equal(client.stats.retries, 3);
    assert.equal(
      new Set(
        invokes()
          .slice(already)
          .map((entry) => entry.clientRequestId),
      ).size,
      1,
    );
  });

  it("retries the plain-text concurrency answer, 5xx, transient exceptions and resets", async () => {
    const client = fixture.client();
    const faults: Fault[] = [
      { type: "throttle", retryAfterSeconds: 0, plainText: true },
      { type: "status", status: 500 },
      { type: "status", status: 502 },
      { type: "status", status: 503 },
      { type: "status", status: 504 },
      { type: "transientException", name: "ServerBusyException" },
      { type: "transientException", name: "CmdletProxyNotAvailableFailure" },
      { type: "reset", phase: "before" },
      { type: "reset", phase: "after" },
    ];
    // One fault per call, so each retry is a first retry (back-off under 500 ms).
    for (const fault of faults) {
      fixture.simulator.faults.add({ times: 1, fault });
      assert.equal((await getMailbox(client, "user03")).Name, "user03", fault.type);
    }
    assert.equal(client.stats.retries, faults.length);
  });

  it("never retries another 4xx", async () => {
    const client = fixture.client();
    await getMailbox(client, "user05");
    const already = invokes().length;
    await assert.rejects(getMailbox(client, "nobody"), NotFoundError);
    assert.equal(invokes().length - already, 1);
    assert.equal(client.stats.retries, 0);
  });

  it("stops after maxAttempts", async () => {
    const client = fixture.client({ maxAttempts: 3 });
    await getMailbox(client, "user06");
    fixture.simulator.faults.add({ times: 5, fault: { type: "status", status: 503 } });
    await assert.rejects(getMailbox(client, "user06"), TransientError);
    assert.equal(client.stats.retries, 2);
  });

  it("ends with a clear error in time when Exchange does not answer before the deadline", async () => {
    const client = fixture.client({ deadlineMs: 1500 });
    await getMailbox(client, "user07");
    fixture.simulator.faults.add({ times: 1, fault: { type: "delay", ms: 5000 } });
    const started = Date.now();
    await assert.rejects(getMailbox(client, "user07"), (error: unknown) => {
      assert.ok(error instanceof DeadlineExceededError);
      assert.match(
        error.message,
        /^Exchange Online did not finish within 1\.5 s \(the action deadline\); Get-Mailbox was still waiting/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 1600, "failed at the deadline, not after the delay");
  });

  it("fails at once when Retry-After asks for more time than is left", async () => {
    const client = fixture.client({ deadlineMs: 3000 });
    await getMailbox(client, "user08");
    fixture.simulator.faults.add({ times: 1, fault: { type: "throttle", retryAfterSeconds: 30 } });
    const started = Date.now();
    await assert.rejects(getMailbox(client, "user08"), (error: unknown) => {
      assert.ok(error instanceof DeadlineExceededError);
      assert.match(
        error.message,
        /was throttled and Exchange asks to wait 30 s \(Retry-After\) but only .* remain/,
      );
      assert.ok(error.cause instanceof ThrottledError);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
  });

  it("explains the 403 with a NUL body labelled gzip: the app has no Exchange role", async () => {
    const client = fixture.client({
      appId: noRoleAppId,
      credential: { kind: "secret", secret: "no-role-secret" },
    });
    await assert.rejects(getMailbox(client, "user09"), (error: unknown) => {
      assert.ok(error instanceof ForbiddenError);
      assert.equal(error.status, 403);
      assert.match(
        error.message,
        /the app has no Exchange role for this cmdlet \(assign Exchange Administrator/,
      );
      return true;
    });
    assert.equal(fixture.count("token") > 0, true);
    assert.equal(client.stats.retries, 0, "a missing role is not retried");
  });

  it("retries an HTML page instead of JSON, and reports one that persists as InvalidResponseError", async () => {
    const client = fixture.client();
    fixture.simulator.faults.add({ times: 1, fault: { type: "nonJson" } });
    const mailbox = await getMailbox(client, "user10");
    assert.equal(mailbox.UserPrincipalName, `user10@${fixture.simulator.organization}`);
    assert.equal(client.stats.retries, 1);
    fixture.simulator.faults.add({ times: 100, fault: { type: "nonJson" } });
    await assert.rejects(getMailbox(fixture.client({ maxAttempts: 2 }), "user10"), (error: unknown) => {
      assert.ok(error instanceof InvalidResponseError);
      assert.match(error.message, /answered Get-Mailbox with a body that is not JSON/);
      return true;
    });
    fixture.simulator.faults.clear();
  });

  it("does not trust the simulator's CA unless told to", async () => {
    const simulator = fixture.simulator;
    const client = clientFor(simulator, { ca: undefined });
    try {
      await assert.rejects(getMailbox(client, "user11"), (error: unknown) => {
        assert.ok(error instanceof ConnectionError);
        assert.match(error.message, /not trusted .*NODE_EXTRA_CA_CERTS or the ca option/);
        assert.equal(error.retryable, false);
        return true;
      });
    } finally {
      client.close();
    }
  });

  it("trusts the CA named by NODE_EXTRA_CA_CERTS without a ca option", async () => {
    const simulator = fixture.simulator;
    const options = {
      tenantId: simulator.tenantId,
      appId: DEFAULT_APP.appId,
      credential: { kind: "secret", secret: DEFAULT_APP.secret },
      adminApiUrl: simulator.url,
      authorityUrl: simulator.url,
    };
    const entry = pathToFileURL(resolve("src/exchange/index.ts")).href;
    const script = `
      const { ExchangeClient, getMailbox } = await import(${JSON.stringify(entry)});
      const client = new ExchangeClient(${JSON.stringify(options)});
      console.log((await getMailbox(client, "user11")).Name);
      client.close();`;
    // Asynchronous: the simulator answering the child runs in this process.
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(stdout.trim(), "user11");
  });

  it("logs retries without tokens or secrets", async () => {
    const logger = recordingLogger();
    const client = fixture.client({ logger });
    fixture.simulator.faults.add({ times: 1, fault: { type: "status", status: 503 } });
    await getMailbox(client, "user12");
    const text = logger.lines.join("\n");
    assert.match(text, /Retrying a failed Exchange request/);
    assert.doesNotMatch(text, /Bearer|eyJ|simulator-secret/);
  });
});
