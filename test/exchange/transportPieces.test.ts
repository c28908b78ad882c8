import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { InvalidResponseError } from "../../src/exchange/errors.js";
import { readPage } from "../../src/exchange/page.js";
import {
  batchBody,
  batchHeaders,
  batchItems,
  connectionAnchor,
  invokeBody,
  invokeHeaders,
  invokeUrl,
} from "../../src/exchange/transport/invokeRequest.js";
import { regionalTarget } from "../../src/exchange/transport/redirectPolicy.js";
import { decodeBody, parseJsonBody } from "../../src/exchange/transport/responseBody.js";

const tenant = "7d1a3e2b-5c4f-4b6a-9e8d-0f1a2b3c4d5e";
const endpoints = { adminApiUrl: "https://outlook.office365.com", tenant };
const connection = { ...endpoints, connectionId: "conn-1", pageSize: 1000 };

describe("response bodies", () => {
  it("keeps NUL bytes labelled gzip as they came", () => {
    const nul = Buffer.alloc(8);
    assert.deepEqual(decodeBody(nul, "gzip"), nul);
    assert.equal(parseJsonBody(nul), undefined);
  });

  it("decodes a real gzip body and ignores identity", () => {
    const json = Buffer.from('{"value":[]}');
    assert.deepEqual(decodeBody(gzipSync(json), "gzip"), json);
    assert.deepEqual(decodeBody(json, undefined), json);
    assert.deepEqual(parseJsonBody(Buffer.from('\uFEFF{"a":1}')), { a: 1 });
  });
});

describe("InvokeCommand requests", () => {
  it("addresses the beta InvokeCommand of the tenant, with an optional $select", () => {
    assert.equal(
      invokeUrl(endpoints, undefined),
      `https://outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`,
    );
    assert.equal(
      invokeUrl(endpoints, ["Guid", "DisplayName"]),
      `https://outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand?$select=Guid,DisplayName`,
    );
    assert.throws(() => invokeUrl(endpoints, ["Guid,Secret"]), TypeError);
  });

  it("routes every call by the connection's system mailbox, never by the mailbox a call names", () => {
    assert.equal(
      connectionAnchor(tenant),
      `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`,
    );
    const headers = invokeHeaders(
      connection,
      { cmdlet: "Get-MailboxPermission", parameters: { Identity: "ann@contoso.com" } },
      "c-1",
    );
    assert.equal(headers["X-AnchorMailbox"], connectionAnchor(tenant));
  });

  it("sends the module's header set in JSON mode, English, gzip accepted", () => {
    const headers = invokeHeaders(connection, { cmdlet: "Get-Mailbox", parameters: {} }, "c-1");
    assert.deepEqual(headers, {
      Accept: "application/json",
      "Accept-Charset": "UTF-8",
      "Accept-Encoding": "gzip",
      "Accept-Language": "en-US",
      "Content-Type": "application/json",
      "X-CmdletName": "Get-Mailbox",
      "client-request-id": "c-1",
      "connection-id": "conn-1",
      WarningAction: "",
      "X-AnchorMailbox": `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`,
      "X-SerializationLevel": "Partial",
      Prefer: "odata.maxpagesize=1000",
    });
  });

  it("asks for no more rows a page than a smaller ResultSize, as the module does", () => {
    const prefer = (ResultSize: unknown) =>
      invokeHeaders(connection, { cmdlet: "Get-Mailbox", parameters: { ResultSize } }, "c").Prefer;
    assert.equal(prefer(2), "odata.maxpagesize=2");
    assert.equal(prefer("Unlimited"), "odata.maxpagesize=1000");
    assert.equal(prefer(5000), "odata.maxpagesize=1000");
  });

  it("repeats the full header set and the outer Authorization in every $batch item", () => {
    const calls = [
      { cmdlet: "Add-DistributionGroupMember", parameters: { Identity: "g", Member: "m" } },
      { cmdlet: "Remove-MailboxPermission", parameters: { Identity: "s", User: "u" } },
    ];
    const items = batchItems(connection, calls, "batch-1");
    const outer = batchHeaders(items);
    assert.equal(outer.Prefer, "odata.continue-on-error");
    assert.equal(outer["X-CmdletName"], "Remove-MailboxPermission");
    const body = JSON.parse(batchBody(items, "Bearer t0k", "https://nam13b.outlook.office365.com"));
    assert.equal(body.requests.length, 2);
    for (const [index, request] of body.requests.entries()) {
      assert.equal(request.id, String(index));
      assert.equal(request.method, "POST");
      assert.equal(request.url, `https://nam13b.outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`);
      assert.equal(request.headers.Authorization, "Bearer t0k");
      assert.equal(request.headers["client-request-id"], "batch-1");
      assert.equal(request.headers["X-CmdletName"], calls[index]?.cmdlet);
      assert.equal(request.headers.Prefer, "odata.maxpagesize=1000;odata.continue-on-error");
      assert.deepEqual(request.body, {
        CmdletInput: { CmdletName: calls[index]?.cmdlet, Parameters: calls[index]?.parameters },
      });
    }
  });

  it("follows a redirect only to the admin host or a regional subdomain, over HTTPS", () => {
    const from = `https://outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`;
    assert.equal(
      regionalTarget(from, `https://nam13b.outlook.office365.com:446/adminapi/beta/${tenant}/InvokeCommand`)
        ?.href,
      `https://nam13b.outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand`,
    );
    assert.equal(regionalTarget(from, "/adminapi/beta/x/InvokeCommand")?.host, "outlook.office365.com");
    assert.equal(regionalTarget(from, "https://outlook.office365.com.evil.example/x"), undefined);
    assert.equal(regionalTarget(from, "https://evil.example/outlook.office365.com"), undefined);
    assert.equal(regionalTarget(from, "http://nam13b.outlook.office365.com/x"), undefined);
    assert.equal(regionalTarget(from, "https://nam13b.outlook.office365.com:8443/x"), undefined);
  });

  it("builds the CmdletInput body", () => {
    assert.equal(
      invokeBody({ cmdlet: "Get-Mailbox", parameters: { Identity: "a", Skip: undefined } }),
      '{"CmdletInput":{"CmdletName":"Get-Mailbox","Parameters":{"Identity":"a"}}}',
    );
  });
});

