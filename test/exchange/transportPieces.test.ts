import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { InvalidResponseError } from "../../src/exchange/errors.js";
import { readPage } from "../../src/exchange/page.js";
import {
  anchorMailbox,
  invokeBody,
  invokeHeaders,
  invokeUrl,
} from "../../src/exchange/transport/invokeRequest.js";
import { decodeBody, parseJsonBody } from "../../src/exchange/transport/responseBody.js";

const tenant = "7d1a3e2b-5c4f-4b6a-9e8d-0f1a2b3c4d5e";
const endpoints = { adminApiUrl: "https://outlook.office365.com", tenant };

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

  it("anchors on the system mailbox unless the call names a mailbox by address", () => {
    assert.equal(
      anchorMailbox(tenant, undefined),
      `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`,
    );
    assert.equal(anchorMailbox(tenant, "ann@contoso.com"), "UPN:ann@contoso.com");
    assert.equal(
      anchorMailbox(tenant, "8a68c198-be28-4a30-83e9-bffb760c65ba"),
      anchorMailbox(tenant, undefined),
    );
    assert.equal(anchorMailbox(tenant, "jörg@contoso.com"), anchorMailbox(tenant, undefined));
  });

  it("sends JSON mode headers without compression", () => {
    const headers = invokeHeaders({
      call: { cmdlet: "Get-Mailbox", parameters: {} },
      tenant,
      clientRequestId: "c-1",
      pageSize: 7,
    });
    assert.deepEqual(headers, {
      "Content-Type": "application/json",
      Accept: "application/json",
      "Accept-Encoding": "identity",
      "X-AnchorMailbox": `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${tenant}`,
      "X-CmdletName": "Get-Mailbox",
      "client-request-id": "c-1",
      Prefer: "odata.maxpagesize=7",
    });
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
