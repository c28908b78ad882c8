// Exchange's wire shapes (docs/EXCHANGE-API.md, 'Success envelope', 'Errors'): the success envelope, the
// OData error envelope, the 401 challenge and the 403 whose body is NUL bytes labelled gzip.
import { STATUS_CODES } from "node:http";
import type { FailurePhase } from "../cmdlets/types.js";

/** What a handler answers; `body` is JSON unless it is a string (text) or a Buffer (raw bytes). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** A reply, or "reset": destroy the connection without answering. */
export type Outcome = Reply | "reset";

/** Verbatim from a captured 200 (docs/EXCHANGE-API.md, 'Success envelope'). */
export const ODATA_JSON_CONTENT_TYPE =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const ODATA_SERVICE_EXCEPTION = "Microsoft.Exchange.Admin.OData.Core.ODataServiceException";

export function jsonReply(status: number, body: unknown, contentType = ODATA_JSON_CONTENT_TYPE): Reply {
  return { status, headers: { "Content-Type": contentType }, body };
}

export function successReply(
  context: string,
  warnings: string[],
  value: unknown[],
  nextLink: string | undefined,
): Reply {
  return jsonReply(200, {
    "@odata.context": context,
    "adminapi.warnings@odata.type": "#Collection(String)",
    "@adminapi.warnings": warnings,
    value,
    ...(nextLink === undefined ? {} : { "@odata.nextLink": nextLink }),
  });
}

/** .NET HttpStatusCode names, which Exchange uses as `error.code` ("NotFound", "BadRequest"...). */
function statusCodeName(status: number): string {
  return (STATUS_CODES[status] ?? "Error").replace(/[^A-Za-z]/g, "");
}

const shortClassName = (exceptionType: string): string =>
  exceptionType.slice(exceptionType.lastIndexOf(".") + 1);

export interface ExchangeFailure {
  status: number;
  exceptionType: string;
  message: string;
  errorId: string;
  target: string;
  /** Default `execution`; see CmdletError.phase. */
  phase?: FailurePhase;
}

/** What the service puts in `internalexception` for any failure raised while the cmdlet ran. */
const DIRECT_INVOKE_WRAPPER =
  "Microsoft.Exchange.Management.PSDirectInvoke.DirectInvokeCmdletExecutionException";

/**
 * The OData error envelope of a failed cmdlet, as captured from the real service:
 * - raised while the cmdlet ran ("Error executing cmdlet"): the real class and text only in
 *   `details[0].message` (`<ErrorId>|<class>|<text>`); `internalexception` is the DirectInvoke wrapper;
 * - raised while binding or converting parameters ("Invalid Operation"): the real exception in
 *   `internalexception`; `details` only for an unresolvable parameter set; `@adminapi.warnings` inside `error`.
 * `x-ExceptionType` carries the short class name, as the module reads it.
 */
export function cmdletErrorReply(failure: ExchangeFailure): Reply {
  const phase = failure.phase ?? "execution";
  const detail = {
    code: "Client",
    target: failure.target,
    message: `${failure.errorId}|${failure.exceptionType}|${failure.message}`,
  };
  const error =
    phase === "execution"
      ? {
          code: statusCodeName(failure.status),
          message: "Error executing cmdlet",
          details: [detail],
          innererror: {
            message: "Error executing cmdlet",
            type: ODATA_SERVICE_EXCEPTION,
            stacktrace: "",
            internalexception: {
              message: `Exception of type '${DIRECT_INVOKE_WRAPPER}' was thrown.`,
              type: DIRECT_INVOKE_WRAPPER,
              stacktrace: "",
            },
          },
        }
      : {
          code: statusCodeName(failure.status),
          message: "Invalid Operation",
          ...(phase === "bindingWithDetails" ? { details: [detail] } : {}),
          innererror: {
            message: "Invalid Operation",
            type: ODATA_SERVICE_EXCEPTION,
            stacktrace: "",
            internalexception: { message: failure.message, type: failure.exceptionType, stacktrace: "" },
          },
          "adminapi.warnings@odata.type": "#Collection(String)",
          "@adminapi.warnings": [],
        };
  const reply = jsonReply(failure.status, { error });
  reply.headers["x-ExceptionType"] = shortClassName(failure.exceptionType);
  return reply;
}

/**
 * A continuation refused (expired, unknown or another listing's token), as the service's OData layer refuses it.
 * The expired text is quoted from a public Microsoft Q&A thread (learn.microsoft.com/answers/questions/1023619).
 */
export function pageRefusedReply(message = EXPIRED_PAGE_MESSAGE): Reply {
  return protocolErrorReply(400, message, ODATA_SERVICE_EXCEPTION);
}

export const EXPIRED_PAGE_MESSAGE = "Expired or Invalid pagination request. Default Expiry time is 00:30:00";

/** A protocol-level rejection (malformed request, bad paging token...): OData error without cmdlet details. */
export function protocolErrorReply(
  status: number,
  message: string,
  exceptionType = "Microsoft.OData.ODataException",
): Reply {
  const reply = jsonReply(status, {
    error: {
      code: statusCodeName(status),
      message,
      innererror: { message, type: exceptionType, stacktrace: "" },
    },
  });
  reply.headers["x-ExceptionType"] = shortClassName(exceptionType);
  return reply;
}

/**
 * What Exchange answers for a cmdlet the app's role does not grant (or that does not exist): 403 with NUL
 * bytes declared as gzip. It is not gzip — clients that trust Content-Encoding crash (docs/EXCHANGE-API.md,
 * 'Errors').
 */
export function forbiddenReply(): Reply {
  return {
    status: 403,
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Encoding": "gzip" },
    body: Buffer.alloc(16),
  };
}

/** Outlook's bearer challenge: empty body, reason in `x-ms-diagnostics` (docs/EXCHANGE-API.md, 'Errors'). */
export function unauthorizedReply(reason: string, authorityOrigin: string): Reply {
  const challenge = [
    'Bearer client_id="00000002-0000-0ff1-ce00-000000000000"',
    'trusted_issuers="00000001-0000-0000-c000-000000000000@*"',
    'token_types="app_asserted_user_v1 service_asserted_app_v1"',
    `authorization_uri="${authorityOrigin}/common/oauth2/authorize"`,
    'error="invalid_token"',
  ].join(", ");
  return {
    status: 401,
    headers: {
      "WWW-Authenticate": challenge,
      "x-ms-diagnostics": `2000003;reason="${reason.replaceAll('"', "'")}";error_category="invalid_token"`,
    },
  };
}
