// JSON text as Windows tools write it: a file saved by Windows PowerShell 5.1 or Notepad, or a body some
// services send, may start with a byte order mark, which JSON.parse rejects.

/** The text without a leading byte order mark. */
export function withoutByteOrderMark(text: string): string {
  return text.replace(/^\uFEFF/, "");
}

/**
 * The value of JSON text, a leading byte order mark ignored; throws SyntaxError when it is not JSON. A
 * "__proto__" key is dropped: matched ignoring case it would become an object's prototype, so its fields
 * would seem given.
 */
export function parseJsonText(text: string): unknown {
  return JSON.parse(withoutByteOrderMark(text), (key, value) => (key === "__proto__" ? undefined : value));
}

/** The value of JSON text, or undefined when it is not JSON. */
export function parseJsonQuietly(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}
