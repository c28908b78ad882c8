// A warm token cache for in-process runs: the token an earlier process would have left for an app, put into
// a cache directory through the connector's own TokenCache, so the run reads it from disk as a new process does.
import { request } from "node:https";
import { TokenCache } from "../../src/exchange/auth/tokenCache.js";
import { scopeFor } from "../../src/exchange/environments.js";
import type { Simulator } from "../../src/simulator/index.js";

export async function primeTokenCache(
  simulator: Simulator,
  app: { appId: string; secret: string },
  directory: string,
): Promise<void> {
  const scope = scopeFor("Global");
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: app.appId,
    client_secret: app.secret,
    scope,
  }).toString();
  const answer = await new Promise<string>((resolve, reject) => {
    const req = request(`${simulator.url}/${simulator.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      ca: simulator.caPem,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
    req.on("error", reject);
    req.end(body);
  });
  const { access_token, expires_in } = JSON.parse(answer) as { access_token: string; expires_in: number };
  const identity = { authorityUrl: simulator.url, tenant: simulator.tenantId, appId: app.appId, scope };
  new TokenCache(directory, identity, { kind: "secret", secret: app.secret }).write({
    token: access_token,
    expiresOn: Date.now() + expires_in * 1000,
  });
}
