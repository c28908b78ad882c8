// The bytes of a run input as text. The shim writes UTF-8 without a byte order mark, but a file saved by hand on
// Windows may be UTF-8 with a BOM (Notepad), or UTF-16 with one (Windows PowerShell 5.1's `>` and Out-File).
import { InputError } from "./context.js";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);

export function decodeInput(bytes: Uint8Array): string {
  if (startsWith(bytes, UTF8_BOM)) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    throw new InputError(
      `the input looks like UTF-16 (${utf16}) without a byte order mark; save it as UTF-8, or as UTF-16 with a byte order mark (Windows PowerShell: Out-File -Encoding utf8)`,
    );
  }
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * JSON starts with ASCII ({, [ or white space); in UTF-16 every such character has a zero byte, after it in
 * little-endian and before it in big-endian. UTF-8 text never contains a zero byte there.
 */
function utf16WithoutBom(bytes: Uint8Array): "little-endian" | "big-endian" | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] !== 0 && bytes[1] === 0) return "little-endian";
  if (bytes[0] === 0 && bytes[1] !== 0) return "big-endian";
  return undefined;
}
