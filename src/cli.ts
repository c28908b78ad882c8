// exo-connector: argument parsing and I/O only; the work happens in src/actions and src/simulator.
// Loaded by main.ts for every command line but the shim's `run <action>`.
import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { listActions } from "./actions/registry.js";
import { EXIT_UNUSABLE_INPUT, runAction } from "./actions/run.js";
import { writeWithBackpressure } from "./common/backpressure.js";
import { InputError } from "./helloid/context.js";
import { decodeInput } from "./helloid/inputText.js";
import { readStdin } from "./inputText.js";
import { FAULT_SPEC_HELP, FaultSpecError, parseFaultSpec } from "./simulator/server/faultSpec.js";
import { VERSION } from "./version.js";

const program = new Command()
  .name("exo-connector")
  .description("Exchange Online target connector for HelloID")
  .version(VERSION, "-V, --version", "print the connector's version")
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
      writeStdout: (chunk) => writeWithBackpressure(process.stdout, chunk),
      writeStderr: (chunk) => process.stderr.write(chunk),
      env: process.env,
    });
  });

program
  .command("check")
  .description(
    "check a configuration before going live: every key and option list, the token and its Exchange.ManageAsApp role, one read per cmdlet group (never writes)",
  )
  .option("--input <file>", "a run input or a bare Configuration object, from FILE instead of stdin")
  .option("--json", 'print {"ok", "checks": [{"name", "ok", "message"}]} instead of a table')
  .option("--helloid", "print an outputContext and log the table (what the package's check.ps1 runs)")
  .action(async (options: { input?: string; json?: boolean; helloid?: boolean }) => {
    const text = await readInput(options.input);
    if (text === undefined) return;
    const { runCheck } = await import("./check/index.js");
    process.exitCode = await runCheck(text, {
      writeStdout: (chunk) => process.stdout.write(chunk),
      writeStderr: (chunk) => process.stderr.write(chunk),
      env: process.env,
      format: options.helloid ? "helloid" : options.json ? "json" : "table",
    });
  });

program
  .command("serve")
  .description(
    "run the connector as an HTTP service: POST /v1/run/<action> with the `run` input (keys: EXO_CONNECTOR_API_KEYS)",
  )
  .requiredOption("--listen <host:port>", "address and port to listen on (port 0 = any free port)")
  .option(
    "--tenant-concurrency <n>",
    "Exchange requests in flight at once per tenant, across all actions",
    "8",
  )
  .option("--tls-pfx <file>", "serve HTTPS with this certificate (PFX)")
  .option("--tls-passphrase-env <variable>", "the environment variable holding the PFX's passphrase")
  .action(
    async (options: {
      listen: string;
      tenantConcurrency: string;
      tlsPfx?: string;
      tlsPassphraseEnv?: string;
    }) => {
      const { runServe, ServeError } = await import("./service/index.js");
      try {
        process.exitCode = await runServe(
          { ...options, tenantConcurrency: integer(options.tenantConcurrency, "--tenant-concurrency") },
          {
            writeStdout: (chunk) => process.stdout.write(chunk),
            writeStderr: (chunk) => process.stderr.write(chunk),
            env: process.env,
          },
        );
      } catch (error) {
        if (error instanceof ServeError) throw new UsageError(error.message);
        throw error;
      }
    },
  );

program
  .command("actions")
  .description("list the actions")
  .action(() => {
    for (const action of listActions()) process.stdout.write(`${action.name.padEnd(44)} ${action.summary}\n`);
  });

