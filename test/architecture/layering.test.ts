// The layering rules of .dependency-cruiser.mjs, as `npm run lint` runs them: the real tree passes, and a tree
// with one wrong import per rule (written to a temporary folder, never into src/) fails naming each rule.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const repository = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const config = join(repository, ".dependency-cruiser.mjs");
const depcruise = join(repository, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");

function cruise(root: string) {
  const result = spawnSync(process.execPath, [depcruise, "src", "--config", config, "--output-type", "err"], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: result.status, report: `${result.stdout}${result.stderr}` };
}

/** A file per layer; `imports` are the relative specifiers the file imports, as in src/. */
const breaches: Record<string, { path: string; imports: string[] }> = {
  "exchange-knows-no-helloid": { path: "src/exchange/client.ts", imports: ["../helloid/context.js"] },
  "helloid-knows-no-exchange": { path: "src/helloid/context.ts", imports: ["../exchange/errors.js"] },
  "simulator-stands-alone": { path: "src/simulator/server.ts", imports: ["../actions/run.js"] },
  "actions-use-no-simulator": { path: "src/actions/run.ts", imports: ["../simulator/server.js"] },
  "service-runs-actions-only": { path: "src/service/server.ts", imports: ["../simulator/server.js"] },
  "common-stands-alone": { path: "src/common/logger.ts", imports: ["../helloid/context.js"] },
};

function writeTree(root: string, files: { path: string; imports: string[] }[]) {
  for (const file of files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    const lines = file.imports.map((specifier, i) => `import type * as m${i} from "${specifier}";`);
    writeFileSync(path, `${lines.join("\n")}\nexport const name = "${file.path}";\n`);
  }
}

describe("layering (dependency-cruiser, run by npm run lint)", () => {
  const root = mkdtempSync(join(tmpdir(), "exo-layering-"));
  after(() => rmSync(root, { recursive: true, force: true }));

  it("passes on the repository's src/", () => {
    const { status, report } = cruise(repository);
    assert.equal(status, 0, report);
  });

  it("fails on a wrong import, naming the rule it breaks", () => {
    writeTree(root, [
      ...Object.values(breaches),
      // Allowed: actions use the client and the HelloID contract; every room uses the shared logger.
      {
        path: "src/actions/grant.ts",
        imports: ["../exchange/errors.js", "../helloid/context.js", "../common/logger.js"],
      },
      { path: "src/exchange/errors.ts", imports: ["../common/logger.js"] },
      { path: "src/helloid/redactor.ts", imports: ["../common/logger.js"] },
      { path: "src/simulator/tenant.ts", imports: ["./server.js"] },
    ]);
    const { status, report } = cruise(root);
    assert.notEqual(status, 0, report);
    for (const [rule, breach] of Object.entries(breaches)) {
      assert.match(report, new RegExp(`${rule}: ${breach.path}`), `${rule} not reported:\n${report}`);
    }
    assert.doesNotMatch(
      report,
      /: src\/(actions\/grant|simulator\/tenant|exchange\/errors|helloid\/redactor)\.ts →/,
      report,
    );
  });
});
