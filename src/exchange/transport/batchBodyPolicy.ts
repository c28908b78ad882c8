// Renders a `$batch` body at the last moment, when the request carries its Authorization and its final URL:
// each item repeats the outer request's token (a fresh one on every attempt) and follows its origin.
import { batchBody } from "./invokeRequest.js";
import type { Policy } from "./pipeline.js";

export const batchBodyPolicy: Policy = (request, next) => {
  if (!request.batch) return next(request);
  const authorization = request.headers.Authorization ?? "";
  const body = batchBody(request.batch, authorization, new URL(request.url).origin);
  return next({ ...request, body });
};
