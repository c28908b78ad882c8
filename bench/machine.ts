// The machine a run measured: CPU, cores, memory, Node, OS, load — figures mean little without it.
import { existsSync, readFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, totalmem, type } from "node:os";
import { table } from "./report.js";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  load: string;
}

function cpuModel(): string {
  if (existsSync("/proc/cpuinfo")) {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    if (model) return model.trim();
  }
  return cpus()[0]?.model ?? "unknown";
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()}`,
    load: loadavg()
      .map((value) => value.toFixed(2))
      .join(" / "),
  };
}

export function machineTable(machine: Machine, started: Date, finished: Date): string {
  return table(
    ["", ""],
    [
      ["CPU", machine.cpu],
      ["cores (logical)", String(machine.cores)],
      ["memory", `${machine.memoryGb} GB (free at start ${(freemem() / 2 ** 30).toFixed(1)} GB)`],
      ["Node.js", machine.node],
      ["OS", machine.os],
      ["load average at start (1/5/15 min)", machine.load],
      ["run", `${started.toISOString()} → ${finished.toISOString()}`],
    ],
  );
}
