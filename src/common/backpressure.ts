// Writing no faster than the reader reads: a writer that ignores write()'s false buffers everything it
// produces in memory (a whole import, for a caller that reads slowly).
import type { Writable } from "node:stream";

/**
 * Writes `text`; when the stream's buffer is full, a promise that settles once it has drained, or once the
 * stream has closed, so a reader that went away does not leave the writer waiting for ever.
 */
export function writeWithBackpressure(stream: Writable, text: string): void | Promise<void> {
  if (stream.write(text) || stream.destroyed) return;
  return new Promise((resolve) => {
    const settle = () => {
      stream.off("drain", settle);
      stream.off("close", settle);
      resolve();
    };
    stream.on("drain", settle);
    stream.on("close", settle);
  });
}
