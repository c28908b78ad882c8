// MSAL's HTTP goes through our own transport (system.networkClient), so TLS trust (the `ca` option,
// NODE_EXTRA_CA_CERTS), the action deadline, retries and counters apply to token requests too.
// The MSAL app outlives a single client (one token per process), so each token call registers the
// calling client's sender under the correlation id it hands MSAL, and MSAL passes that id back here.
import { randomUUID } from "node:crypto";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { ExchangeError, InvalidResponseError } from "../errors.js";
import type { SendRequest } from "../transport/pipeline.js";
import { parseJsonBody } from "../transport/responseBody.js";

export interface TokenCall {
  send: SendRequest;
  /** The transport failure behind a failed token call: MSAL hides it behind its own network error. */
  failure?: ExchangeError;
}

export class MsalNetworkClient implements INetworkModule {
  private readonly calls = new Map<string, TokenCall>();

  async during<T>(call: TokenCall, run: (correlationId: string) => Promise<T>): Promise<T> {
    const correlationId = randomUUID();
    this.calls.set(correlationId, call);
    try {
      return await run(correlationId);
    } finally {
      this.calls.delete(correlationId);
    }
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("GET", url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>("POST", url, options);
  }

  private async send<T>(
    method: "GET" | "POST",
    url: string,
    options: NetworkRequestOptions | undefined,
  ): Promise<NetworkResponse<T>> {
    const call = options?.correlationId ? this.calls.get(options.correlationId) : undefined;
    if (!call) throw new Error("MSAL made a request outside of a token call");
    try {
      const response = await call.send({
        method,
        url,
        headers: options?.headers ?? {},
        body: options?.body,
        kind: method === "POST" ? "token" : "discovery",
        label: method === "POST" ? "token request" : "Entra ID discovery",
      });
      const body = parseJsonBody(response.body);
      if (body === undefined) {
        throw new InvalidResponseError(
          `Entra ID answered the token request (${response.status}) with a body that is not JSON`,
          {
            status: response.status,
          },
        );
      }
      call.failure = undefined;
      return { status: response.status, headers: response.headers, body: body as T };
    } catch (error) {
      if (error instanceof ExchangeError) call.failure = error;
      throw error;
    }
  }
}
