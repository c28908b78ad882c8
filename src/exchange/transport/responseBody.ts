// We ask for `Accept-Encoding: identity`, yet Exchange's 403 arrives as NUL bytes labelled
// `Content-Encoding: gzip` (docs/EXCHANGE-API.md, 'Errors'). A body that does not decode is kept as raw bytes
// so the status, not a decoder crash, decides what the caller sees.

import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { parseJsonQuietly } from "../../common/json.js";

const decoders: Record<string, (raw: Buffer) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

export function decodeBody(raw: Buffer, contentEncoding: string | undefined): Buffer {
  const decode = contentEncoding ? decoders[contentEncoding.trim().toLowerCase()] : undefined;
  if (!decode || raw.length === 0) return raw;
  try {
    return decode(raw);
  } catch {
    return raw;
  }
}

/** The JSON value of a body, or undefined when it is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  return parseJsonQuietly(body.toString("utf8"));
}
