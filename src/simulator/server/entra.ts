// The slice of Microsoft Entra ID that an app-only Exchange client touches (docs/EXCHANGE-API.md,
// 'Authentication'): instance discovery, OpenID configuration, signing keys, and the v1/v2 token endpoints
// for client credentials (secret or certificate assertion), with Entra's error bodies and AADSTS codes.
import { randomUUID, timingSafeEqual } from "node:crypto";
import { thumbprint } from "./certificates.js";
import { findApp, isOwnTenant, type RegisteredApp, type ServerState } from "./context.js";
import { jsonReply, type Reply } from "./envelopes.js";
import {
  decodeJwt,
  EXCHANGE_RESOURCE,
  EXCHANGE_RESOURCE_APP_ID,
  issueAccessToken,
  signingJwks,
  verifyJwtSignature,
} from "./tokens.js";

const JSON_UTF8 = "application/json; charset=utf-8";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const VALID_SCOPES = new Set([`${EXCHANGE_RESOURCE}/.default`, `${EXCHANGE_RESOURCE_APP_ID}/.default`]);
const VALID_RESOURCES = new Set([EXCHANGE_RESOURCE, EXCHANGE_RESOURCE_APP_ID]);
/** Entra tolerates this much clock skew on assertion `nbf`. */
const CLOCK_SKEW_SECONDS = 300;

export interface EntraRequest {
  state: ServerState;
  /** Scheme, host and port the client addressed: every endpoint we advertise lives there. */
  origin: string;
  tenantSegment: string;
  headers: Record<string, string>;
}

class EntraError {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
  ) {}
}

const tenantNotFound = (segment: string) =>
  new EntraError(
    400,
    "invalid_request",
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
  );

const missingParameter = (name: string) =>
  new EntraError(
    400,
    "invalid_request",
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );

function errorReply(request: EntraRequest, failure: EntraError): Reply {
  const now = new Date();
  const timestamp = `${now.toISOString().slice(0, 19).replace("T", " ")}Z`;
  const traceId = randomUUID();
  const correlationId = request.headers["client-request-id"] ?? randomUUID();
  return jsonReply(
    failure.status,
    {
      error: failure.error,
      error_description: `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [failure.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${request.origin}/error?code=${failure.code}`,
    },
    JSON_UTF8,
  );
}

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`; Entra answers with the tenant GUID in every URL. */
export function openIdConfiguration(request: EntraRequest): Reply {
  const { state, origin } = request;
  if (!isOwnTenant(state, request.tenantSegment)) {
    return errorReply(request, tenantNotFound(request.tenantSegment));
  }
  const base = `${origin}/${state.tenantId}`;
  return jsonReply(
    200,
    {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ["query", "fragment", "form_post"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
      scopes_supported: ["openid", "profile", "email", "offline_access"],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      tenant_region_scope: "EU",
      cloud_instance_name: "microsoftonline.com",
      cloud_graph_host_name: "graph.windows.net",
      msgraph_host: "graph.microsoft.com",
    },
    JSON_UTF8,
  );
}

/** `GET /{tenant}/discovery/v2.0/keys`: the key that signs our access tokens. */
export function signingKeys(request: EntraRequest): Reply {
  if (!isOwnTenant(request.state, request.tenantSegment)) {
    return errorReply(request, tenantNotFound(request.tenantSegment));
  }
  return jsonReply(200, signingJwks(request.state.signingKey), JSON_UTF8);
}

/**
 * `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…`: MSAL's cloud discovery.
 * Only this host is a known instance; anything else is `invalid_instance`, as Entra says for unknown hosts.
 */
export function instanceDiscovery(request: EntraRequest, query: URLSearchParams): Reply {
  if (query.get("api-version") !== "1.1") return errorReply(request, missingParameter("api-version"));
  const endpoint = query.get("authorization_endpoint");
  let url: URL | undefined;
  try {
    url = endpoint ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  const host = new URL(request.origin).host;
  if (url?.protocol !== "https:" || url.host !== host) {
    return errorReply(
      request,
      new EntraError(400, "invalid_instance", 50049, "Unknown or invalid instance."),
    );
  }
  const tenant = url.pathname.split("/")[1] || "common";
  return jsonReply(
    200,
    {
      tenant_discovery_endpoint: `${request.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    },
    JSON_UTF8,
  );
}

