// JSON Web Tokens: the access tokens the simulated Entra issues for Exchange, and the signature check of
// client assertions (RS256 / PS256) that certificate apps send.
import { constants, createHash, createPublicKey, randomUUID, sign, verify } from "node:crypto";
import type { KeyPair } from "./certificates.js";
import { isJsonObject } from "./https.js";

/** Exchange Online's resource URI and the appId of its service principal; Exchange accepts either as `aud`. */
export const EXCHANGE_RESOURCE = "https://outlook.office365.com";
export const EXCHANGE_RESOURCE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
/** Directory role template id of "Exchange Administrator", carried in `wids` for apps that hold the role. */
const EXCHANGE_ADMINISTRATOR_ROLE = "29232cdf-9323-42fd-ade2-1d097af3e4de";

/** The application permission Exchange's admin API requires of app-only tokens. */
export const MANAGE_AS_APP = "Exchange.ManageAsApp";

export type JwtAlgorithm = "RS256" | "PS256";

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  const [h = "", p = "", s = ""] = parts;
  const header = parseSegment(h);
  const payload = parseSegment(p);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, "base64url") };
}

/**
 * PS256 uses PSS with a salt as long as the digest (RFC 7518 §3.5); anything else is rejected.
 * `publicKeyPem` may also be a certificate PEM: Node extracts its public key.
 */
export function verifyJwtSignature(jwt: DecodedJwt, algorithm: JwtAlgorithm, publicKeyPem: string): boolean {
  const key =
    algorithm === "PS256"
      ? {
          key: publicKeyPem,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        }
      : { key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING };
  try {
    return verify("sha256", Buffer.from(jwt.signingInput), key, jwt.signature);
  } catch {
    return false;
  }
}

/** The key that signs access tokens, with its key id (derived from the key, as Entra's `kid`/`x5t`). */
export interface SigningKey extends KeyPair {
  kid: string;
}

export function signingKey(pair: KeyPair): SigningKey {
  const der = createPublicKey(pair.publicKeyPem).export({ type: "spki", format: "der" });
  return { ...pair, kid: createHash("sha1").update(der).digest("base64url") };
}

/** The signing key in JWKS form, for the `jwks_uri` of the OpenID configuration. */
export function signingJwks(key: SigningKey): { keys: object[] } {
  const jwk = createPublicKey(key.publicKeyPem).export({ format: "jwk" });
  return { keys: [{ ...jwk, use: "sig", kid: key.kid, x5t: key.kid }] };
}

export interface AccessTokenRequest {
  tenantId: string;
  appId: string;
  /** "1" when the app authenticated with a secret, "2" with a certificate (Entra's `appidacr`). */
  appidacr: "1" | "2";
  exchangeRole: boolean;
  /** Exchange.ManageAsApp granted with admin consent: the token's `roles` claim (absent otherwise, as in Entra). */
  manageAsAppConsented: boolean;
  lifetimeSeconds: number;
}

/** A v1 app-only token as captured (`ver` 1.0, `roles` Exchange.ManageAsApp; docs/EXCHANGE-API.md). */
export function issueAccessToken(key: SigningKey, request: AccessTokenRequest): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: "JWT", alg: "RS256", x5t: key.kid, kid: key.kid };
  const servicePrincipalId = servicePrincipalObjectId(request.appId);
  const payload = {
    aud: EXCHANGE_RESOURCE,
    iss: `https://sts.windows.net/${request.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + request.lifetimeSeconds,
    app_displayname: "HelloID Exchange Online connector",
    appid: request.appId,
    appidacr: request.appidacr,
    idp: `https://sts.windows.net/${request.tenantId}/`,
    idtyp: "app",
    oid: servicePrincipalId,
    ...(request.manageAsAppConsented ? { roles: [MANAGE_AS_APP] } : {}),
    sub: servicePrincipalId,
    tid: request.tenantId,
    uti: randomUUID().replaceAll("-", ""),
    ver: "1.0",
    wids: request.exchangeRole ? [EXCHANGE_ADMINISTRATOR_ROLE] : [],
  };
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), key.privateKeyPem);
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** Stable per app, so the same app always has the same service principal object id. */
function servicePrincipalObjectId(appId: string): string {
  const hex = createHash("sha256").update(`sp:${appId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface AccessTokenClaims {
  tid: string;
  appid: string;
  roles: string[];
}

export type AccessTokenCheck = { ok: true; claims: AccessTokenClaims } | { ok: false; reason: string };

/** Validates a bearer token the way a resource server does; `reason` feeds `x-ms-diagnostics`. */
export function verifyAccessToken(key: SigningKey, token: string): AccessTokenCheck {
  const jwt = decodeJwt(token);
  if (!jwt) return { ok: false, reason: "The token is malformed." };
  // A token of an earlier simulator process carries another kid: rejected before the signature check.
  if (jwt.header.alg !== "RS256" || jwt.header.kid !== key.kid) {
    return { ok: false, reason: "The token was not issued by a trusted issuer." };
  }
  if (!verifyJwtSignature(jwt, "RS256", key.publicKeyPem)) {
    return { ok: false, reason: "The token signature is invalid." };
  }
  const { aud, exp, nbf, tid, appid, roles } = jwt.payload;
  if (aud !== EXCHANGE_RESOURCE && aud !== EXCHANGE_RESOURCE_APP_ID) {
    return { ok: false, reason: "The audience claim value is invalid for current resource." };
  }
  const now = Date.now() / 1000;
  if (typeof exp !== "number" || exp <= now) return { ok: false, reason: "The token has expired." };
  if (typeof nbf !== "number" || nbf > now) return { ok: false, reason: "The token is not yet valid." };
  if (typeof tid !== "string" || typeof appid !== "string") {
    return { ok: false, reason: "The token lacks the tid or appid claim." };
  }
  const granted = Array.isArray(roles)
    ? roles.filter((role): role is string => typeof role === "string")
    : [];
  return { ok: true, claims: { tid, appid, roles: granted } };
}
