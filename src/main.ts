// The bundle's entry. HelloID's shim starts `exo-connector run <action>` with the input on stdin, once per
// action: that path goes straight to runAction, so a process spends no time on the CLI parser (commander),
// which esbuild then leaves unevaluated. Any other command line, including an unusual `run` (options, a
// terminal on stdin), goes through the full CLI in cli.ts, which also prints usage and errors.
import { EXIT_UNUSABLE_INPUT, runAction } from "./actions/run.js";
import { writeWithBackpressure } from "./common/backpressure.js";
import { InputError } from "./helloid/context.js";
import { readStdin } from "./inputText.js";

const [command, action, ...rest] = process.argv.slice(2);
if (command === "run" && action && !action.startsWith("-") && rest.length === 0 && !process.stdin.isTTY) {
  try {
    process.exitCode = await runAction(action, await readStdin(), {
      writeStdout: (chunk) => writeWithBackpressure(process.stdout, chunk),
      writeStderr: (chunk) => process.stderr.write(chunk),
      env: process.env,
    });
  } catch (error) {
    const unusable = error instanceof InputError;
    const message = unusable ? error.message : `unexpected error: ${(error as Error).message}`;
    process.stderr.write(`${JSON.stringify({ level: "error", message })}\n`);
    process.exitCode = unusable ? EXIT_UNUSABLE_INPUT : 1;
  }
} else {
  await import("./cli.js");
}
