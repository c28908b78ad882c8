// `exo-connector check`: is this configuration ready? Offline checks of every key and option list, then
// the token and its Exchange.ManageAsApp role, then one small read per cmdlet group. Never writes.
// Exit 0 when every check passed, 1 when one failed, 2 when the input cannot be read at all.

import { LOG_LEVEL_VARIABLE, secretsOf } from "../actions/configuration.js";
import { createExchangeClient } from "../actions/connection.js";
import { EXIT_FAILED, EXIT_SUCCESS, EXIT_UNUSABLE_INPUT, type RunIO } from "../actions/run.js";
import { parseJsonQuietly } from "../common/json.js";
import { getCI, isObject } from "../helloid/caseInsensitive.js";
import { InputError, parseRunInput } from "../helloid/context.js";
import { JsonLinesLogger, parseLogLevel } from "../helloid/logger.js";
import { Redactor } from "../helloid/redactor.js";
import { packageConfigurationFields } from "../package/index.js";
import { offlineChecks } from "./offline.js";
import { probeChecks, skippedOnline, tokenChecks } from "./online.js";
import { asJson, asOutputContext, type CheckFormat, table } from "./report.js";
import type { CheckResult } from "./result.js";

export interface CheckIO extends Omit<RunIO, "writeStdout"> {
  /** A check's report is a few kilobytes: written as it comes, whatever the reader's pace. */
  writeStdout(text: string): void;
  format: CheckFormat;
}

export async function runCheck(inputText: string, io: CheckIO): Promise<number> {
  const redactor = new Redactor();
  const log = new JsonLinesLogger(
    (line) => io.writeStderr(line),
    redactor,
    parseLogLevel(io.env?.[LOG_LEVEL_VARIABLE] ?? "") ?? "info",
    undefined,
    io.logFields,
  );
  let configuration: Record<string, unknown>;
  try {
    configuration = configurationOf(inputText);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    log.error(error.message);
    return EXIT_UNUSABLE_INPUT;
  }
  for (const secret of secretsOf(configuration)) redactor.add(secret);

  const offline = offlineChecks(configuration, packageConfigurationFields(), io.env);
  for (const secret of offline.secrets) redactor.add(secret);
  const checks: CheckResult[] = [...offline.checks];
  const connection = offline.connection;
  if (!connection) {
    checks.push(...skippedOnline("Not checked: the connection settings above are not usable.", true));
  } else {
    const client = createExchangeClient(connection, {
      deadline: Date.now() + connection.ActionDeadlineSeconds * 1000,
      logger: log,
      overrides: io.connection,
      env: io.env,
      signal: io.signal,
    });
    try {
      const token = await tokenChecks(client, connection.UseCertificate ? "certificate" : "client secret");
      checks.push(...token.checks);
      checks.push(
        ...(token.usable
          ? await probeChecks(client)
          : skippedOnline("Not checked: fix the token first.", false)),
      );
    } finally {
      client.close();
    }
  }

  const write = (text: string) => io.writeStdout(redactor.redact(text));
  if (io.format === "json") write(`${asJson(checks)}\n`);
  else if (io.format === "table") write(`${table(checks).join("\n")}\n`);
  else {
    for (const line of table(checks)) log.info(line);
    write(`${JSON.stringify(asOutputContext(checks))}\n`);
  }
  return checks.every((check) => check.ok) ? EXIT_SUCCESS : EXIT_FAILED;
}

/** A `run` input's actionContext.Configuration, or a bare Configuration object. */
function configurationOf(text: string): Record<string, unknown> {
  try {
    return parseRunInput(text).actionContext.Configuration;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const json = parseJsonQuietly(text);
    if (isObject(json) && getCI(json, "actionContext") === undefined) return json;
    throw error;
  }
}
