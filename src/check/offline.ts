// The offline part of the readiness check: every configuration key and option list, read by the same
// parsers the actions use, so the check and a real run accept and refuse the same configuration.
import {
  type ConnectionSettings,
  parseConnectionSettings,
  resolveLogLevel,
} from "../actions/configuration.js";
import { type ConfigurationSetting, readSetting } from "../actions/configurationSetting.js";
import { type ProxyEnvironment, proxyOptions, proxySecrets } from "../actions/connection.js";
import { folderPermissionFields } from "../actions/folderPermission/settings.js";
import { parseGroupSettings } from "../actions/groups/settings.js";
import { litigationHoldFields } from "../actions/litigationHold/settings.js";
import { regionalConfigurationFields } from "../actions/regionalConfiguration/settings.js";
import { parseSharedMailboxSettings } from "../actions/sharedMailboxes/settings.js";
import { configuredProxy, describeProxy, parseProxyUrl } from "../exchange/index.js";
import type { ConfigurationField } from "../helloid/configurationForm.js";
import { InputError } from "../helloid/context.js";
import { type CheckResult, failed, passed } from "./result.js";

export interface OfflineResult {
  checks: CheckResult[];
  /** The connection settings when they (and the proxy) are usable: the online checks need them. */
  connection?: ConnectionSettings;
  /** Proxy passwords from the environment, for the redactor. */
  secrets: string[];
}

const CORRECT_FIELD = "Correct the value on the Configuration tab (or leave it empty for its default).";

/** Each check is one parser; its InputError already names the field and says what is allowed. */
function parsed(
  name: string,
  parse: () => unknown,
  detail: string | (() => string),
  change = CORRECT_FIELD,
): CheckResult {
  try {
    parse();
    return passed(name, typeof detail === "string" ? detail : detail());
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return failed(name, `${error.message}.`, change);
  }
}

function optionLists(
  name: string,
  settings: readonly ConfigurationSetting<unknown>[],
  configuration: Record<string, unknown>,
) {
  return parsed(
    name,
    () => settings.map((setting) => readSetting(configuration, setting)),
    `${settings.map((s) => s.key).join(", ")} usable`,
  );
}

function proxyInWords(settings: ConnectionSettings, env: ProxyEnvironment): string {
  const configured = configuredProxy(proxyOptions(settings, env));
  if (!configured) return "direct connections (no ProxyUrl, no HTTPS_PROXY)";
  const proxy = describeProxy(parseProxyUrl(configured.url, configured.source));
  if (configured.source === "proxy.url") return `every request through ${proxy} (ProxyUrl)`;
  const except = configured.noProxy ? `, except NO_PROXY ${configured.noProxy}` : "";
  return `through ${proxy} (${configured.source}${except})`;
}

export function offlineChecks(
  configuration: Record<string, unknown>,
  knownFields: readonly ConfigurationField[],
  env: ProxyEnvironment,
): OfflineResult {
  const known = new Set(knownFields.map((field) => field.key.toLowerCase()));
  const unknown = Object.keys(configuration).filter((key) => !known.has(key.toLowerCase()));
  const checks: CheckResult[] = [
    unknown.length === 0
      ? passed("Configuration keys", `${Object.keys(configuration).length} keys, all known`)
      : failed(
          "Configuration keys",
          `Unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((key) => `"${key}"`).join(", ")}: a misspelt key is ignored and its default applies.`,
          "Correct the spelling or remove the key (configuration.json of the package lists every key).",
        ),
  ];

  let connection: ConnectionSettings | undefined;
  let secrets: string[] = [];
  checks.push(
    parsed(
      "Connection settings",
      () => {
        connection = parseConnectionSettings(configuration);
        resolveLogLevel(connection, env);
      },
      `Organization, TenantID, AppId, the ${configuration.UseCertificate === true ? "certificate" : "credential"}, Environment, URLs and deadline usable`,
    ),
  );
  if (connection) {
    const settings = connection;
    const proxy = parsed(
      "Proxy",
      () => {
        secrets = proxySecrets(settings, env);
      },
      () => proxyInWords(settings, env),
      "Set the environment variable to http://[user:password@]host:port, or fill in ProxyUrl.",
    );
    checks.push(proxy);
    if (!proxy.ok) connection = undefined;
  }
  checks.push(parsed("Shared mailbox settings", () => parseSharedMailboxSettings(configuration), "usable"));
  checks.push(parsed("Group settings", () => parseGroupSettings(configuration), "usable"));
  checks.push(optionLists("Calendar permission options", folderPermissionFields, configuration));
  checks.push(optionLists("Regional configuration options", regionalConfigurationFields, configuration));
  checks.push(optionLists("Litigation hold options", litigationHoldFields, configuration));
  return { checks, connection, secrets };
}
