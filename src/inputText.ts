// The input of `run`, from a file or stdin, as text.

/**
 * Input without a UTF-8 byte order mark: Windows editors save one, and .NET Framework's Process can put one on
 * a child's stdin when the console code page is UTF-8 (before the shim's own BOM-less bytes).
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return withoutBom(Buffer.concat(chunks).toString("utf8"));
}
