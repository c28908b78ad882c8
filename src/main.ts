// The bundle's entry. HelloID's shim starts `exo-connector run <action>` with the input on stdin, once per
// action: that path goes straight to runAction, so a process spends no time on the CLI parser (commander),
// which esbuild then leaves unevaluated. Any other command line, including an unusual `run` (options, a
// terminal on stdin), goes through the full CLI in cli.ts, which also prints usage and errors.
import { runAction } from "./actions/run.js";
import { readStdin } from "./inputText.js";

const [command, action, ...rest] = process.argv.slice(2);
if (command === "run" && action && !action.startsWith("-") && rest.length === 0 && !process.stdin.isTTY) {
  try {
    process.exitCode = await runAction(action, await readStdin(), {
      writeStdout: (chunk) => process.stdout.write(chunk),
      writeStderr: (chunk) => process.stderr.write(chunk),
      env: process.env,
    });
  } catch (error) {
    process.stderr.write(
      `${JSON.stringify({ level: "error", message: `unexpected error: ${(error as Error).message}` })}\n`,
    );
    process.exitCode = 1;
  }
} else {
  await import("./cli.js");
}
