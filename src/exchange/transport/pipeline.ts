// The request pipeline in the spirit of Azure's core-rest-pipeline: each concern (retry, bearer token,
// error mapping, redirect, `$batch` body) is one policy in its own file, wrapped around a terminal sender.
import type { ExchangeError } from "../errors.js";
import type { BatchItem } from "./invokeRequest.js";

export type RequestKind = "invoke" | "batch" | "token" | "discovery";

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string;
  kind: RequestKind;
  /** What the request is for, in messages and logs: a cmdlet name, `$batch`, or `token`. */
  label: string;
  clientRequestId?: string;
  /** The items of a `$batch`, whose body is rendered once the request is signed (batchBodyPolicy). */
  batch?: readonly BatchItem[];
  /**
   * This request already failed `attempts` times, last with `error` (a `$batch` item retried alone): the
   * retry policy waits as for a retry and grants only the attempts left.
   */
  retryOf?: { attempts: number; error: ExchangeError };
}

export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decoded bytes (a body labelled gzip that is not gzip is kept as it came). */
  body: Buffer;
}

export type SendRequest = (request: HttpRequest) => Promise<HttpResponse>;

export type Policy = (request: HttpRequest, next: SendRequest) => Promise<HttpResponse>;

/** `pipeline([a, b], send)` runs a, which calls b, which calls send. */
export function pipeline(policies: readonly Policy[], send: SendRequest): SendRequest {
  return policies.reduceRight<SendRequest>((next, policy) => (request) => policy(request, next), send);
}

/** Counters for benchmarks and logs. */
export interface TransportCounters {
  /** HTTP requests sent to Exchange (InvokeCommand, nextLink pages, `$batch`). */
  requests: number;
  /** HTTP requests sent to Entra ID (token and any discovery). */
  tokenRequests: number;
  /** Re-sends after a retryable failure, a batch sub-request retried alone, or a 401 refresh. */
  retries: number;
  /** Answers that were 429 Too Many Requests (each also counts as a retry when retried). */
  throttled: number;
}
