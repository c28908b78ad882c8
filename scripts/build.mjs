// Bundles the CLI into one ESM file (the agent gets one file to copy), minified: every cold process parses all
// of it, and V8's parse time follows its size. Code only some commands need (MSAL, node-forge, commander,
// the simulator, the demo, the package writer) sits behind dynamic import(), which esbuild turns into lazy
// initializers inside the one file: parsed but never evaluated unless used. BENCHMARKS.md has the figures,
// beside those of the same code split into chunks (bench/coldStart.ts builds that variant from these options).
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const buildOptions = {
  entryPoints: { cli: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: "linked",
  minify: true,
  // Stack traces in the log keep their function and class names.
  keepNames: true,
  logLevel: "warning",
  // CommonJS dependencies (node-forge, jsonwebtoken) call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) await build(buildOptions);
