import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { loadTenant } from "../../../src/simulator/index.js";
import { describeFaultRule, parseFaultSpec } from "../../../src/simulator/server/faultSpec.js";
import { runStandaloneSimulator } from "../../../src/simulator/standalone.js";
import { invoke, tokenFor } from "./helpers.js";

function capture(): { out: Writable; text: () => string } {
  let text = "";
  const out = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { out, text: () => text };
}

describe("standalone simulator", () => {
  const dir = mkdtempSync(join(tmpdir(), "exo-standalone-test-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("prints what a user needs, serves requests and saves the tenant when stopped", async () => {
    const { out, text } = capture();
    const save = join(dir, "tenant.json");
    const { simulator, stop } = await runStandaloneSimulator({ port: 0, dataDir: dir, save }, out);
    try {
      const printed = text();
      assert.ok(printed.includes(`listening on ${simulator.url}`));
      assert.ok(printed.includes(`export NODE_EXTRA_CA_CERTS=${simulator.caPath}`));
      assert.ok(printed.includes(simulator.tenantId));
      assert.ok(printed.includes(simulator.organization));
      const app = simulator.apps[0];
      assert.ok(app?.secret && printed.includes(app.appId) && printed.includes(app.secret));
      assert.ok(printed.includes(`"AdminApiUrl": "${simulator.url}"`));
      assert.equal(readFileSync(simulator.caPath, "utf8"), simulator.caPem);
      const token = await tokenFor(simulator);
      simulator.tenant.addSharedMailbox({ name: "saved-box" });
      assert.equal((await invoke(simulator, token, "Get-Mailbox", { Identity: "saved-box" })).status, 200);
    } finally {
      await stop();
    }
    assert.ok(existsSync(save));
    assert.ok(text().includes(`Tenant saved to ${save}`));
    const reloaded = loadTenant(save);
    assert.equal(reloaded.tenantId, simulator.tenantId);
    assert.ok(reloaded.findRecipient("saved-box"));

    const again = capture();
    const second = await runStandaloneSimulator({ port: 0, dataDir: dir, tenantFile: save }, again.out);
    try {
      assert.ok(second.simulator.tenant.findRecipient("saved-box"));
    } finally {
      await second.stop();
    }
  });

  it("--groups N makes N groups in total (60% distribution, 30% security, 10% synchronized), as its help says; the exact counts override", async () => {
    const groupsOf = async (generate: Parameters<typeof runStandaloneSimulator>[0]["generate"]) => {
      const { simulator, stop } = await runStandaloneSimulator(
        { port: 0, dataDir: dir, generate },
        capture().out,
      );
      await stop();
      const groups = simulator.tenant.toState().recipients.filter((r) => r.kind === "group");
      const count = (type: string, synced = false) =>
        groups.filter((g) => g.recipientTypeDetails === type && g.isDirSynced === synced).length;
      return {
        total: groups.length,
        distribution: count("MailUniversalDistributionGroup"),
        security: count("MailUniversalSecurityGroup"),
      };
    };
    const ten = await groupsOf({ groups: 10 });
    assert.equal(ten.total, 10);
    assert.equal(ten.distribution, 6);
    assert.equal(ten.security, 3);
    const exact = await groupsOf({ groups: 0, distributionGroups: 4, securityGroups: 2 });
    assert.deepEqual(exact, { total: 6, distribution: 4, security: 2 });
  });

  it("injects the faults given on the command line and lists them in its banner", async () => {
    const { out, text } = capture();
    const { simulator, stop } = await runStandaloneSimulator(
      {
        port: 0,
        dataDir: dir,
        latencyMs: 5,
        faults: [
          parseFaultSpec("status=503,every=2"),
          parseFaultSpec("throttle,retry-after=3,cmdlet=Get-User"),
        ],
      },
      out,
    );
    try {
      assert.match(text(), /Injected faults/);
      assert.match(text(), /latency 5 ms on every request/);
      assert.match(text(), /status 503: 1 in 2 cmdlet requests/);
      assert.match(text(), /throttle 3: every one of the Get-User requests/);
      const token = await tokenFor(simulator);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await invoke(simulator, token, "Get-Mailbox", {})).status);
      assert.deepEqual(statuses, [200, 503, 200, 503]);
      const throttled = await invoke(simulator, token, "Get-User", {});
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers["retry-after"], "3");
    } finally {
      await stop();
    }
  });

  it("reads fault rules written on one line, and says what is wrong with a bad one", () => {
    assert.deepEqual(parseFaultSpec("status=503,every=5"), {
      fault: { type: "status", status: 503 },
      times: Number.MAX_SAFE_INTEGER,
      every: 5,
    });
    assert.deepEqual(parseFaultSpec("transient=serverbusyexception,times=2,cmdlet=Set-Mailbox"), {
      fault: { type: "transientException", name: "ServerBusyException" },
      times: 2,
      every: undefined,
      match: { cmdlet: "Set-Mailbox" },
    });
    assert.deepEqual(parseFaultSpec("reset=after").fault, { type: "reset", phase: "after" });
    assert.deepEqual(parseFaultSpec("delay=250,kind=token").match, { kind: "token" });
    assert.equal(
      describeFaultRule(parseFaultSpec("nonjson,times=1")),
      "nonJson: every one of the cmdlet requests (1 times)",
    );
    const bad: [string, RegExp][] = [
      ["status=404", /status: expected 500, 502, 503 or 504/],
      ["throttle,every=0", /every: expected a whole number of at least 1/],
      ["explode", /unknown fault "explode"/],
      ["throttle,often=1", /unknown option "often=1"/],
      ["transient=Oops", /transient: expected one of ServerBusyException/],
      ["reset=sometimes", /reset: expected before or after/],
    ];
    for (const [spec, expected] of bad) assert.throws(() => parseFaultSpec(spec), expected, spec);
  });

  it("refuses a tenant file that does not exist", async () => {
    await assert.rejects(
      runStandaloneSimulator({ tenantFile: join(dir, "missing.json") }, capture().out),
      /not found/,
    );
  });
});
