// Public API of the Exchange Online client.

export type { LogFields, Logger } from "../common/logger.js";
export type { CertificateProblem } from "./auth/certificateCheck.js";
export { defaultTokenCacheDirectory } from "./auth/tokenCache.js";
export type { Credential } from "./auth/tokenProvider.js";
export type {
  BatchItemResult,
  CallOptions,
  CmdletCall,
  CmdletParameters,
  CmdletResult,
  Row,
  RowOf,
} from "./call.js";
export { ExchangeClient } from "./client.js";
export * from "./cmdlets/index.js";
export { Deadline } from "./deadline.js";
export { type ExchangeEnvironment, exchangeEnvironments } from "./environments.js";
export {
  AlreadyExistsError,
  AuthenticationError,
  type AuthenticationFailure,
  BadRequestError,
  ConnectionError,
  DeadlineExceededError,
  ExchangeError,
  ForbiddenError,
  InvalidOptionError,
  InvalidResponseError,
  NotFoundError,
  NotMemberError,
  PageExpiredError,
  ProxyError,
  ThrottledError,
  TransientError,
  UnauthorizedError,
} from "./errors.js";
export { and, anyEq, eq, like, ne, not, notLike, type OpathFilter, type OpathValue, or } from "./opath.js";
export type { ExchangeClientOptions, RequestLimiter } from "./options.js";
export { closeSharedConnections } from "./transport/agents.js";
export { backoffCeiling } from "./transport/backoff.js";
export type { TransportCounters } from "./transport/pipeline.js";
export {
  configuredProxy,
  describeProxy,
  PROXY_VARIABLES,
  type ProxyOptions,
  parseProxyUrl,
  proxyPasswords,
  proxyRoute,
} from "./transport/proxy.js";
export { classifyWarning, hasWarning, isNoOp, type WarningKind } from "./warnings.js";
