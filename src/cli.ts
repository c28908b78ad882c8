// exo-connector: argument parsing and I/O only; the work happens in src/actions and src/simulator.
// Loaded by main.ts for every command line but the shim's `run <action>`.
import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { listActions } from "./actions/registry.js";
import { EXIT_UNUSABLE_INPUT, runAction } from "./actions/run.js";
import { readStdin, withoutBom } from "./inputText.js";

const program = new Command()
  .name("exo-connector")
  .description("Exchange Online target connector for HelloID")
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command("run")
  .description(
    "run one action; input is one JSON object {actionContext, personContext?, resourceContext?, outputContext?}",
  )
  .argument("<action>", "the action name, e.g. create or groups/grantPermission")
  .option("--input <file>", "read the input from FILE instead of stdin")
  .action(async (actionName: string, options: { input?: string }) => {
    const text = await readInput(options.input);
    if (text === undefined) return;
    process.exitCode = await runAction(actionName, text, {
      writeStdout: (chunk) => process.stdout.write(chunk),
      writeStderr: (chunk) => process.stderr.write(chunk),
      env: process.env,
    });
  });

program
  .command("actions")
  .description("list the actions")
  .action(() => {
    for (const action of listActions()) process.stdout.write(`${action.name.padEnd(44)} ${action.summary}\n`);
  });

program
  .command("package")
  .description(
    "write the folder HelloID imports: one PowerShell script per action, configuration.json, fieldMapping.json, README and the bundled connector",
  )
  .option("--out <dir>", "the folder to write (new, empty, or an earlier package)", "exo-connector-package")
  .action(async (options: { out: string }) => {
    const { PackageError, writePackage } = await import("./package/index.js");
    try {
      const result = writePackage({ outDir: options.out });
      process.stdout.write(
        `Wrote ${result.files.length} files (${result.scripts.length} scripts) to ${result.outDir}\n`,
      );
      for (const file of result.files) process.stdout.write(`  ${file}\n`);
      process.stdout.write(
        "Next: see README.md in that folder (install Node.js on the agent, copy the connector, import into HelloID).\n",
      );
    } catch (error) {
      if (error instanceof PackageError) throw new UsageError(error.message);
      throw error;
    }
  });

program
  .command("simulator")
  .description("start the Exchange Online simulator (HTTPS) and keep it running")
  .option("--port <n>", "port to listen on (0 = any free port)", "0")
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .option("--tenant <file>", "load the tenant state from FILE")
  .option("--save <file>", "save the tenant state to FILE on exit")
  .option("--users <n>", "generate a tenant with N user mailboxes")
  .option("--shared-mailboxes <n>", "with N shared mailboxes")
  .option("--groups <n>", "with N distribution groups and N mail-enabled security groups")
  .option("--seed <n>", "generator seed", "1")
  .option("--page-cap <n>", "the server's maximum page size", "1000")
  .option("--latency <ms>", "latency added to every request", "0")
  .action(async (options: Record<string, string | undefined>) => {
    const { runStandaloneSimulator } = await import("./simulator/standalone.js");
    await runStandaloneSimulator(
      {
        port: integer(options.port, "--port"),
        host: options.host,
        tenantFile: options.tenant,
        save: options.save,
        generate:
          options.users || options.sharedMailboxes || options.groups
            ? {
                seed: integer(options.seed, "--seed"),
                users: integer(options.users ?? "0", "--users"),
                sharedMailboxes: integer(options.sharedMailboxes ?? "0", "--shared-mailboxes"),
                groups: integer(options.groups ?? "0", "--groups"),
              }
            : undefined,
        pageCap: integer(options.pageCap, "--page-cap"),
        latencyMs: integer(options.latency, "--latency"),
      },
      process.stdout,
    );
  });

program
  .command("demo")
  .description("walk one person through the lifecycle against the embedded simulator")
  .action(async () => {
    const { runDemo } = await import("./demo/demo.js");
    process.exitCode = await runDemo(process.stdout);
  });

class UsageError extends Error {}

function integer(text: string | undefined, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`${option}: expected a whole number, got "${text}"`);
  return value;
}

async function readInput(file: string | undefined): Promise<string | undefined> {
  if (file) {
    try {
      return withoutBom(await readFile(file, "utf8"));
    } catch (error) {
      throw new UsageError(
        `--input: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`,
      );
    }
  }
  if (process.stdin.isTTY) throw new UsageError("no input: pass --input FILE or pipe the JSON on stdin");
  return readStdin();
}

// A reader that stops early (`exo-connector actions | head -1`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_UNUSABLE_INPUT;
  } else if (error instanceof UsageError) {
    process.stderr.write(`${JSON.stringify({ level: "error", message: error.message })}\n`);
    process.exitCode = EXIT_UNUSABLE_INPUT;
  } else {
    process.stderr.write(
      `${JSON.stringify({ level: "error", message: `unexpected error: ${(error as Error).message}` })}\n`,
    );
    process.exitCode = 1;
  }
}
