// Stand-ins for the connector file the shim starts (ConnectorPath): each reads its input as the real one does,
// records its process id and what it read, then behaves as told (crash, hang, answer).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const folder = mkdtempSync(join(tmpdir(), "exo-fake-connector-"));

export interface FakeConnector {
  path: string;
  /** The process id of its last run. */
  pid(): number;
  /** What its last run read on stdin. */
  input(): string;
}

/** `onInput` is JavaScript run once stdin has ended, with the text read in `input` (and fs's `existsSync`). */
export function fakeConnector(name: string, onInput: string): FakeConnector {
  const path = join(folder, `${name}.mjs`);
  writeFileSync(
    path,
    [
      `import { existsSync, writeFileSync } from "node:fs";`,
      `writeFileSync(${JSON.stringify(`${path}.pid`)}, String(process.pid));`,
      `let input = "";`,
      `process.stdin.setEncoding("utf8").on("data", (chunk) => { input += chunk; });`,
      `process.stdin.on("end", () => {`,
      `  writeFileSync(${JSON.stringify(`${path}.input`)}, input);`,
      onInput,
      `});`,
      "",
    ].join("\n"),
  );
  return {
    path,
    pid: () => Number(readFileSync(`${path}.pid`, "utf8")),
    input: () => readFileSync(`${path}.input`, "utf8"),
  };
}
