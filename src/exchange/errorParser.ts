// Turns a failed InvokeCommand response (or `$batch` sub-response) into the typed error it stands for,
// reading the envelopes of docs/EXCHANGE-API.md, 'Errors': `details[0].message` is
// `<ErrorId>|<.NET class>|<text>`, `innererror.internalexception` carries the class and text when details
// are missing, and some failures have no JSON at all (403 NUL body, 429 plain text, HTML gateway pages).
import {
  AlreadyExistsError,
  BadRequestError,
  type ExchangeError,
  type ExchangeErrorFields,
  ForbiddenError,
  InvalidResponseError,
  NotFoundError,
  NotMemberError,
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
  /** innererror.internalexception.message, else details[0].message without its prefix, else error.message. */
  text?: string;
}

const alreadyExists = new Set([
  "MemberAlreadyExistsException",
  "UserAlreadyExistsInPermissionEntryException",
  "ADObjectAlreadyExistsException",
  "ProxyAddressExistsException",
]);

const notMember = new Set(["MemberNotFoundException", "UserNotFoundInPermissionEntryException"]);

const transientNames = [
  "DCOverloadedException",
  "SuitabilityDirectoryException",
  "ServerInMMException",
  "ADServerSettingsChangedException",
  "StorageTransientException",
  "ServerBusyException",
  "TransientException",
  "CmdletProxyNotAvailableFailure",
  "BackendCommunicationException",
  "ADTransientException",
];

const concurrencyText = /maximum number of concurrent requests/i;

const forbiddenHint =
  "the app has no Exchange role for this cmdlet (assign Exchange Administrator / Exchange Recipient Administrator to the app's service principal)";

export function parseErrorResponse(response: ErrorResponse): ExchangeError {
  const { status, headers } = response;
  const raw = bodyText(response.body);
  const envelope = readEnvelope(
    typeof response.body === "object" && !Buffer.isBuffer(response.body) ? response.body : parseJson(raw),
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
  if (shortName === "ManagementObjectNotFoundException" || (text && notFoundText.test(text))) {
    const found = parseNotFound(text ?? "", fields.errorId);
    return new NotFoundError(text ?? `${cmdlet}: object not found`, found.subject, found.objectValue, fields);
  }
  if (alreadyExists.has(shortName)) return new AlreadyExistsError(text ?? shortName, fields);
  if (notMember.has(shortName)) return new NotMemberError(text ?? shortName, fields);

  const transientName = transientNames.find((name) => raw.includes(name) || shortName === name);
  if (transientName || status >= 500) {
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

/** Reads `{"error":{…}}`; undefined when the body is not such an envelope. */
export function readEnvelope(body: unknown): ErrorEnvelope | undefined {
  const error = field(body, "error");
  if (!isObject(error)) return undefined;
  const detail = stringField(firstOf(field(error, "details")), "message");
  const internal = field(field(error, "innererror"), "internalexception");
  const [errorId, detailClass, detailText] = splitDetail(detail);
  return {
    code: stringField(error, "code"),
    errorId: errorId || undefined,
    exceptionType: stringField(internal, "type") ?? detailClass,
    text: stringField(internal, "message") ?? detailText ?? stringField(error, "message"),
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
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
