// `exo-connector serve`: starts the service, prints where it listens as the first stdout line, logs JSON
// lines on stderr and, on SIGTERM or SIGINT, lets the actions in flight finish before it exits.
import { readFileSync } from "node:fs";
import { JsonLinesLogger } from "../helloid/logger.js";
import { Redactor } from "../helloid/redactor.js";
import { VERSION } from "../version.js";
import { ApiKeyError, ApiKeys } from "./apiKeys.js";
import { startService } from "./server.js";

/** A problem with the command line or the environment: the CLI reports it as unusable input. */
export class ServeError extends Error {}

export interface ServeOptions {
  listen: string;
  tenantConcurrency: number;
  tlsPfx?: string;
  tlsPassphraseEnv?: string;
}

export async function runServe(
  options: ServeOptions,
  io: { writeStdout(text: string): void; writeStderr(text: string): void; env: NodeJS.ProcessEnv },
): Promise<number> {
  const { host, port } = parseListen(options.listen);
  if (!Number.isInteger(options.tenantConcurrency) || options.tenantConcurrency < 1) {
    throw new ServeError("--tenant-concurrency: expected a whole number of at least 1");
  }
  let apiKeys: ApiKeys;
  try {
    apiKeys = ApiKeys.fromEnvironment(io.env);
  } catch (error) {
    if (error instanceof ApiKeyError) throw new ServeError(error.message);
    throw error;
  }
  const redactor = new Redactor();
  for (const key of apiKeys.keys) redactor.add(key);
  const tls = serverCertificate(options, io.env);
  if (tls?.passphrase) redactor.add(tls.passphrase);
  const log = new JsonLinesLogger((line) => io.writeStderr(line), redactor, "info", { version: VERSION });

  const service = await startService({
    host,
    port,
    apiKeys,
    tenantConcurrency: options.tenantConcurrency,
    log,
    writeActionLog: (line) => io.writeStderr(redactor.redact(line)),
    env: io.env,
    tls,
  });
  io.writeStdout(`${JSON.stringify({ listening: service.url })}\n`);
  log.info("listening", { url: service.url, tenantConcurrency: options.tenantConcurrency });

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGTERM", () => resolve("SIGTERM"));
    process.once("SIGINT", () => resolve("SIGINT"));
  });
  log.info("draining: no new actions, waiting for those in flight", {
    signal,
    actionsInFlight: service.metrics.actionsInFlight,
  });
  await service.shutdown();
  log.info("stopped");
  return 0;
}

/** `HOST:PORT`, `[IPv6]:PORT`; port 0 picks a free port. */
function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  const host = match?.[1] ?? match?.[2];
  if (!match || !host || port > 65535) {
    throw new ServeError(
      `--listen: expected HOST:PORT such as 127.0.0.1:8080 (port 0: any free port), got "${listen}"`,
    );
  }
  return { host, port };
}

function serverCertificate(
  options: ServeOptions,
  env: NodeJS.ProcessEnv,
): { pfx: Buffer; passphrase?: string } | undefined {
  if (options.tlsPfx === undefined) {
    if (options.tlsPassphraseEnv !== undefined) throw new ServeError("--tls-passphrase-env needs --tls-pfx");
    return undefined;
  }
  let pfx: Buffer;
  try {
    pfx = readFileSync(options.tlsPfx);
  } catch (error) {
    throw new ServeError(
      `--tls-pfx: cannot read ${options.tlsPfx} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (options.tlsPassphraseEnv === undefined) return { pfx };
  const passphrase = env[options.tlsPassphraseEnv];
  if (passphrase === undefined) {
    throw new ServeError(
      `--tls-passphrase-env: the environment variable ${options.tlsPassphraseEnv} is not set`,
    );
  }
  return { pfx, passphrase };
}
