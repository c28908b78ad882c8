// The terminal sender: one node:https request over the client's keep-alive agent, bound to the deadline's
// AbortSignal. Network failures become ConnectionError; running out of time becomes DeadlineExceededError.
import { type Agent, request as httpsRequest } from "node:https";
import type { Deadline } from "../deadline.js";
import { ConnectionError, type ExchangeError } from "../errors.js";
import type { ExchangeLogger } from "../logger.js";
import type { HttpRequest, HttpResponse, SendRequest, TransportCounters } from "./pipeline.js";
import { decodeBody } from "./responseBody.js";

export interface HttpsSenderOptions {
  agent: Agent;
  deadline: Deadline;
  counters: TransportCounters;
  logger: ExchangeLogger;
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

export function httpsSender({ agent, deadline, counters, logger }: HttpsSenderOptions): SendRequest {
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
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
      const req = httpsRequest(request.url, { method: request.method, headers, agent }, (res) => {
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
      req.on("error", (error) => fail(connectionError(error, request)));
      req.end(body);
    });
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
