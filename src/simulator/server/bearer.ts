// The resource-server side of authentication: Exchange validates the bearer token and maps it to an app.
import { findApp, isOwnTenant, type RegisteredApp, type ServerState } from "./context.js";
import { MANAGE_AS_APP, verifyAccessToken } from "./tokens.js";

export type BearerCheck = { ok: true; app: RegisteredApp } | { ok: false; reason: string };

export function authenticate(
  state: ServerState,
  authorization: string | undefined,
  urlTenant: string,
): BearerCheck {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization?.trim() ?? "");
  if (!match?.[1]) return { ok: false, reason: "The request has no bearer token." };
  const check = verifyAccessToken(state.signingKey, match[1]);
  if (!check.ok) return check;
  if (!isOwnTenant(state, urlTenant) || check.claims.tid.toLowerCase() !== state.tenantId.toLowerCase()) {
    return { ok: false, reason: "The token's tenant does not match the tenant in the request URL." };
  }
  const app = findApp(state, check.claims.appid);
  if (!app) return { ok: false, reason: "The application of the token is not registered in the tenant." };
  if (!check.claims.roles.includes(MANAGE_AS_APP)) {
    return { ok: false, reason: `The token does not carry the ${MANAGE_AS_APP} role.` };
  }
  return { ok: true, app };
}
