// The envelopes here are the captured bodies of docs/EXCHANGE-API.md, 'Errors' (live 400s, a Microsoft
// test-forest sample), plus the bodies that are not JSON at all.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { writeOutcome } from "../../src/exchange/cmdlets/writeOutcome.js";
import { parseErrorResponse, readEnvelope } from "../../src/exchange/errorParser.js";
import {
  AlreadyExistsError,
  BadRequestError,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  NotMemberError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from "../../src/exchange/errors.js";

const s11Ambiguous = {
  error: {
    code: "BadRequest",
    message: "Invalid Operation",
    details: [
      {
        code: "Client",
        target: "",
        message:
          "|Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException|Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. BogusParameter",
      },
    ],
    innererror: {
      message: "Invalid Operation",
      type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
      stacktrace: "",
      internalexception: {
        message:
          "Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. BogusParameter",
        type: "Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException",
        stacktrace: "",
      },
    },
  },
};

const s11Transformation = {
  error: {
    code: "BadRequest",
    message: "Invalid Operation",
    innererror: {
      message: "Invalid Operation",
      type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
      stacktrace: "",
      internalexception: {
        message:
          'Cannot process argument transformation on parameter \'QuarantineTypes\'. Cannot convert value "Nonsense" to type "Microsoft.Exchange.Management.FfoQuarantine.QuarantineMessageTypeEnum[]". Error: "Unable to match the identifier name Nonsense to a valid enumerator name. Specify one of the following enumerator names and try again: Spam, TransportRule"',
        type: "Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException",
        stacktrace: "",
      },
    },
    "adminapi.warnings@odata.type": "#Collection(String)",
    "@adminapi.warnings": [],
  },
};

const s13NotFound = {
  error: {
    code: "InternalServerError",
    message: "Error executing cmdlet",
    details: [
      {
        code: "Client",
        target: "",
        message:
          "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'user2@jichen0107d.com' couldn't be found on 'EXHV-1242.EXHV-1242dom.extest.microsoft.com'.",
      },
    ],
    innererror: {
      message: "Error executingcmdlet",
      type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
      stacktrace: " 357",
    },
  },
};

const DIRECT_INVOKE_WRAPPER =
  "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException";

/**
 * The envelope of a failure raised while the cmdlet ran (docs/EXCHANGE-API.md, 'Errors'): the real class and
 * text only in details[0]; internalexception is the DirectInvoke wrapper.
 */
function cmdletError(exceptionType: string, text: string, errorId = "") {
  return {
    error: {
      code: "BadRequest",
      message: "Error executing cmdlet",
      details: [{ code: "Client", target: "", message: `${errorId}|${exceptionType}|${text}` }],
      innererror: {
        message: "Error executing cmdlet",
        type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
        stacktrace: "",
        internalexception: {
          message: `Exception of type '${DIRECT_INVOKE_WRAPPER}' was thrown.`,
          type: DIRECT_INVOKE_WRAPPER,
          stacktrace: "",
        },
      },
    },
  };
}

const bytes = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
const parse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  parseErrorResponse({
    status,
    headers,
    body: Buffer.isBuffer(body) ? body : bytes(body),
    cmdlet: "Get-Mailbox",
  });

describe("error envelope reading", () => {
  it("reads class and text from details[0] and internalexception alike (a live 400, unknown parameter)", () => {
    const error = parse(400, s11Ambiguous, { "request-id": "r-1" });
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.status, 400);
    assert.equal(error.code, "BadRequest");
    assert.equal(
      error.exceptionType,
      "Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException",
    );
    assert.equal(error.exceptionName, "AmbiguousParameterSetException");
    assert.equal(error.requestId, "r-1");
    assert.equal(error.cmdlet, "Get-Mailbox");
    assert.equal(error.retryable, false);
    assert.match(error.message, /^Parameter set cannot be resolved .* BogusParameter$/);
  });

  it("reads an envelope without details (a live 400, bad enum value)", () => {
    const error = parse(400, s11Transformation);
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.exceptionName, "ParameterTransformationException");
    assert.match(error.message, /^Cannot process argument transformation on parameter 'QuarantineTypes'/);
  });

  it("strips the <id>|<class>| prefix of details[0].message and keeps the ErrorId (test-forest sample)", () => {
    const envelope = readEnvelope(s13NotFound);
    assert.deepEqual(envelope, {
      code: "InternalServerError",
      errorId: "Ex6F9304",
      exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
      text: "The operation couldn't be performed because object 'user2@jichen0107d.com' couldn't be found on 'EXHV-1242.EXHV-1242dom.extest.microsoft.com'.",
    });
  });

  it("never takes the DirectInvoke wrapper in internalexception for the failure (details[0] has it)", () => {
    const envelope = readEnvelope(
      cmdletError(
        "Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException",
        "already a member",
        "Ex1",
      ),
    );
    assert.equal(envelope?.exceptionType, "Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException");
    assert.equal(envelope?.text, "already a member");
  });

  it("falls back to error.message when nothing better is there", () => {
    assert.equal(
      readEnvelope({ error: { code: "BadRequest", message: "Invalid Operation" } })?.text,
      "Invalid Operation",
    );
    assert.equal(readEnvelope({ value: [] }), undefined);
  });
});

