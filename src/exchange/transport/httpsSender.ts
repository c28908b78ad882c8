// The terminal sender: one node:https request over the client's keep-alive agent for its route (direct or
// through a proxy), bound to the deadline's AbortSignal. Network failures become ConnectionError (ProxyError
// when the proxy refused or could not be reached); running out of time becomes DeadlineExceededError.
import type { IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Logger } from "../../common/logger.js";
import type { Deadline } from "../deadline.js";
import { ConnectionError, type ExchangeError, ProxyError } from "../errors.js";
import type { Agents } from "./agents.js";
import type { HttpRequest, HttpResponse, SendRequest, TransportCounters } from "./pipeline.js";
import { describeProxy } from "./proxy.js";
import { decodeBody } from "./responseBody.js";

export interface HttpsSenderOptions {
  agents: Agents;
  deadline: Deadline;
  counters: TransportCounters;
  logger: Logger;
}

/** Errors of a connection that did not deliver a response, worth another try. */
const retryableCodes = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

export function httpsSender({ agents, deadline, counters, logger }: HttpsSenderOptions): SendRequest {
  return async (request) => {
    const { agent, proxy, tls } = await agents.for(request.url);
    return new Promise<HttpResponse>((resolve, reject) => {
      const fields = { cmdlet: request.label, clientRequestId: request.clientRequestId };
      const remaining = deadline.remainingMs();
      if (remaining === 0) {
        reject(deadline.exceeded(`${request.label} could not be sent in time`, fields));
        return;
      }
      if (request.kind === "token" || request.kind === "discovery") counters.tokenRequests++;
      else counters.requests++;

      const started = Date.now();
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        deadline.signal.removeEventListener("abort", onAbort);
        outcome();
      };
      const fail = (error: ExchangeError) => settle(() => reject(error));
      const onAbort = () => {
        fail(
          deadline.exceeded(
            `${request.label} was still waiting for an answer from ${service(request)}`,
            fields,
          ),
        );
        req.destroy();
      };

      const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");
      const headers = body ? { ...request.headers, "Content-Length": String(body.length) } : request.headers;
      // Set once the proxy has answered the CONNECT: a failure before it (on a new tunnel) is the proxy's.
      let tunnelled = false;
      const req = httpsRequest(request.url, { method: request.method, headers, agent, ...tls }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", (error) => fail(connectionError(error, request)));
        res.on("close", () => {
          if (!res.complete) fail(connectionError(new Error("the response was cut off"), request));
        });
        res.on("end", () =>
          settle(() => {
            const status = res.statusCode ?? 0;
            logger.debug("Exchange request finished", {
              label: request.label,
              status,
              ms: Date.now() - started,
              clientRequestId: request.clientRequestId,
            });
            resolve({
              status,
              headers: flattenHeaders(res.headers),
              body: decodeBody(Buffer.concat(chunks), headerValue(res.headers["content-encoding"])),
            });
          }),
        );
      });
      deadline.signal.addEventListener("abort", onAbort, { once: true });
      req.on("error", (error) =>
        fail(
          proxy && !tunnelled && !req.reusedSocket
            ? proxyError(proxy, error, request)
            : connectionError(error, request),
        ),
      );
      if (proxy) {
        req.on("proxyConnect", (answer: IncomingMessage) => {
          tunnelled = answer.statusCode === 200;
          if (tunnelled) return;
          fail(proxyRefusal(proxy, answer.statusCode ?? 0, request));
          req.destroy();
        });
      }
      req.end(body);
    });
  };
}

/** The proxy answered the CONNECT with something other than 200: 407 is its authentication. */
function proxyRefusal(proxy: URL, status: number, request: HttpRequest): ProxyError {
  const named = describeProxy(proxy);
  const fields = { cmdlet: request.label, clientRequestId: request.clientRequestId, status };
  const target = new URL(request.url).host;
  if (status === 407) {
    const given = proxy.username ? "refused the user name and password" : "requires a user name and password";
    return new ProxyError(
      `The proxy ${named} ${given} (407 Proxy Authentication Required) for ${request.label} to ${target}; give the proxy's user name and password in its URL: http://user:password@host:port`,
      fields,
    );
  }
  return new ProxyError(
    `The proxy ${named} refused the tunnel to ${target} for ${request.label} (${status}); check that it allows HTTPS (CONNECT) to ${target}`,
    { ...fields, retryable: status === 502 || status === 503 || status === 504 },
  );
}

/** The proxy itself could not be reached, or closed the connection before answering. */
function proxyError(proxy: URL, error: Error & { code?: string }, request: HttpRequest): ProxyError {
  const code = error.code;
  return new ProxyError(
    `Could not reach the proxy ${describeProxy(proxy)} for ${request.label}${code ? ` (${code})` : ""}: ${error.message}`,
    {
      cmdlet: request.label,
      clientRequestId: request.clientRequestId,
      code,
      cause: error,
      retryable: code === undefined || retryableCodes.has(code),
    },
  );
}

function connectionError(error: Error & { code?: string }, request: HttpRequest): ConnectionError {
  const code = error.code;
  const fields = { cmdlet: request.label, clientRequestId: request.clientRequestId, code, cause: error };
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) {
    return new ConnectionError(
      `The TLS certificate of ${new URL(request.url).host} is not trusted (${code}); add its CA with NODE_EXTRA_CA_CERTS or the ca option`,
      fields,
    );
  }
  const retryable = code === undefined || retryableCodes.has(code);
  return new ConnectionError(
    `Could not reach ${service(request)} for ${request.label}${code ? ` (${code})` : ""}: ${error.message}`,
    { ...fields, retryable },
  );
}

function service(request: HttpRequest): string {
  return request.kind === "token" || request.kind === "discovery" ? "Entra ID" : "Exchange Online";
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const joined = headerValue(value);
    if (joined !== undefined) flat[name.toLowerCase()] = joined;
  }
  return flat;
}
