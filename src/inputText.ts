// The input of `run` from stdin, as text (decoded as helloid/inputText.ts decodes a file: UTF-8, with or
// without a byte order mark, or UTF-16 with one).
import { decodeInput } from "./helloid/inputText.js";

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeInput(Buffer.concat(chunks));
}
