// Turns every non-2xx Exchange answer into its typed error, so the policies above it (bearer token,
// retry) decide on error classes rather than on raw statuses.
import { parseErrorResponse } from "../errorParser.js";
import type { Policy } from "./pipeline.js";

export const exchangeErrorPolicy: Policy = async (request, next) => {
  const response = await next(request);
  if (response.status >= 200 && response.status < 300) return response;
  throw parseErrorResponse({
    status: response.status,
    headers: response.headers,
    body: response.body,
    cmdlet: request.label,
    clientRequestId: request.clientRequestId,
  });
};
