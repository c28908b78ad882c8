// The one entry every caller uses (the CLI, the demo, the tests): input text in, outputContext JSON or
// NDJSON records out, and the exit code (README, 'run contract').

import type { LogFields, Logger } from "../common/logger.js";
import { ExchangeError } from "../exchange/index.js";
import { InputError, parseRunInput } from "../helloid/context.js";
import { JsonLinesLogger, type LogLevel } from "../helloid/logger.js";
import { OutputContext } from "../helloid/output.js";
import { Redactor } from "../helloid/redactor.js";
import { connectorDeadlineSeconds } from "../helloid/timeLimits.js";
import { VERSION } from "../version.js";
import {
  certificateInputError,
  parseConnectionSettings,
  resolveLogLevel,
  secretsOf,
} from "./configuration.js";
import { type ConnectionOverrides, createExchangeClient, proxySecrets } from "./connection.js";
import { ActionFailure, type AnyAction, type PrepareInput } from "./framework.js";
import { findAction } from "./registry.js";

export const EXIT_SUCCESS = 0;
export const EXIT_FAILED = 1;
export const EXIT_UNUSABLE_INPUT = 2;

export interface RunIO {
  /** A promise when the reader is behind: the action produces no more output until it settles. */
  writeStdout(text: string): void | Promise<void>;
  writeStderr(text: string): void;
  env?: NodeJS.ProcessEnv;
  /** Stops the action as its deadline would, when it aborts first (a service's caller that went away). */
  signal?: AbortSignal;
  /** Fields every log line carries (a service's request id). */
  logFields?: LogFields;
  /** Test and demo hooks for the Exchange connection (extra trusted CA). */
  connection?: ConnectionOverrides;
}

export async function runAction(actionName: string, inputText: string, io: RunIO): Promise<number> {
  const startedAt = Date.now();
  const redactor = new Redactor();
  const logger = (level: LogLevel) =>
    new JsonLinesLogger((line) => io.writeStderr(line), redactor, level, { version: VERSION }, io.logFields);

  let prepared: Prepared;
  try {
    prepared = prepareRun(actionName, inputText, redactor, io.env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    logger("error").error(error.message);
    return EXIT_UNUSABLE_INPUT;
  }
  const { action, input: prepareInput, plan } = prepared;
  const log = logger(prepared.logLevel);
  warnAboutIgnoredData(prepareInput, log);
  if (plan instanceof ActionFailure) {
    const output = new OutputContext(prepareInput.prefilled);
    output.auditError(plan.message);
    await writeOutputContext(output, io, redactor);
    return EXIT_FAILED;
  }

  const dryRun = prepareInput.context.DryRun;
  const exchange = createExchangeClient(prepareInput.connection, {
    deadline: startedAt + deadlineSeconds(action, prepareInput, dryRun) * 1000,
    logger: log,
    overrides: io.connection,
    env: io.env,
    signal: io.signal,
  });
  try {
    // Unusable input like the rest, but read after the client exists: a token this certificate earned
    // earlier (the token cache) proves it opens, and spares a warm action the PKCS#12 reader.
    const certificate = await exchange.certificateProblem();
    if (certificate) {
      log.error(certificateInputError(certificate).message);
      return EXIT_UNUSABLE_INPUT;
    }
    if (action.kind === "import") {
      return await streamRecords(action, plan, { exchange, log, dryRun }, io, redactor);
    }
    const output = new OutputContext(prepareInput.prefilled);
    try {
      await action.execute(plan, { exchange, output, log, dryRun });
    } catch (error) {
      output.auditError(describeFailure(error, log));
    }
    await writeOutputContext(output, io, redactor);
    return output.Success ? EXIT_SUCCESS : EXIT_FAILED;
  } finally {
    exchange.close();
  }
}

interface Prepared {
  action: AnyAction;
  input: PrepareInput;
  /** The action's plan, or the failure to report without calling Exchange. */
  plan: unknown;
  logLevel: LogLevel;
}

/**
 * Everything before the first Exchange call: the action, the input, the connection settings (their secrets go
 * to the redactor) and the action's plan. Unusable input throws InputError; an ActionFailure becomes the plan of
 * an output action (reported as Success false) and unusable input for an import.
 */
function prepareRun(
  actionName: string,
  inputText: string,
  redactor: Redactor,
  env: NodeJS.ProcessEnv | undefined,
): Prepared {
  const action = findAction(actionName);
  const parsed = parseRunInput(inputText);
  for (const secret of secretsOf(parsed.actionContext.Configuration)) redactor.add(secret);
  const connection = parseConnectionSettings(parsed.actionContext.Configuration);
  const logLevel = resolveLogLevel(connection, env);
  for (const secret of proxySecrets(connection, env)) redactor.add(secret);
  const input: PrepareInput = {
    input: parsed,
    context: parsed.actionContext,
    person: parsed.personContext ?? undefined,
    resource: parsed.resourceContext ?? undefined,
    connection,
    prefilled: parsed.outputContext ?? undefined,
  };
  try {
    return { action, input, plan: action.prepare(input), logLevel };
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error;
    if (action.kind === "import") throw new InputError(error.message);
    return { action, input, plan: error, logLevel };
  }
}

/**
 * The actions read mapped values from actionContext.Data; HelloID also pre-fills outputContext.Data, with
 * nulls for fields mapped "None". Values there and nothing in actionContext.Data is a hand-written input with
 * the values in the wrong place: they would be ignored without a word.
 */
function warnAboutIgnoredData({ context, prefilled }: PrepareInput, log: Logger): void {
  if (Object.keys(context.Data ?? {}).length > 0) return;
  const given = Object.entries(prefilled?.Data ?? {})
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([name]) => name);
  if (given.length === 0) return;
  log.warn(
    `outputContext.Data holds values (${given.join(", ")}) but actionContext.Data is empty: the connector reads mapped values from actionContext.Data only`,
  );
}

