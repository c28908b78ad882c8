// ExchangeClient: one transport for every cmdlet — app-only token, retries, one deadline, paging and
// `$batch` — over the Exchange Online admin API (InvokeCommand, JSON mode). It knows nothing of HelloID.
import { randomUUID } from "node:crypto";
import { parseJsonQuietly } from "../common/json.js";
import { silentLogger } from "../common/logger.js";
import { type CertificateProblem, findCertificateProblem } from "./auth/certificateCheck.js";
import { entraStatusPolicy } from "./auth/entraStatusPolicy.js";
import type { Credential } from "./auth/tokenProvider.js";
import { type CachingTokenSource, createTokenSource } from "./auth/tokenSource.js";
import { type BatchContext, runBatch } from "./batch.js";
import type { BatchItemResult, CmdletCall, CmdletResult, RowOf } from "./call.js";
import { Deadline } from "./deadline.js";
import { scopeFor } from "./environments.js";
import { isExchangeError } from "./errors.js";
import { invokeAll, invokePages } from "./invoke.js";
import { type ExchangeClientOptions, type RequestLimiter, resolveOptions } from "./options.js";
import { Agents, sharedAgents } from "./transport/agents.js";
import { batchBodyPolicy } from "./transport/batchBodyPolicy.js";
import { bearerTokenPolicy } from "./transport/bearerTokenPolicy.js";
import { exchangeErrorPolicy } from "./transport/exchangeErrorPolicy.js";
import { httpsSender } from "./transport/httpsSender.js";
import { pipeline, type SendRequest, type TransportCounters } from "./transport/pipeline.js";
import { redirectPolicy } from "./transport/redirectPolicy.js";
import { type RetryOptions, retryPolicy } from "./transport/retryPolicy.js";

export class ExchangeClient {
  /** Tenant used in URLs and the anchor mailbox. */
  readonly tenant: string;
  readonly adminApiUrl: string;
  /** The action deadline, started when the client was created. */
  readonly deadline: Deadline;
  private readonly counters: TransportCounters = { requests: 0, tokenRequests: 0, retries: 0, throttled: 0 };
  private readonly agents: Agents;
  private readonly ownsAgents: boolean;
  private readonly tokens: CachingTokenSource;
  private readonly credential: Credential;
  private readonly context: BatchContext;
  private readonly onClose: ExchangeClientOptions["onClose"];

  constructor(options: ExchangeClientOptions) {
    this.onClose = options.onClose;
    const resolved = resolveOptions(options);
    const logger = options.logger ?? silentLogger;
    this.tenant = resolved.tenant;
    this.adminApiUrl = resolved.adminApiUrl;
    this.deadline =
      "at" in resolved.deadline
        ? Deadline.at(resolved.deadline.at, options.signal)
        : Deadline.after(resolved.deadline.afterMs, options.signal);
    this.ownsAgents = options.shareConnections !== true;
    this.agents = this.ownsAgents
      ? new Agents(resolved.ca, resolved.proxy)
      : sharedAgents(resolved.ca, options.proxy, resolved.proxy);

    const https = httpsSender({
      agents: this.agents,
      deadline: this.deadline,
      counters: this.counters,
      logger,
    });
    const retry: RetryOptions = {
      maxAttempts: resolved.maxAttempts,
      deadline: this.deadline,
      counters: this.counters,
      logger,
    };
    this.credential = resolved.credential;
    this.tokens = createTokenSource(
      {
        tenant: resolved.tenant,
        appId: resolved.appId,
        credential: resolved.credential,
        authorityUrl: resolved.authorityUrl,
        scope: scopeFor(resolved.environment),
        logger,
        cacheDirectory: resolved.tokenCacheDirectory,
      },
      pipeline([retryPolicy(retry), entraStatusPolicy], https),
    );
    const limiter = options.limiter;
    const exchange: typeof https = limiter ? limited(limiter, https, this.deadline) : https;
    this.context = {
      connection: {
        adminApiUrl: resolved.adminApiUrl,
        tenant: resolved.tenant,
        connectionId: randomUUID(),
        pageSize: resolved.pageSize,
      },
      send: pipeline(
        [
          retryPolicy(retry),
          bearerTokenPolicy(this.tokens, this.counters, logger),
          exchangeErrorPolicy,
          redirectPolicy,
          batchBodyPolicy,
        ],
        exchange,
      ),
      concurrency: resolved.batchConcurrency,
    };
  }

