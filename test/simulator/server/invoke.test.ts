import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";
import { type Simulator, startSimulator } from "../../../src/simulator/index.js";
import { cmdletBody, invoke, send, tokenFor } from "./helpers.js";

const ODATA_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

describe("InvokeCommand", () => {
  let sim: Simulator;
  let token: string;
  const invokePath = () => `/adminapi/beta/${sim.tenantId}/InvokeCommand`;

  before(async () => {
    sim = await startSimulator({
      apps: [
        { appId: "33333333-0000-0000-0000-000000000001", secret: "full" },
        { appId: "33333333-0000-0000-0000-000000000002", secret: "none", exchangeRole: false },
        { appId: "33333333-0000-0000-0000-000000000003", secret: "some", allowedCmdlets: ["get-mailbox"] },
      ],
    });
    sim.tenant.addUserMailbox({ name: "anna", displayName: "Anna de Vries" });
    sim.tenant.addSharedMailbox({ name: "sales", displayName: "Sales" });
    token = await tokenFor(sim);
  });
  after(() => sim.close());

  it("answers with the captured envelope and headers", async () => {
    const res = await invoke(sim, token, "Get-Mailbox", { Identity: "anna" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-type"], ODATA_JSON);
    assert.match(String(res.headers["request-id"]), /^[0-9a-f-]{36}$/);
    assert.equal(res.headers["odata-version"], "4.0");
    assert.equal(res.headers["rate-limit-limit"], "30000");
    assert.ok(Number(res.headers["rate-limit-remaining"]) < 30000);
    assert.ok(!Number.isNaN(Date.parse(String(res.headers["rate-limit-reset"]))));
    const body = res.json();
    assert.deepEqual(Object.keys(body), [
      "@odata.context",
      "adminapi.warnings@odata.type",
      "@adminapi.warnings",
      "value",
    ]);
    assert.equal(
      body["@odata.context"],
      `${sim.url}/adminapi/beta/${sim.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`,
    );
    assert.equal(body["adminapi.warnings@odata.type"], "#Collection(String)");
    assert.deepEqual(body["@adminapi.warnings"], []);
    assert.equal(body.value.length, 1);
    assert.equal(body.value[0].Name, "anna");
  });

  it("accepts the organization domain as tenant and records routing headers and parameters", async () => {
    sim.clearLog();
    const res = await invoke(
      sim,
      token,
      "get-mailbox",
      { Identity: "sales" },
      {
        url: `/adminapi/beta/${sim.organization}/InvokeCommand`,
        headers: {
          "X-AnchorMailbox": `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${sim.tenantId}`,
          "client-request-id": "c0ffee00-0000-0000-0000-000000000001",
          "X-CmdletName": "Get-Mailbox",
          "X-ResponseFormat": "json",
        },
      },
    );
    assert.equal(res.status, 200);
    const [entry] = sim.requestLog;
    assert.equal(entry?.kind, "invoke");
    assert.equal(entry?.cmdlet, "get-mailbox");
    assert.deepEqual(entry?.parameters, { Identity: "sales" });
    assert.equal(entry?.isWrite, false);
    assert.equal(
      entry?.anchorMailbox,
      `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${sim.tenantId}`,
    );
    assert.equal(entry?.clientRequestId, "c0ffee00-0000-0000-0000-000000000001");
  });

  it("runs writes, answers value [] and counts them in writes()", async () => {
    sim.clearLog();
    const res = await invoke(sim, token, "Set-Mailbox", { Identity: "anna", CustomAttribute1: "x" });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json().value, []);
    assert.equal(sim.writes().length, 1);
    assert.equal(sim.writes()[0]?.cmdlet, "Set-Mailbox");
  });

  it("renders a cmdlet failure as Exchange's OData error envelope", async () => {
    const res = await invoke(sim, token, "Get-Mailbox", { Identity: "nobody" });
    assert.equal(res.status, 404);
    assert.equal(res.headers["x-exceptiontype"], "ManagementObjectNotFoundException");
    assert.ok(res.headers["request-id"]);
    const { error } = res.json();
    assert.equal(error.code, "NotFound");
    assert.equal(error.message, "Error executing cmdlet");
    assert.match(
      error.details[0].message,
      /^Ex6F9304\|Microsoft\.Exchange\.Configuration\.Tasks\.ManagementObjectNotFoundException\|The operation couldn't be performed because object 'nobody' couldn't be found on '.+'\.$/,
    );
    assert.equal(error.innererror.type, "Microsoft.Exchange.Admin.OData.Core.ODataServiceException");
    // As captured from the real service: the exception raised while the cmdlet ran is only in details[0];
    // internalexception is the DirectInvoke wrapper.
    assert.deepEqual(error.innererror.internalexception, {
      message:
        "Exception of type 'Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException' was thrown.",
      type: "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException",
      stacktrace: "",
    });
  });

  it("renders a parameter failure as 'Invalid Operation' with the real exception in internalexception", async () => {
    const unknown = await invoke(sim, token, "Get-Mailbox", { Identity: "anna", BogusParameter: 1 });
    assert.equal(unknown.status, 400);
    const { error } = unknown.json();
    assert.equal(error.message, "Invalid Operation");
    assert.match(
      error.details[0].message,
      /^\|Microsoft\.Exchange\.AdminApi\.CommandInvocation\.AmbiguousParameterSetException\|/,
    );
    assert.equal(
      error.innererror.internalexception.type,
      "Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException",
    );
    const converted = await invoke(sim, token, "Get-Mailbox", { ResultSize: "lots" });
    assert.equal(converted.status, 400);
    const body = converted.json().error;
    assert.equal(body.details, undefined);
    assert.equal(
      body.innererror.internalexception.type,
      "Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException",
    );
    assert.deepEqual(body["@adminapi.warnings"], []);
  });

  it("answers 401 with a bearer challenge and an empty body for missing, invalid or foreign-tenant tokens", async () => {
    const cases = [
      send(sim, "POST", invokePath(), {
        headers: { "Content-Type": "application/json" },
        body: cmdletBody("Get-Mailbox"),
      }),
      invoke(sim, "not.a.token", "Get-Mailbox"),
      invoke(sim, `${token.slice(0, -4)}AAAA`, "Get-Mailbox"),
      invoke(sim, token, "Get-Mailbox", {}, { url: "/adminapi/beta/fabrikam.onmicrosoft.com/InvokeCommand" }),
    ];
    for (const res of await Promise.all(cases)) {
      assert.equal(res.status, 401);
      assert.match(String(res.headers["www-authenticate"]), /^Bearer .*error="invalid_token"/);
      assert.equal(res.body.length, 0);
    }
  });

  it("answers 401 once the token has expired", async () => {
    const shortLived = await startSimulator({ tokenLifetimeSeconds: 1 });
    try {
      const early = await tokenFor(shortLived);
      assert.equal((await invoke(shortLived, early, "Get-Mailbox")).status, 200);
      await sleep(1100);
      const late = await invoke(shortLived, early, "Get-Mailbox");
      assert.equal(late.status, 401);
      assert.match(String(late.headers["x-ms-diagnostics"]), /expired/);
    } finally {
      await shortLived.close();
    }
  });

  it("answers 403 with NUL bytes labelled gzip for unknown cmdlets and cmdlets the role does not grant", async () => {
    const noRole = await tokenFor(sim, sim.apps[1]);
    const someRole = await tokenFor(sim, sim.apps[2]);
    const denied = [
      await invoke(sim, token, "Get-Unicorn"),
      await invoke(sim, noRole, "Get-Mailbox"),
      await invoke(sim, someRole, "Set-Mailbox", { Identity: "anna", CustomAttribute2: "y" }),
    ];
    for (const res of denied) {
      assert.equal(res.status, 403);
      assert.equal(res.headers["content-encoding"], "gzip");
      assert.ok(res.body.length > 0 && res.body.every((byte) => byte === 0));
      assert.throws(() => gunzipSync(res.body));
    }
    assert.equal((await invoke(sim, someRole, "Get-Mailbox", { Identity: "anna" })).status, 200);
    assert.ok(sim.writes().every((entry) => entry.parameters?.CustomAttribute2 !== "y"));
  });

  it("rejects malformed requests with 400 (415 for a non-JSON content type)", async () => {
    const raw = (body: string, headers: Record<string, string> = {}, query = "") =>
      send(sim, "POST", `${invokePath()}${query}`, {
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
        body,
      });
    const cases: [string, Promise<{ status: number; text: string }>, number][] = [
      ["invalid JSON", raw("{"), 400],
      ["no CmdletInput", raw("{}"), 400],
      ["unknown top-level property", raw('{"CmdletInput":{"CmdletName":"Get-Mailbox"},"x":1}'), 400],
      ["unknown CmdletInput property", raw('{"CmdletInput":{"CmdletName":"Get-Mailbox","Params":{}}}'), 400],
      ["no CmdletName", raw('{"CmdletInput":{"Parameters":{}}}'), 400],
      ["Parameters not an object", raw('{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":[1]}}'), 400],
      ["clixml", raw(cmdletBody("Get-Mailbox"), { "X-ResponseFormat": "clixml" }), 400],
      ["X-CmdletName mismatch", raw(cmdletBody("Get-Mailbox"), { "X-CmdletName": "Set-Mailbox" }), 400],
      ["unknown query option", raw(cmdletBody("Get-Mailbox"), {}, "?$top=1"), 400],
      ["bad maxpagesize", raw(cmdletBody("Get-Mailbox"), { Prefer: "odata.maxpagesize=0" }), 400],
      ["form content type", raw(cmdletBody("Get-Mailbox"), { "Content-Type": "text/plain" }), 415],
    ];
    for (const [name, pending, status] of cases) {
      const res = await pending;
      assert.equal(res.status, status, `${name}: ${res.text}`);
      assert.ok(JSON.parse(res.text).error.message, name);
    }
  });

  it("answers 405 for InvokeCommand on v1.0 and for GET", async () => {
    const v1 = await invoke(
      sim,
      token,
      "Get-Mailbox",
      {},
      { url: `/adminapi/v1.0/${sim.tenantId}/InvokeCommand` },
    );
    assert.equal(v1.status, 405);
    assert.equal(
      (await send(sim, "GET", invokePath(), { headers: { Authorization: `Bearer ${token}` } })).status,
      405,
    );
  });

  it("keeps only the $select-ed properties and their annotations", async () => {
    const res = await invoke(
      sim,
      token,
      "Get-Mailbox",
      { Identity: "anna" },
      { query: "?$select=name,Guid" },
    );
    assert.equal(res.status, 200);
    const [row] = res.json().value;
    const kept = Object.keys(row).map((key) => key.split("@")[0]);
    assert.deepEqual([...new Set(kept)].sort(), ["Guid", "Name"]);
    assert.equal(row.Name, "anna");
  });

  it("gzips answers for clients that accept it", async () => {
    const res = await invoke(sim, token, "Get-Mailbox", {}, { headers: { "Accept-Encoding": "gzip" } });
    assert.equal(res.headers["content-encoding"], "gzip");
    assert.ok(Array.isArray(JSON.parse(gunzipSync(res.body).toString()).value));
  });
});
