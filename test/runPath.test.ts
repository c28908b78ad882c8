// What a `run` process evaluates: the modules the bundle's entry reaches through static imports. esbuild keeps
// everything behind a dynamic import() as a lazy initializer that runs only when the import does, so these must
// stay behind one: MSAL (needed only without a cached token), node-forge (only for a certificate), the CLI parser
// and the simulator, demo and package code (other commands).
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { build, type Metafile } from "esbuild";
// @ts-expect-error scripts/build.mjs is plain JavaScript: its options are esbuild's BuildOptions.
import { buildOptions } from "../scripts/build.mjs";

const ROOT = join(import.meta.dirname, "..");

/** Every input reachable from `from` through static imports and require() calls. */
function staticallyReached(metafile: Metafile, from: string): Set<string> {
  const reached = new Set<string>();
  const visit = (path: string) => {
    if (reached.has(path)) return;
    reached.add(path);
    for (const imported of metafile.inputs[path]?.imports ?? []) {
      if (imported.kind !== "dynamic-import" && !imported.external) visit(imported.path);
    }
  };
  visit(from);
  return reached;
}

describe("the run path of the bundle", () => {
  it("evaluates no MSAL, node-forge, commander, simulator, demo or package code", async () => {
    const { metafile } = await build({ ...buildOptions, absWorkingDir: ROOT, write: false, metafile: true });
    assert.ok(metafile);
    const reached = [...staticallyReached(metafile, "src/main.ts")];
    assert.ok(reached.includes("src/actions/run.ts"), "the entry reaches runAction");
    assert.ok(
      Object.keys(metafile.inputs).some((path) => path.includes("@azure/msal-node")),
      "MSAL is in the bundle",
    );
    const forbidden = [
      /node_modules\/@azure\//,
      /node_modules\/node-forge\//,
      /node_modules\/jsonwebtoken\//,
      /node_modules\/commander\//,
      /^src\/cli\.ts$/,
      /^src\/exchange\/auth\/(tokenProvider|pfx)\.ts$/,
      /^src\/(simulator|demo|package)\//,
    ];
    assert.deepEqual(
      reached.filter((path) => forbidden.some((pattern) => pattern.test(path))),
      [],
    );
  });
});
