// Turns every non-2xx Exchange answer into its typed error, so the policies above it (bearer token,
// retry) decide on error classes rather than on raw statuses. A 2xx whose body is not JSON at all (a
// gateway's HTML page: docs/EXCHANGE-API.md, 'Errors') is retried like a 502 page: it says nothing of what
// happened, and a re-sent write is made idempotent by its result handling, as after a reset.
import { parseErrorResponse } from "../errorParser.js";
import { InvalidResponseError } from "../errors.js";
import type { Policy } from "./pipeline.js";
import { parseJsonBody } from "./responseBody.js";

export const exchangeErrorPolicy: Policy = async (request, next) => {
  const response = await next(request);
  if (response.status >= 200 && response.status < 300) {
    // Exchange labels its JSON; only a body labelled otherwise is parsed here to find out.
    if (/json/i.test(response.headers["content-type"] ?? "") || parseJsonBody(response.body) !== undefined) {
      return response;
    }
    throw new InvalidResponseError(
      `Exchange Online answered ${request.label} with a body that is not JSON (status ${response.status})`,
      {
        status: response.status,
        cmdlet: request.label,
        clientRequestId: request.clientRequestId,
        retryable: true,
      },
    );
  }
  throw parseErrorResponse({
    status: response.status,
    headers: response.headers,
    body: response.body,
    cmdlet: request.label,
    clientRequestId: request.clientRequestId,
  });
};
