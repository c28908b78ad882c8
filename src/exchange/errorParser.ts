// Turns a failed InvokeCommand response (or `$batch` sub-response) into the typed error it stands for,
// reading the envelope as the Exchange Online module does (docs/WIRE-PROTOCOL.md, "Errors"):
// `details[0].message` (`<ErrorId>|<.NET class>|<text>`) first, because for a failure raised while the
// cmdlet ran `innererror.internalexception` is only the DirectInvoke wrapper; `internalexception` when there
// are no details (parameter binding and conversion failures); `error.message` last. Some failures have no
// JSON at all (403 NUL body, 429 plain text, HTML gateway pages).
import { parseJsonQuietly } from "../common/json.js";
import {
  AlreadyExistsError,
  BadRequestError,
  type ExchangeError,
  type ExchangeErrorFields,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  NotMemberError,
  PageExpiredError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from "./errors.js";
import { parseRetryAfter } from "./retryAfter.js";

export interface ErrorResponse {
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Raw bytes (InvokeCommand), or the body object of a `$batch` sub-response. */
  body: unknown;
  cmdlet?: string;
  clientRequestId?: string;
}

/** What an OData error envelope says, flattened. */
export interface ErrorEnvelope {
  code?: string;
  errorId?: string;
  exceptionType?: string;
  /** details[0].message without its prefix, else innererror.internalexception.message, else error.message. */
  text?: string;
}

/** "Already exists", by what already exists: the membership or entry asked for, or another object. */
const alreadyExists: ReadonlyMap<string, "entry" | "object"> = new Map([
  ["MemberAlreadyExistsException", "entry"],
  ["UserAlreadyExistsInPermissionEntryException", "entry"],
  ["ADObjectAlreadyExistsException", "object"],
  ["ProxyAddressExistsException", "object"],
]);

const notMember = new Set(["MemberNotFoundException", "UserNotFoundInPermissionEntryException"]);

/**
 * The exception names the module retries (Get-WaitTimeForRetry), then four more: CmdletProxyNotAvailableFailure,
 * ServerBusyException, TransientException and BackendCommunicationException, which a production direct caller
 * (jflieben/M365Permissions, ExchangeRestClient.cs) retries on a 400, and ADTransientException, the class of the
 * AD topology failure Exchange answers with a 500 (MicrosoftDocs/office-docs-powershell#10972). Each names a
 * failure that says "try again"; a re-sent write is made idempotent by its result handling.
 */
const transientNames = [
  "DCOverloadedException",
  "SuitabilityDirectoryException",
  "ServerInMMException",
  "ADServerSettingsChangedException",
  "StorageTransientException",
  "CmdletProxyNotAvailableFailure",
  "ServerBusyException",
  "TransientException",
  "BackendCommunicationException",
  "ADTransientException",
];

/** The class the service puts in `internalexception` for every failure raised while the cmdlet ran. */
const directInvokeWrapper = "DirectInvokeCmdletExecutionException";

/** A role that does not grant the cmdlet, as some tenants word it (in a 401 or a 403). */
const notAllowedText = /is not allowed to call/i;

/** A later page asked for after its continuation expired (or landed on another backend). */
const expiredPageText = /Expired or Invalid pagination request/i;

/** Statuses retried without a transient exception name: the module's 503 and 504, and 502 (see below). */
const retriedStatuses = new Set([502, 503, 504]);

const concurrencyText = /maximum number of concurrent requests/i;

const forbiddenHint =
  "the app has no Exchange role for this cmdlet (assign Exchange Administrator / Exchange Recipient Administrator to the app's service principal)";

export function parseErrorResponse(response: ErrorResponse): ExchangeError {
  const { status, headers } = response;
  const raw = bodyText(response.body);
  const envelope = readEnvelope(
    typeof response.body === "object" && !Buffer.isBuffer(response.body)
      ? response.body
      : parseJsonQuietly(raw),
  );
  const fields: ExchangeErrorFields = {
    status,
    code: envelope?.code,
    exceptionType: envelope?.exceptionType ?? headers["x-exceptiontype"],
    errorId: envelope?.errorId,
    requestId: headers["request-id"],
    clientRequestId: response.clientRequestId,
    cmdlet: response.cmdlet,
  };
  const cmdlet = response.cmdlet ?? "the request";
  const shortName = fields.exceptionType?.split(".").pop() ?? "";
  const text = envelope?.text;

  if (notAllowedText.test(raw)) {
    return new ForbiddenError(
      `Exchange Online refused ${cmdlet} (${status}): ${forbiddenHint}. Exchange said: ${text ?? raw.trim()}`,
      fields,
    );
  }
  if (status === 401) {
    return new UnauthorizedError(
      `Exchange Online refused the access token for ${cmdlet} (401); check that the app has the application permission Office 365 Exchange Online › Exchange.ManageAsApp with admin consent`,
      fields,
    );
  }
  if (status === 429 || concurrencyText.test(raw)) {
    const retryAfterMs = parseRetryAfter(headers["retry-after"]);
    const reason = text ?? (concurrencyText.test(raw) ? raw.trim() : "too many requests");
    return new ThrottledError(
      `Exchange Online is throttling ${cmdlet} (${status}): ${reason}`,
      retryAfterMs,
      fields,
    );
  }
  if (status === 403) {
    const said = text ? ` Exchange said: ${text}` : "";
    return new ForbiddenError(`Exchange Online refused ${cmdlet} (403): ${forbiddenHint}.${said}`, fields);
  }
  if (expiredPageText.test(raw)) {
    return new PageExpiredError(
      `Exchange Online no longer had the next page of ${cmdlet} (${status}): ${text ?? raw.trim()}`,
      fields,
    );
  }
  if (shortName === "ManagementObjectNotFoundException" || (text && notFoundText.test(text))) {
    const found = parseNotFound(text ?? "", fields.errorId);
    return new NotFoundError(text ?? `${cmdlet}: object not found`, found.subject, found.objectValue, fields);
  }
  const existing = alreadyExists.get(shortName);
  if (existing) return new AlreadyExistsError(text ?? shortName, existing, fields);
  if (notMember.has(shortName)) return new NotMemberError(text ?? shortName, fields);

  const transientName = transientNames.find((name) => shortName === name || raw.includes(name));
  // 502 is not in the module's set; it is retried here because the gateway's page says the request never
  // reached a backend, like the 503/504 pages the module does retry. A plain 500 is not retried, as in the module.
  if (transientName || retriedStatuses.has(status)) {
    const reason = text ?? transientName ?? describeBody(raw);
    return new TransientError(`Exchange Online failed transiently on ${cmdlet} (${status}): ${reason}`, {
      ...fields,
      retryable: true,
    });
  }
  if (!envelope) {
    return new InvalidResponseError(
      `Exchange Online answered ${cmdlet} with status ${status} and ${describeBody(raw)} instead of a JSON error`,
      fields,
    );
  }
  return new BadRequestError(text ?? `Exchange Online rejected ${cmdlet} (${status})`, fields);
}

/**
 * Reads `{"error":{…}}` in the module's order (Get-ErrorMessage): `details[0]` first; `internalexception`
 * when there are no details, or when the details carry no class and it is not the DirectInvoke wrapper;
 * then `error.message`. Undefined when the body is not such an envelope.
 */
export function readEnvelope(body: unknown): ErrorEnvelope | undefined {
  const error = field(body, "error");
  if (!isObject(error)) return undefined;
  const detail = stringField(firstOf(field(error, "details")), "message");
  const [errorId, detailClass, detailText] = splitDetail(detail);
  const internal = field(field(error, "innererror"), "internalexception");
  const internalType = stringField(internal, "type");
  const internalUsable = internalType === undefined || !internalType.endsWith(directInvokeWrapper);
  const internalText = internalUsable ? stringField(internal, "message") : undefined;
  return {
    code: stringField(error, "code"),
    errorId: errorId || undefined,
    exceptionType: detailClass ?? (internalUsable ? internalType : undefined),
    text: detailText ?? internalText ?? stringField(error, "message"),
  };
}

/** `Ex6F9304|Microsoft…Exception|text` → its three parts; a message without the prefix is all text. */
function splitDetail(
  detail: string | undefined,
): [string | undefined, string | undefined, string | undefined] {
  if (detail === undefined) return [undefined, undefined, undefined];
  const match = /^([^|]*)\|([^|]*)\|([\s\S]*)$/.exec(detail);
  if (!match) return [undefined, undefined, detail];
  return [match[1], match[2] || undefined, match[3]];
}

const notFoundText = /couldn't be found on|Couldn't find object/i;

function parseNotFound(
  text: string,
  errorId: string | undefined,
): { subject: "identity" | "parameter"; objectValue: string | undefined } {
  const parameter =
    /Couldn't find object "([\s\S]*?)"\. /i.exec(text) ?? /Couldn't find object "([\s\S]*)"/i.exec(text);
  if (errorId === "Ex94914C" || parameter) return { subject: "parameter", objectValue: parameter?.[1] };
  const identity = /object '([\s\S]*)' couldn't be found/i.exec(text);
  return { subject: "identity", objectValue: identity?.[1] };
}

function bodyText(body: unknown): string {
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  if (typeof body === "string") return body;
  if (body === undefined || body === null) return "";
  return JSON.stringify(body);
}

function describeBody(raw: string): string {
  if (raw.length === 0 || /^\0+$/.test(raw)) return "an empty body";
  if (/^\s*</.test(raw)) return "an HTML page";
  return "a body that is not JSON";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === "string" && found.length > 0 ? found : undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}