/** `POST /{tenant}/oauth2/v2.0/token` (scope) and `POST /{tenant}/oauth2/token` (v1: resource). */
export function tokenEndpoint(request: EntraRequest, version: "v1" | "v2", body: string): Reply {
  try {
    return issueToken(request, version, body);
  } catch (error) {
    if (error instanceof EntraError) return errorReply(request, error);
    throw error;
  }
}

function issueToken(request: EntraRequest, version: "v1" | "v2", body: string): Reply {
  const { state } = request;
  if (!isOwnTenant(state, request.tenantSegment)) throw tenantNotFound(request.tenantSegment);
  const contentType = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") throw missingParameter("grant_type");
  const form = new URLSearchParams(body);
  const grantType = form.get("grant_type");
  if (!grantType) throw missingParameter("grant_type");
  if (grantType !== "client_credentials") {
    throw new EntraError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  }
  const clientId = form.get("client_id");
  if (!clientId) throw missingParameter("client_id");
  checkAudienceParameter(form, version, state.organization);
  const app = findApp(state, clientId);
  if (!app) {
    throw new EntraError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${state.organization}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  const appidacr = authenticateClient(request, app, form);
  const lifetime = state.tokenLifetimeSeconds;
  const accessToken = issueAccessToken(state.signingKey, {
    tenantId: state.tenantId,
    appId: app.appId,
    appidacr,
    exchangeRole: app.exchangeRole !== false,
    manageAsAppConsented: app.manageAsAppConsented !== false,
    lifetimeSeconds: lifetime,
  });
  // The most recent ones only, so a long-running simulator does not grow without end.
  if (state.issuedTokens.push(accessToken) > 10_000) state.issuedTokens.shift();
  const now = Math.floor(Date.now() / 1000);
  // v1 answers carry numbers as strings and name the resource; v2 answers are plain numbers.
  const tokenBody =
    version === "v2"
      ? { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken }
      : {
          token_type: "Bearer",
          expires_in: String(lifetime),
          ext_expires_in: String(lifetime),
          expires_on: String(now + lifetime),
          not_before: String(now),
          resource: EXCHANGE_RESOURCE,
          access_token: accessToken,
        };
  const reply = jsonReply(200, tokenBody, JSON_UTF8);
  reply.headers["Cache-Control"] = "no-store, no-cache";
  reply.headers.Pragma = "no-cache";
  return reply;
}

function checkAudienceParameter(form: URLSearchParams, version: "v1" | "v2", organization: string): void {
  if (version === "v2") {
    const scope = form.get("scope");
    if (!scope) throw missingParameter("scope");
    if (!VALID_SCOPES.has(scope.trim())) {
      throw new EntraError(
        400,
        "invalid_scope",
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      );
    }
    return;
  }
  const resource = form.get("resource");
  if (!resource) throw missingParameter("resource");
  if (!VALID_RESOURCES.has(resource)) {
    throw new EntraError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${organization}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    );
  }
}