/** ActionDeadlineSeconds, or for a slot HelloID gives longer, that limit less a margin (5 %, at least 5 s). */
function deadlineSeconds(action: AnyAction, input: PrepareInput, dryRun: boolean): number {
  const limit = action.timeLimitSeconds;
  if (limit === undefined || dryRun) return input.connection.ActionDeadlineSeconds;
  return connectorDeadlineSeconds(limit);
}

/** Permissions per write when a retrieve-permissions listing is large. */
const PERMISSIONS_PER_WRITE = 1000;

/**
 * The outputContext as one JSON line — exactly JSON.stringify's bytes — written a slice of Permissions at a
 * time when there are many: a listing of 100,000 objects then never exists as one 20 MB string plus its
 * UTF-8 copies, which added some 50 MB to the process's peak memory at the very end (BENCHMARKS.md, 'Scale').
 */
async function writeOutputContext(output: OutputContext, io: RunIO, redactor: Redactor): Promise<void> {
  if (output.Permissions.length <= PERMISSIONS_PER_WRITE) {
    await io.writeStdout(`${redactor.redact(JSON.stringify(output))}\n`);
    return;
  }
  const write = (text: string) => io.writeStdout(redactor.redact(text));
  let separator = "{";
  for (const [key, value] of Object.entries(output.toJSON())) {
    const head = `${separator}${JSON.stringify(key)}:`;
    separator = ",";
    if (key !== "Permissions" || !Array.isArray(value)) {
      await write(`${head}${JSON.stringify(value)}`);
      continue;
    }
    await write(`${head}[`);
    for (let start = 0; start < value.length; start += PERMISSIONS_PER_WRITE) {
      const slice = value.slice(start, start + PERMISSIONS_PER_WRITE).map((item) => JSON.stringify(item));
      await write(`${start === 0 ? "" : ","}${slice.join(",")}`);
    }
    await write("]");
  }
  await write("}\n");
}

async function streamRecords(
  action: Extract<AnyAction, { kind: "import" }>,
  plan: unknown,
  runtime: { exchange: ReturnType<typeof createExchangeClient>; log: Logger; dryRun: boolean },
  io: RunIO,
  redactor: Redactor,
): Promise<number> {
  try {
    for await (const record of action.records(plan, runtime)) {
      await io.writeStdout(`${redactor.redact(JSON.stringify(record))}\n`);
    }
    return EXIT_SUCCESS;
  } catch (error) {
    runtime.log.error(describeFailure(error, runtime.log));
    return EXIT_FAILED;
  }
}

/** The message a person reads; programming errors keep their stack in the (redacted) log only. */
function describeFailure(error: unknown, log: Logger): string {
  if (error instanceof ExchangeError) return error.message;
  if (error instanceof ActionFailure) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  log.error("unexpected error", { stack: error instanceof Error ? error.stack : undefined });
  return `Unexpected error: ${detail}`;
}
