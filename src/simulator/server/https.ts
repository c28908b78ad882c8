// HTTP plumbing: the TLS listener, request bodies, replies (gzip when the client accepts it, as Exchange
// does) and connection resets.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";
import type { ServerTls } from "./certificates.js";
import type { Reply } from "./envelopes.js";

const gzipAsync = promisify(gzip);
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createHttpsServer(tls: ServerTls, handler: RequestHandler): Server {
  // The CA travels with the chain so clients that trust only the CA PEM can verify the leaf.
  return createServer({ key: tls.keyPem, cert: `${tls.certPem}${tls.caPem}` }, (req, res) => {
    void handler(req, res);
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** The request body, or undefined when it exceeds the limit. */
export async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Lower-case names, string values: the shape both HTTP requests and `$batch` item headers are read in. */
export function normalizeHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return headers;
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

function encodeBody(body: unknown): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
}

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "")
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .some((part) => part === "gzip" || (part.startsWith("gzip;") && !/q=0(\.0*)?$/.test(part)));
}

export async function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
  let payload = encodeBody(reply.body);
  const headers: Record<string, string> = { ...reply.headers };
  if (payload.length > 0 && !headers["Content-Encoding"] && acceptsGzip(req.headers["accept-encoding"])) {
    payload = await gzipAsync(payload, { level: constants.Z_BEST_SPEED });
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(payload.length);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Drops the connection without an answer, as a load balancer or a crashing front end does. */
export function resetConnection(req: IncomingMessage): void {
  req.socket.destroy();
}