/** Checks the client secret or certificate assertion; returns Entra's `appidacr` for the method used. */
function authenticateClient(request: EntraRequest, app: RegisteredApp, form: URLSearchParams): "1" | "2" {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null && assertion !== null) {
    throw new EntraError(
      400,
      "invalid_request",
      900144,
      "The request must contain 'client_assertion' or 'client_secret', not both.",
    );
  }
  if (secret !== null) {
    if (app.secret === undefined || !sameSecret(secret, app.secret)) {
      throw new EntraError(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.appId}'.`,
      );
    }
    return "1";
  }
  if (assertion === null) {
    throw new EntraError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (form.get("client_assertion_type") !== JWT_BEARER) {
    throw assertionError(`client_assertion_type must be '${JWT_BEARER}'.`);
  }
  checkAssertion(request, app, assertion);
  return "2";
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const assertionError = (reason: string) =>
  new EntraError(
    401,
    "invalid_client",
    700027,
    `Client assertion failed signature validation. [Reason - ${reason}]`,
  );

/** Client assertion: RS256 + `x5t` (SHA-1) or PS256 + `x5t#S256` (SHA-256); docs/EXCHANGE-API.md. */
function checkAssertion(request: EntraRequest, app: RegisteredApp, assertion: string): void {
  const jwt = decodeJwt(assertion);
  if (!jwt) throw assertionError("The client assertion is not a well-formed JWT.");
  const algorithm = jwt.header.alg;
  if (algorithm !== "RS256" && algorithm !== "PS256") {
    throw assertionError(
      `The signing algorithm '${String(algorithm)}' is not supported; use RS256 or PS256.`,
    );
  }
  const header = algorithm === "RS256" ? "x5t" : "x5t#S256";
  const presented = jwt.header[header];
  if (typeof presented !== "string") {
    throw assertionError(`The ${algorithm} assertion header has no '${header}'.`);
  }
  const { certificatePem } = app;
  const registered = certificatePem && thumbprint(certificatePem, algorithm === "RS256" ? "sha1" : "sha256");
  if (!certificatePem || !registered || Buffer.from(presented, "base64url").compare(registered) !== 0) {
    throw assertionError(
      `The key was not found., Thumbprint of key used by client: '${Buffer.from(presented, "base64url").toString("hex").toUpperCase()}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.appId}'.`,
    );
  }
  if (!verifyJwtSignature(jwt, algorithm, certificatePem)) {
    throw assertionError("The key was found but the signature of the client assertion is invalid.");
  }
  checkAssertionClaims(request, app, jwt.payload);
}

function checkAssertionClaims(
  request: EntraRequest,
  app: RegisteredApp,
  claims: Record<string, unknown>,
): void {
  const { aud, iss, sub, exp, nbf, jti } = claims;
  const appId = app.appId.toLowerCase();
  if (
    typeof iss !== "string" ||
    iss.toLowerCase() !== appId ||
    typeof sub !== "string" ||
    sub.toLowerCase() !== appId
  ) {
    throw assertionError("The 'iss' and 'sub' claims must both be the client id.");
  }
  if (typeof aud !== "string" || !tokenEndpoints(request).includes(aud.toLowerCase())) {
    throw assertionError(`The audience '${String(aud)}' is not this tenant's token endpoint.`);
  }
  if (typeof jti !== "string" || jti === "") throw assertionError("The 'jti' claim is missing.");
  const now = Date.now() / 1000;
  if (
    typeof exp !== "number" ||
    exp <= now ||
    (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_SKEW_SECONDS))
  ) {
    throw new EntraError(
      401,
      "invalid_client",
      700024,
      `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, assertion valid from ${typeof nbf === "number" ? new Date(nbf * 1000).toISOString() : "unset"}, expiry time of assertion ${typeof exp === "number" ? new Date(exp * 1000).toISOString() : "unset"}.`,
    );
  }
}

/** The token endpoint URLs an assertion may name as `aud`: v1 or v2, tenant by GUID or by domain. */
function tokenEndpoints(request: EntraRequest): string[] {
  const { origin, state } = request;
  return [state.tenantId, state.organization].flatMap((tenant) =>
    [`${origin}/${tenant}/oauth2/v2.0/token`, `${origin}/${tenant}/oauth2/token`].map((url) =>
      url.toLowerCase(),
    ),
  );
}