  /** Requests sent (to Exchange and to Entra ID) and retries so far. */
  get stats(): Readonly<TransportCounters> {
    return { ...this.counters };
  }

  /** Runs a cmdlet and yields each page as it arrives (follows `@odata.nextLink`). */
  pages<R>(call: CmdletCall<R>): AsyncIterable<CmdletResult<R>> {
    return invokePages(this.context, call);
  }

  /** Runs a cmdlet and yields its rows page by page. */
  async *rows<R>(call: CmdletCall<R>): AsyncIterable<R> {
    for await (const page of invokePages(this.context, call)) yield* page.rows;
  }

  /** Runs a cmdlet and collects every page. */
  invoke<R>(call: CmdletCall<R>): Promise<CmdletResult<R>> {
    return invokeAll(this.context, call);
  }

  /**
   * Runs independent cmdlets through `$batch` (10 per POST). Each result is `{ok: true, result}` or
   * `{ok: false, error}`, in the order of `calls`; only a failure of a whole `$batch` POST throws.
   */
  async batch<const C extends readonly CmdletCall<unknown>[]>(
    calls: C,
  ): Promise<{ -readonly [K in keyof C]: BatchItemResult<RowOf<C[K]>> }> {
    const results = await runBatch(this.context, calls);
    return results as { -readonly [K in keyof C]: BatchItemResult<RowOf<C[K]>> };
  }

  /**
   * Obtains the app-only token (as the first cmdlet would) and returns the application permissions it
   * carries, so a readiness check can tell a missing Exchange.ManageAsApp consent from a missing Exchange
   * role. `roles` is undefined when the token is not a readable JWT; the token itself never leaves the client.
   */
  async tokenRoles(): Promise<{ roles: string[] | undefined }> {
    return { roles: rolesOf(await this.tokens.getToken()) };
  }

  /**
   * What is wrong with the app certificate, read before any request; undefined for a secret, or when a token
   * earned with this very certificate and password is at hand (the cache's entry proves it opens), so a warm
   * action never loads the PKCS#12 reader.
   */
  async certificateProblem(): Promise<CertificateProblem | undefined> {
    if (this.credential.kind !== "certificate" || this.tokens.hasUsableToken()) return undefined;
    return findCertificateProblem(this.credential.pfxBase64, this.credential.password);
  }

  /** Closes idle keep-alive connections so the process can exit. */
  close(): void {
    if (this.ownsAgents) this.agents.destroy();
    this.onClose?.(this.stats);
  }
}

/** `send` inside the limiter; a request still waiting for it when the deadline passes fails as the deadline says. */
function limited(limiter: RequestLimiter, send: SendRequest, deadline: Deadline): SendRequest {
  return async (request) => {
    try {
      return await limiter.run(() => send(request), deadline.signal);
    } catch (error) {
      if (isExchangeError(error) || !deadline.signal.aborted) throw error;
      throw deadline.exceeded(
        `${request.label} was still waiting for one of the requests in flight to finish`,
        {
          cmdlet: request.label,
          clientRequestId: request.clientRequestId,
        },
      );
    }
  };
}

/** The `roles` claim of a JWT access token; undefined when the token cannot be read as one. */
function rolesOf(token: string): string[] | undefined {
  const [, payload, signature] = token.split(".");
  if (!payload || signature === undefined) return undefined;
  const claims = parseJsonQuietly(Buffer.from(payload, "base64url").toString("utf8"));
  if (typeof claims !== "object" || claims === null) return undefined;
  const roles = (claims as { roles?: unknown }).roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === "string") : [];
}
