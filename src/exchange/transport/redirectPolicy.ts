// Follows one redirect to the tenant's regional host. Some tenants are served by a regional host
// (`<region>.outlook.office365.com`) and the service may answer 302 with its address (cisagov/ScubaGear,
// EXORestHelper.psm1, discovers it the same way). The token goes only where it would have gone anyway: the
// same host or a subdomain of it, over HTTPS; the backend port 446 some answers name is the public port.
// A second redirect, or one elsewhere, is not followed.
import { InvalidResponseError } from "../errors.js";
import type { HttpResponse, Policy } from "./pipeline.js";

const redirects = new Set([301, 302, 307, 308]);

/** The URL a redirect may be followed to, or undefined when the token must not go there. */
export function regionalTarget(from: string, location: string): URL | undefined {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return undefined;
  }
  const origin = new URL(from);
  if (target.protocol !== "https:") return undefined;
  const host = target.hostname.toLowerCase();
  const configured = origin.hostname.toLowerCase();
  if (host !== configured && !host.endsWith(`.${configured}`)) return undefined;
  if (target.port === "446") target.port = origin.port;
  if (target.port !== origin.port) return undefined;
  return target;
}

export const redirectPolicy: Policy = async (request, next) => {
  const response = await next(request);
  if (!isRedirect(response)) return response;
  const location = response.headers.location ?? "";
  const target = regionalTarget(request.url, location);
  const fields = { status: response.status, cmdlet: request.label, clientRequestId: request.clientRequestId };
  if (!target) {
    throw new InvalidResponseError(
      `Exchange Online redirected ${request.label} to ${describe(location)}, which is not the admin API's host or one of its regional hosts; the redirect was not followed`,
      fields,
    );
  }
  const followed = await next({ ...request, url: target.href });
  if (isRedirect(followed)) {
    throw new InvalidResponseError(
      `Exchange Online redirected ${request.label} twice (to ${target.host}, then again); the second redirect was not followed`,
      fields,
    );
  }
  return followed;
};

function isRedirect(response: HttpResponse): boolean {
  return redirects.has(response.status);
}

/** The host of a Location, without any path or query (which could carry anything). */
function describe(location: string): string {
  try {
    return new URL(location).host || "a relative address";
  } catch {
    return "an address that is not a URL";
  }
}