program
  .command("example")
  .description(
    "print a ready `run` input for ACTION against the simulator's sample tenant (`exo-connector simulator` with no generator options)",
  )
  .argument("<action>", "the action name, e.g. create or groups/grantPermission")
  .option("--simulator-url <url>", "the URL the simulator printed; without it the input says <simulator URL>")
  .option("--no-dry-run", "DryRun false: the run writes (the example previews by default)")
  .action(async (actionName: string, options: { simulatorUrl?: string; dryRun: boolean }) => {
    const { exampleInput } = await import("./demo/examples.js");
    const input = exampleInput(actionName, { simulatorUrl: options.simulatorUrl, dryRun: options.dryRun });
    process.stdout.write(`${JSON.stringify(input, null, 2)}\n`);
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
  .option(
    "--groups <n>",
    "with N mail-enabled groups in total: 60% distribution, 30% security, 10% synchronized from on-premises",
  )
  .option(
    "--distribution-groups <n>",
    "with exactly N distribution groups (overrides their share of --groups)",
  )
  .option(
    "--security-groups <n>",
    "with exactly N mail-enabled security groups (overrides their share of --groups)",
  )
  .option("--seed <n>", "generator seed", "1")
  .option("--page-cap <n>", "the server's maximum page size", "1000")
  .option("--latency <ms>", "latency added to every request", "0")
  .option("--throttle-every <n>", "answer 1 in N cmdlet requests with 429 Too Many Requests (Retry-After: 1)")
  .option(
    "--fault <rule>",
    `inject a fault (repeatable), e.g. status=503,every=5: ${FAULT_SPEC_HELP}`,
    (rule: string, rules: string[]) => [...rules, rule],
    [] as string[],
  )
  .option("--log", "print one line per request to stderr")
  .action(async (options: Record<string, string | undefined> & { fault: string[]; log?: boolean }) => {
    const { runStandaloneSimulator } = await import("./simulator/standalone.js");
    const rules = [
      ...(options.throttleEvery
        ? [`throttle,every=${integer(options.throttleEvery, "--throttle-every")}`]
        : []),
      ...options.fault,
    ];
    const faults = rules.map((rule) => {
      try {
        return parseFaultSpec(rule);
      } catch (error) {
        if (error instanceof FaultSpecError) throw new UsageError(`--fault ${rule}: ${error.message}`);
        throw error;
      }
    });
    const groups = options.groups ?? options.distributionGroups ?? options.securityGroups;
    await runStandaloneSimulator(
      {
        port: integer(options.port, "--port"),
        host: options.host,
        tenantFile: options.tenant,
        save: options.save,
        generate:
          options.users || options.sharedMailboxes || groups
            ? {
                seed: integer(options.seed, "--seed"),
                users: integer(options.users ?? "0", "--users"),
                sharedMailboxes: integer(options.sharedMailboxes ?? "0", "--shared-mailboxes"),
                groups: integer(options.groups ?? "0", "--groups"),
                distributionGroups: optionalInteger(options.distributionGroups, "--distribution-groups"),
                securityGroups: optionalInteger(options.securityGroups, "--security-groups"),
              }
            : undefined,
        pageCap: integer(options.pageCap, "--page-cap"),
        latencyMs: integer(options.latency, "--latency"),
        faults,
        log: options.log === true,
      },
      process.stdout,
    );
  });

program
  .command("demo")
  .description("walk one person through the lifecycle against the embedded simulator")
  .option("--show-input", "print each step's input as HelloID's script hands it over (secrets masked)")
  .action(async (options: { showInput?: boolean }) => {
    const { runDemo } = await import("./demo/demo.js");
    process.exitCode = await runDemo(process.stdout, { showInput: options.showInput === true });
  });

class UsageError extends Error {}

function integer(text: string | undefined, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new UsageError(`${option}: expected a whole number, got "${text}"`);
  return value;
}

function optionalInteger(text: string | undefined, option: string): number | undefined {
  return text === undefined ? undefined : integer(text, option);
}

async function readInput(file: string | undefined): Promise<string | undefined> {
  if (file) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw new UsageError(
        `--input: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error})`,
      );
    }
    return decodeInput(bytes);
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
  } else if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`${JSON.stringify({ level: "error", message: error.message })}\n`);
    process.exitCode = EXIT_UNUSABLE_INPUT;
  } else {
    process.stderr.write(
      `${JSON.stringify({ level: "error", message: `unexpected error: ${(error as Error).message}` })}\n`,
    );
    process.exitCode = 1;
  }
}
