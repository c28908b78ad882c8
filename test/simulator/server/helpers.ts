// Raw HTTPS against the simulator (deliberately not our Exchange client): what any client would put on the wire.
import type { IncomingHttpHeaders } from "node:http";
import { request } from "node:https";

export interface Target {
  url: string;
  caPem: string;
  tenantId: string;
  apps: { appId: string; secret?: string }[];
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected ad hoc
  json(): any;
}

export function send(
  target: Target,
  method: string,
  pathOrUrl: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<HttpResult> {
  const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `${target.url}${pathOrUrl}`;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers, ca: target.caPem, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const text = body.toString("utf8");
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text,
          json: () => JSON.parse(text),
        });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export const EXCHANGE_SCOPE = "https://outlook.office365.com/.default";

export function postForm(target: Target, path: string, fields: Record<string, string>): Promise<HttpResult> {
  return send(target, "POST", path, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

export async function tokenFor(target: Target, app = target.apps[0]): Promise<string> {
  const res = await postForm(target, `/${target.tenantId}/oauth2/v2.0/token`, {
    grant_type: "client_credentials",
    client_id: app?.appId ?? "",
    client_secret: app?.secret ?? "",
    scope: EXCHANGE_SCOPE,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json().access_token;
}

export function cmdletBody(cmdlet: string, parameters?: Record<string, unknown>): string {
  return JSON.stringify({
    CmdletInput: { CmdletName: cmdlet, ...(parameters ? { Parameters: parameters } : {}) },
  });
}

export function invoke(
  target: Target,
  token: string,
  cmdlet: string,
  parameters?: Record<string, unknown>,
  options: { headers?: Record<string, string>; url?: string; query?: string } = {},
): Promise<HttpResult> {
  const url = options.url ?? `/adminapi/beta/${target.tenantId}/InvokeCommand${options.query ?? ""}`;
  return send(target, "POST", url, {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...options.headers },
    body: cmdletBody(cmdlet, parameters),
  });
}
