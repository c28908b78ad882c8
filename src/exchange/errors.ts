// Typed errors of the Exchange Online client. One base type (as Azure's RestError) whose subclasses are
// chosen from the real error envelopes (as stripe-node's error classes are chosen by status).
// Errors hold parsed, safe fields only — never a request, a token, a secret or a raw body — so
// `JSON.stringify(error)` and `util.inspect(error)` cannot leak anything.
import { inspect } from "node:util";

export interface ExchangeErrorFields {
  /** HTTP status of the response (or of the `$batch` sub-response). */
  status?: number;
  /** OData `error.code`, e.g. `NotFound`, `BadRequest`. */
  code?: string;
  /** Full .NET exception class, e.g. `Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException`. */
  exceptionType?: string;
  /** Exchange's ErrorId prefix, e.g. `Ex6F9304`. */
  errorId?: string;
  /** `request-id` response header: what Microsoft support asks for. */
  requestId?: string;
  /** The `client-request-id` this client sent (one per logical call, same across retries and pages). */
  clientRequestId?: string;
  cmdlet?: string;
  /** Whether the retry policy retries this failure. */
  retryable?: boolean;
  cause?: unknown;
}

/** True for every error the Exchange Online client throws (any subclass). */
export function isExchangeError(error: unknown): error is ExchangeError {
  return error instanceof ExchangeError;
}

export class ExchangeError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly exceptionType?: string;
  readonly errorId?: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly cmdlet?: string;
  readonly retryable: boolean;

  constructor(message: string, fields: ExchangeErrorFields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = new.target.name;
    this.status = fields.status;
    this.code = fields.code;
    this.exceptionType = fields.exceptionType;
    this.errorId = fields.errorId;
    this.requestId = fields.requestId;
    this.clientRequestId = fields.clientRequestId;
    this.cmdlet = fields.cmdlet;
    this.retryable = fields.retryable ?? false;
  }

  /** Short class name: `MemberAlreadyExistsException`. */
  get exceptionName(): string | undefined {
    return this.exceptionType?.split(".").pop();
  }

  /** Safe fields only: the cause and the stack stay out. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== "cause" && value !== undefined) json[key] = value;
    }
    return json;
  }

  [inspect.custom](): string {
    return `${this.name}: ${this.message} ${inspect(this.toJSON(), { breakLength: Number.POSITIVE_INFINITY })}`;
  }
}

/**
 * The object an Identity names does not exist (`subject: 'identity'`, Ex6F9304 "couldn't be found on"), or a
 * recipient named by another parameter — Member, User, Trustee, GrantSendOnBehalfTo — does not
 * (`subject: 'parameter'`, Ex94914C "Couldn't find object").
 */
export class NotFoundError extends ExchangeError {
  constructor(
    message: string,
    readonly subject: "identity" | "parameter",
    /** The identity or value Exchange could not find, parsed from its text. */
    readonly objectValue: string | undefined,
    fields: ExchangeErrorFields = {},
  ) {
    super(message, fields);
  }
}

/**
 * Something already exists, split by what (as NotFoundError is): `entry` — the membership or permission
 * entry the write asked for (MemberAlreadyExists, UserAlreadyExistsInPermissionEntry), so the wanted state
 * may already hold; `object` — another object holds the name or address (ADObjectAlreadyExists,
 * ProxyAddressExists), a real failure.
 */
export class AlreadyExistsError extends ExchangeError {
  constructor(
    message: string,
    readonly subject: "entry" | "object",
    fields: ExchangeErrorFields = {},
  ) {
    super(message, fields);
  }
}

/** MemberNotFound, UserNotFoundInPermissionEntry: the thing to remove is not there. */
export class NotMemberError extends ExchangeError {}

/** 429, or the plain-text "maximum number of concurrent requests per tenant" answer. */
export class ThrottledError extends ExchangeError {
  constructor(
    message: string,
    /** From `Retry-After`; undefined when Exchange gave none (then the client backs off exponentially). */
    readonly retryAfterMs: number | undefined,
    fields: ExchangeErrorFields = {},
  ) {
    super(message, { ...fields, retryable: true });
  }
}

/** 401: the access token was refused even after fetching a fresh one. */
export class UnauthorizedError extends ExchangeError {}

/** 403: the app has no Exchange role allowing the cmdlet (the body is NUL bytes labelled gzip). */
export class ForbiddenError extends ExchangeError {}

/** 5xx, or a transient exception name (DCOverloadedException, ServerBusyException, …) in a 400/500 body. */
export class TransientError extends ExchangeError {}

/** Any other 4xx: unknown parameter, bad value, validation, ambiguous identity, dir-synced object. */
export class BadRequestError extends ExchangeError {}

/**
 * 400 "Expired or Invalid pagination request": a later page's continuation is gone (it expires, and it is
 * tied to one backend). The listing must start again from its first page.
 */
export class PageExpiredError extends BadRequestError {}

/** A body that is not the JSON Exchange sends (an HTML gateway page, a truncated body). */
export class InvalidResponseError extends ExchangeError {}

/** The per-action deadline ran out (or a Retry-After would have run past it). */
export class DeadlineExceededError extends ExchangeError {}

/** The connection was refused or reset before a response arrived. */
export class ConnectionError extends ExchangeError {}

/** The outbound proxy could not be reached or refused the tunnel (a 407: its user name or password). */
export class ProxyError extends ConnectionError {}

export type AuthenticationFailure =
  | "invalidSecret"
  | "expiredSecret"
  | "unknownApp"
  | "unknownTenant"
  | "invalidCertificate"
  | "unreadableCertificate"
  | "other";

/** Entra ID did not issue a token, or the credential could not be used at all. */
export class AuthenticationError extends ExchangeError {
  constructor(
    message: string,
    readonly reason: AuthenticationFailure,
    /** `AADSTS7000215` etc., when Entra ID gave one. */
    readonly aadstsCode: string | undefined,
    fields: ExchangeErrorFields = {},
  ) {
    super(message, fields);
  }
}

/** An option given to ExchangeClient is missing or malformed; `option` names it. */
export class InvalidOptionError extends ExchangeError {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`ExchangeClient option '${option}' ${problem}`);
  }
}
