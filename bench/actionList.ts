// The actions as the built CLI lists them (`node dist/cli.js actions`): what HelloID can run.
import { spawnSync } from "node:child_process";
import { CLI } from "./processes.js";

export function listedActions(): string[] {
  const result = spawnSync(process.execPath, [CLI, "actions"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`\`exo-connector actions\` failed: ${result.stderr}`);
  return result.stdout
    .split("\n")
    .map((line) => line.split(/\s+/)[0] ?? "")
    .filter(Boolean);
}