describe("error classification", () => {
  it("maps an unknown Identity to NotFoundError with subject identity, whatever the status (the sample's is 500)", () => {
    for (const status of [404, 500]) {
      const error = parse(status, s13NotFound);
      assert.ok(error instanceof NotFoundError, String(status));
      assert.equal(error.subject, "identity");
      assert.equal(error.objectValue, "user2@jichen0107d.com");
      assert.equal(error.errorId, "Ex6F9304");
      assert.equal(error.retryable, false);
    }
  });

  it("maps an unknown Member/User/Trustee to NotFoundError with subject parameter (Ex94914C)", () => {
    const error = parse(
      400,
      cmdletError(
        "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
        'Couldn\'t find object "ghost@contoso.com". Please make sure that it was spelled correctly or specify a different object.',
        "Ex94914C",
      ),
    );
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.subject, "parameter");
    assert.equal(error.objectValue, "ghost@contoso.com");
  });

  it("maps the already-exists family to AlreadyExistsError: the entry (already done) or another object (taken)", () => {
    for (const [type, subject] of [
      ["Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException", "entry"],
      ["Microsoft.Exchange.Management.StoreTasks.UserAlreadyExistsInPermissionEntryException", "entry"],
      ["Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException", "object"],
      ["Microsoft.Exchange.Data.Directory.ProxyAddressExistsException", "object"],
    ] as const) {
      const error = parse(400, cmdletError(type, "exists"));
      assert.ok(error instanceof AlreadyExistsError, type);
      assert.equal(error.subject, subject, type);
      // Only the entry's own "already so" is a no-op; a name or address taken elsewhere is a failure.
      assert.equal(
        writeOutcome({ ok: false, error }).status,
        subject === "entry" ? "unchanged" : "failed",
        type,
      );
    }
    const member = parse(
      400,
      cmdletError(
        "Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException",
        'The recipient "a@contoso.com" is already a member of the group "Sales".',
      ),
    );
    assert.equal(member.message, 'The recipient "a@contoso.com" is already a member of the group "Sales".');
  });

  it("maps not-a-member and no-permission-entry to NotMemberError", () => {
    for (const type of [
      "Microsoft.Exchange.Management.Tasks.MemberNotFoundException",
      "Microsoft.Exchange.Management.StoreTasks.UserNotFoundInPermissionEntryException",
    ]) {
      assert.ok(parse(400, cmdletError(type, "not there")) instanceof NotMemberError, type);
    }
  });

  it("treats transient exception names in a 400 or 500 body as retryable TransientError", () => {
    for (const name of ["ServerBusyException", "CmdletProxyNotAvailableFailure", "DCOverloadedException"]) {
      const error = parse(400, cmdletError(`Microsoft.Exchange.Data.${name}`, "Please try again later."));
      assert.ok(error instanceof TransientError, name);
      assert.equal(error.retryable, true);
    }
    const adTransient = parse(500, {
      error: {
        code: "InternalServerError",
        message: "The call to Microsoft Exchange Active Directory Topology service returned an error.",
        innererror: { type: "Microsoft.Exchange.Data.Directory.ADTransientException" },
      },
    });
    assert.ok(adTransient instanceof TransientError);
    assert.equal(adTransient.retryable, true);
  });

  it("treats gateway statuses as transient even with an HTML body", () => {
    for (const status of [502, 503, 504]) {
      const error = parse(status, "<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>");
      assert.ok(error instanceof TransientError, String(status));
      assert.equal(error.retryable, true);
      assert.match(error.message, /HTML page/);
    }
  });

  it("reports an HTML body on a non-5xx status as InvalidResponseError", () => {
    const error = parse(400, "<html><body>Bad gateway config</body></html>");
    assert.ok(error instanceof InvalidResponseError);
    assert.match(error.message, /an HTML page instead of a JSON error/);
  });

  it("explains the 403 whose body is NUL bytes labelled gzip: a missing Exchange role", () => {
    const error = parseErrorResponse({
      status: 403,
      headers: { "content-encoding": "gzip" },
      body: Buffer.alloc(16),
      cmdlet: "Add-MailboxPermission",
    });
    assert.ok(error instanceof ForbiddenError);
    assert.equal(error.retryable, false);
    assert.match(error.message, /Add-MailboxPermission/);
    assert.match(
      error.message,
      /the app has no Exchange role for this cmdlet \(assign Exchange Administrator \/ Exchange Recipient Administrator to the app's service principal\)/,
    );
  });

  it("handles a `$batch` sub-response whose NUL body arrives as a string", () => {
    const error = parseErrorResponse({ status: 403, headers: {}, body: "\0\0\0\0", cmdlet: "Set-Mailbox" });
    assert.ok(error instanceof ForbiddenError);
  });

  it("reads Retry-After (decimal seconds) from a 429", () => {
    const error = parse(
      429,
      { error: { code: "TooManyRequests", message: "Too many requests." } },
      { "retry-after": "1.5" },
    );
    assert.ok(error instanceof ThrottledError);
    assert.equal(error.retryAfterMs, 1500);
    assert.equal(error.retryable, true);
  });

  it("recognises the plain-text concurrency answer as throttling, whatever the status", () => {
    const text =
      "You have reached the maximum number of concurrent requests per tenant. Please wait and try again";
    for (const status of [429, 503, 400]) {
      const error = parse(status, text);
      assert.ok(error instanceof ThrottledError, String(status));
      assert.equal(error.retryAfterMs, undefined);
      assert.match(error.message, /maximum number of concurrent requests/);
    }
  });

  it("maps 401 to UnauthorizedError", () => {
    assert.ok(parse(401, "") instanceof UnauthorizedError);
  });

  it("does not call a 404 without Exchange's not-found exception a missing object", () => {
    const error = parse(404, {
      error: { code: "NotFound", message: "No resource at /adminapi/beta/x/Nope." },
    });
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.status, 404);
  });
});