describe("pages", () => {
  const fields = { cmdlet: "Get-Mailbox" };

  it("strips annotation keys and keeps warnings", () => {
    const page = readPage(
      {
        "@odata.context": "x",
        "adminapi.warnings@odata.type": "#Collection(String)",
        "@adminapi.warnings": ["careful"],
        value: [
          {
            "Guid@data.type": "System.Guid",
            "Guid@odata.type": "#Guid",
            Guid: "g",
            Nested: { "A@odata.type": "#X", A: 1 },
          },
        ],
      },
      endpoints.adminApiUrl,
      fields,
    );
    assert.deepEqual(page.rows, [{ Guid: "g", Nested: { A: 1 } }]);
    assert.deepEqual(page.warnings, ["careful"]);
    assert.equal(page.nextLink, undefined);
  });

  it("drops the 'more results' warning of a page that has a next page", () => {
    const page = readPage(
      {
        "@adminapi.warnings": ["There are more results available than are currently displayed."],
        value: [],
        "@odata.nextLink": `https://outlook.office365.com/adminapi/beta/${tenant}/InvokeCommand?$skiptoken=1`,
      },
      endpoints.adminApiUrl,
      fields,
    );
    assert.deepEqual(page.warnings, []);
    assert.ok(page.nextLink);
  });

  it("refuses a nextLink to another host (the token would follow it)", () => {
    assert.throws(
      () =>
        readPage(
          { value: [], "@odata.nextLink": "https://evil.example/steal" },
          endpoints.adminApiUrl,
          fields,
        ),
      InvalidResponseError,
    );
  });

  it("refuses a body that is not JSON or has no list", () => {
    assert.throws(() => readPage(undefined, endpoints.adminApiUrl, fields), InvalidResponseError);
    assert.throws(() => readPage({ value: "x" }, endpoints.adminApiUrl, fields), InvalidResponseError);
  });
});
