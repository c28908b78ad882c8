// `exo-connector package`: the folder HelloID imports — one generated shim per action, laid out
// as HelloID's slots expect, configuration.json and fieldMapping.json generated from the code's own
// settings, a README, and the bundled connector beside them.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { connectionFields } from "../actions/configuration.js";
import { familyConfigurationFields } from "../actions/configurationFields.js";
import { listActions } from "../actions/registry.js";
import { type ConfigurationField, toConfigurationJson } from "../helloid/configurationForm.js";
import { renderShim, shimFields } from "../helloid/shim/index.js";
import { ACTION_SECONDS, shimStopSeconds } from "../helloid/timeLimits.js";
import { VERSION } from "../version.js";
import { correlateOnlyFieldMapping, fieldMapping } from "./fieldMapping.js";
import { type ActionInfo, type ScriptEntry, scriptLayout } from "./layout.js";
import { packageReadme } from "./readme.js";

/** The readiness check's script, at the root of the folder. */
export const CHECK_SCRIPT = "check.ps1";

/** Where the bundled connector goes inside the folder. */
export const BUNDLE_FILE = "connector/exo-connector.mjs";

export interface PackageAction extends ActionInfo {
  readonly summary: string;
}

export interface PackageOptions {
  outDir: string;
  /** The bundled CLI to copy; default the running bundle, or dist/cli.js of this checkout. */
  bundlePath?: string;
  version?: string;
  /** Default: every registered action. */
  actions?: readonly PackageAction[];
}

export interface PackageResult {
  outDir: string;
  /** Every file written, relative to outDir, `/`-separated. */
  files: string[];
  scripts: ScriptEntry[];
}

/** Every configuration key of configuration.json: the connection, the shim's own, then each family's. */
export function packageConfigurationFields(): ConfigurationField[] {
  return [...connectionFields, ...shimFields, ...familyConfigurationFields()];
}

/** The connector bundle to ship: this very file when running bundled, else the checkout's dist/cli.js. */
export function defaultBundlePath(): string {
  const self = fileURLToPath(import.meta.url);
  if (/\.m?js$/.test(self) && !self.includes(`${join("src", "package")}`)) return self;
  return resolve(dirname(self), "..", "..", "dist", "cli.js");
}

const MANAGED = ["create.ps1", "configuration.json", "fieldMapping.json"];

/** Refuses to write into a folder that holds something other than an earlier package; clears an earlier one. */
function prepareFolder(outDir: string, owned: readonly string[]): void {
  if (!existsSync(outDir)) {
    mkdirSync(outDir, { recursive: true });
    return;
  }
  if (!statSync(outDir).isDirectory()) throw new PackageError(`--out: ${outDir} exists and is not a folder`);
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  if (!MANAGED.every((name) => entries.includes(name))) {
    throw new PackageError(
      `--out: ${outDir} is not empty and holds no earlier package; choose a new or empty folder`,
    );
  }
  const tops = new Set(owned.map((file) => file.split("/")[0] as string));
  for (const entry of entries)
    if (tops.has(entry) || entry.endsWith(".ps1")) rmSync(join(outDir, entry), { recursive: true });
}

export class PackageError extends Error {}

export function writePackage(options: PackageOptions): PackageResult {
  const outDir = resolve(options.outDir);
  const version = options.version ?? VERSION;
  const actions: readonly PackageAction[] = options.actions ?? listActions();
  const bundlePath = options.bundlePath ?? defaultBundlePath();
  if (!existsSync(bundlePath)) {
    throw new PackageError(`the connector bundle ${bundlePath} does not exist; run \`npm run build\` first`);
  }

  const scripts = scriptLayout(actions);
  const fields = packageConfigurationFields();
  const summaries = new Map(actions.map((action) => [action.name, action.summary]));
  const files = new Map<string, string>();
  for (const script of scripts) {
    files.set(
      script.path,
      renderShim({
        action: script.action,
        script: script.path,
        isImport: script.isImport,
        timeoutSeconds: script.timeoutSeconds,
        version,
      }),
    );
  }
  // The readiness check, for a preview in HelloID before going live (README "Check before going live").
  files.set(
    CHECK_SCRIPT,
    renderShim({
      action: "check",
      command: "check",
      script: CHECK_SCRIPT,
      isImport: false,
      timeoutSeconds: shimStopSeconds(ACTION_SECONDS),
      version,
    }),
  );
  files.set("configuration.json", `${JSON.stringify(toConfigurationJson(fields), null, 2)}\n`);
  files.set("fieldMapping.json", `${JSON.stringify(fieldMapping(), null, 2)}\n`);
  if (scripts.some((script) => script.path.startsWith("correlateOnly/"))) {
    files.set("correlateOnly/fieldMapping.json", `${JSON.stringify(correlateOnlyFieldMapping(), null, 2)}\n`);
  }
  files.set(
    "README.md",
    packageReadme({
      version,
      scripts: scripts.map((script) => ({ ...script, summary: summaries.get(script.action) ?? "" })),
      fields,
      bundleFile: BUNDLE_FILE,
    }),
  );

  prepareFolder(outDir, [...files.keys(), BUNDLE_FILE]);
  for (const [path, text] of files) {
    const target = join(outDir, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text, "utf8");
  }
  const bundleTarget = join(outDir, ...BUNDLE_FILE.split("/"));
  mkdirSync(dirname(bundleTarget), { recursive: true });
  copyFileSync(bundlePath, bundleTarget);

  return { outDir, files: [...files.keys(), BUNDLE_FILE].sort(), scripts };
}
