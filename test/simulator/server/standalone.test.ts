import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { after, describe, it } from "node:test";
import { loadTenant } from "../../../src/simulator/index.js";
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

  it("refuses a tenant file that does not exist", async () => {
    await assert.rejects(
      runStandaloneSimulator({ tenantFile: join(dir, "missing.json") }, capture().out),
      /not found/,
    );
  });
});
