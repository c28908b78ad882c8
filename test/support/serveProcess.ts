// `exo-connector serve` as its own process (the built CLI or the packaged single file), on a free loopback port.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** The URL of the first stdout line, `{"listening": …}`. */
  listening: string;
  exited: Promise<unknown[]>;
  stderr(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export async function startServe(
  cli: string,
  args: string[],
  env: Record<string, string>,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cli, "serve", "--listen", "127.0.0.1:0", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, "exit");
  const [firstLine] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
  const { listening } = JSON.parse(firstLine) as { listening: string };
  return {
    child,
    listening,
    exited,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
