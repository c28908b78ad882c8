// Token requests: 429 and 5xx from Entra ID are worth retrying (as typed, retryable errors); every other
// answer, including 400/401 with an AADSTS error, goes back to MSAL, which reads it.

import { ThrottledError, TransientError } from "../errors.js";
import { parseRetryAfter } from "../retryAfter.js";
import type { Policy } from "../transport/pipeline.js";

export const entraStatusPolicy: Policy = async (request, next) => {
  const response = await next(request);
  const fields = {
    status: response.status,
    cmdlet: request.label,
    requestId: response.headers["x-ms-request-id"],
  };
  if (response.status === 429) {
    throw new ThrottledError(
      "Entra ID is throttling token requests (429)",
      parseRetryAfter(response.headers["retry-after"]),
      fields,
    );
  }
  if (response.status >= 500) {
    throw new TransientError(`Entra ID failed transiently (${response.status})`, {
      ...fields,
      retryable: true,
    });
  }
  return response;
};
