import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";
import {
  applySelect,
  canonicalJson,
  parseMaxPageSize,
  parseSelect,
} from "../../../src/simulator/server/paging.js";
import { cmdletBody, type HttpResult, invoke, send, tokenFor } from "./helpers.js";

const MORE = /^There are more results available than are currently displayed\./;

describe("paging", () => {
  let sim: Simulator;
  let token: string;
  const MAILBOXES = 45;

  before(async () => {
    sim = await startSimulator({ pageCap: 7 });
    for (let i = 0; i < MAILBOXES; i += 1)
      sim.tenant.addSharedMailbox({ name: `shared-${String(i).padStart(2, "0")}` });
    token = await tokenFor(sim);
  });
  after(() => sim.close());

  const repost = (url: string, body: string, prefer?: string) =>
    send(sim, "POST", url, {
      headers: {
        Authorization: `Bearer ${token}`,
        "Content-Type": "application/json",
        ...(prefer ? { Prefer: prefer } : {}),
      },
      body,
    });

  it("returns every row exactly once across pages capped at pageCap, by re-POSTing the body to nextLink", async () => {
    sim.clearLog();
    const parameters = { ResultSize: "Unlimited" };
    const pages: HttpResult[] = [
      await invoke(sim, token, "Get-Mailbox", parameters, { headers: { Prefer: "odata.maxpagesize=1000" } }),
    ];
    for (
      let next = pages[0]?.json()["@odata.nextLink"];
      next;
      next = pages.at(-1)?.json()["@odata.nextLink"]
    ) {
      assert.ok(next.startsWith(`${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand?`));
      pages.push(await repost(next, cmdletBody("Get-Mailbox", parameters), "odata.maxpagesize=1000"));
    }
    assert.equal(pages.length, Math.ceil(MAILBOXES / 7));
    const names = pages.flatMap((page) => page.json().value.map((row: { Name: string }) => row.Name));
    assert.equal(names.length, MAILBOXES);
    assert.equal(new Set(names).size, MAILBOXES);
    for (const page of pages.slice(0, -1)) {
      assert.equal(page.json().value.length, 7);
      assert.match(page.json()["@adminapi.warnings"].at(-1), MORE);
    }
    assert.deepEqual(pages.at(-1)?.json()["@adminapi.warnings"], []);
    assert.equal(sim.requestLog.filter((e) => e.executed).length, 1, "the cmdlet runs once per listing");
  });

  it("honours a smaller odata.maxpagesize, also in the spaced form with continue-on-error", async () => {
    const first = await invoke(
      sim,
      token,
      "Get-Mailbox",
      {},
      { headers: { Prefer: "odata.maxpagesize = 3;odata.continue-on-error" } },
    );
    assert.equal(first.json().value.length, 3);
    const second = await repost(
      first.json()["@odata.nextLink"],
      cmdletBody("Get-Mailbox", {}),
      "odata.maxpagesize=5",
    );
    assert.equal(second.json().value.length, 5);
    assert.equal(second.json().value[0].Name, (await invoke(sim, token, "Get-Mailbox")).json().value[3].Name);
  });

  it("repeats a ResultSize truncation warning on every page, without doubling it", async () => {
    const first = await invoke(sim, token, "Get-Mailbox", { ResultSize: 10 });
    assert.deepEqual(first.json()["@adminapi.warnings"].length, 1);
    assert.match(first.json()["@adminapi.warnings"][0], MORE);
    const last = await repost(first.json()["@odata.nextLink"], cmdletBody("Get-Mailbox", { ResultSize: 10 }));
    assert.equal(last.json().value.length, 3);
    assert.equal(last.json()["@odata.nextLink"], undefined);
    assert.match(last.json()["@adminapi.warnings"][0], MORE, "the last page still says the listing was cut");
  });

  it("keeps $select on the next pages", async () => {
    const first = await invoke(sim, token, "Get-Mailbox", {}, { query: "?$select=Name" });
    const next = first.json()["@odata.nextLink"];
    assert.match(next, /\$select=Name/);
    const second = await repost(next, cmdletBody("Get-Mailbox", {}));
    assert.deepEqual(Object.keys(second.json().value[0]), ["Name"]);
  });

  it("refuses a nextLink with a different body or an unknown token", async () => {
    const first = await invoke(sim, token, "Get-Mailbox", { ResultSize: "Unlimited" });
    const next = first.json()["@odata.nextLink"];
    const other = await repost(next, cmdletBody("Get-Mailbox", { ResultSize: 10 }));
    assert.equal(other.status, 400);
    assert.match(other.json().error.message, /different request/);
    const reordered = await repost(
      next,
      JSON.stringify({ CmdletInput: { Parameters: { ResultSize: "Unlimited" }, CmdletName: "Get-Mailbox" } }),
    );
    assert.equal(reordered.status, 200, "key order and whitespace do not make a different body");
    const bogus = await repost(
      `${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand?$skiptoken=bm9wZQ`,
      cmdletBody("Get-Mailbox"),
    );
    assert.equal(bogus.status, 400);
  });
});

describe("paging helpers", () => {
  it("parses odata.maxpagesize in the forms clients send", () => {
    assert.equal(parseMaxPageSize(undefined), undefined);
    assert.equal(parseMaxPageSize("odata.maxpagesize=1000"), 1000);
    assert.equal(parseMaxPageSize("odata.maxpagesize = 1000;odata.continue-on-error"), 1000);
    assert.equal(parseMaxPageSize("odata.continue-on-error, odata.maxpagesize=2"), 2);
    assert.equal(parseMaxPageSize("odata.include-annotations=*"), undefined);
    assert.equal(parseMaxPageSize("odata.maxpagesize=-1"), "invalid");
    assert.equal(parseMaxPageSize("odata.maxpagesize=abc"), "invalid");
  });

  it("selects case-insensitively and keeps annotations", () => {
    const rows = [{ "Guid@odata.type": "#Guid", Guid: "g", Name: "n", Alias: "a" }];
    assert.deepEqual(applySelect(rows, parseSelect("guid") as Set<string>), [
      { "Guid@odata.type": "#Guid", Guid: "g" },
    ]);
    assert.equal(parseSelect("Name,,Guid"), "invalid");
    assert.equal(parseSelect(null), undefined);
  });

  it("compares bodies canonically", () => {
    assert.equal(
      canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }),
      canonicalJson({ a: null, b: [1, { c: 2, d: 1 }] }),
    );
    assert.notEqual(canonicalJson({ a: 1 }), canonicalJson({ a: "1" }));
  });
});
