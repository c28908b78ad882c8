// The connector's configuration (HelloID's configuration.json values in actionContext.Configuration).
// The PowerShell connector's keys keep their names and meaning; new keys are optional
// (docs/HELLOID-CONTRACT.md, 'configuration.json').

import { isAbsolute } from "node:path";
import * as z from "zod";
import { DOMAIN_NAME_PATTERN, GUID_PATTERN } from "../common/patterns.js";
import {
  type CertificateProblem,
  exchangeEnvironments,
  parseProxyUrl,
  proxyPasswords,
} from "../exchange/index.js";
import type { ConfigurationField } from "../helloid/configurationForm.js";
import { InputError } from "../helloid/context.js";
import { LOG_LEVELS, type LogLevel, parseLogLevel } from "../helloid/logger.js";
import { booleanLike, ciObject, describeIssues, guid } from "../helloid/schema.js";

const httpsUrl = z
  .string()
  .trim()
  .url("expected an absolute URL")
  .refine((url) => url.startsWith("https://"), "expected an https:// URL");

const optionalText = z
  .string()
  .trim()
  .nullish()
  .transform((text) => (text ? text : undefined));
const optionalUrl = z
  .union([z.literal(""), httpsUrl])
  .nullish()
  .transform((url) => (url ? url.replace(/\/+$/, "") : undefined));

/** http(s)://[user:password@]host[:port]; the message never repeats the value, which may hold a password. */
const optionalProxyUrl = optionalText.refine((text) => text === undefined || isProxyUrl(text), {
  message: "expected http://[user:password@]host:port, e.g. http://proxy.contoso.com:8080",
});

/** The environment variable that sets the log level on one agent; when set, it wins over LogLevel. */
export const LOG_LEVEL_VARIABLE = "EXO_CONNECTOR_LOG_LEVEL";
const LOG_LEVEL_CHOICES = `one of ${LOG_LEVELS.join(", ")}`;

/** debug, info, warn or error in any case; empty means info. */
const logLevel = z
  .string({ error: `expected ${LOG_LEVEL_CHOICES}` })
  .nullish()
  .transform((text, ctx): LogLevel => {
    if (!text?.trim()) return "info";
    const level = parseLogLevel(text);
    if (level) return level;
    ctx.addIssue({ code: "custom", message: `expected ${LOG_LEVEL_CHOICES}, got ${JSON.stringify(text)}` });
    return z.NEVER;
  });

const DEADLINE_RANGE = "expected a number of seconds from 1 to 29 (empty means 25)";

const connectionShape = {
  Organization: z.string().trim().min(1, "required: the tenant's primary *.onmicrosoft.com domain"),
  TenantID: z
    .string()
    .trim()
    .min(1, "required: the Entra ID tenant id (a GUID)")
    .refine(
      (text) => GUID_PATTERN.test(text) || DOMAIN_NAME_PATTERN.test(text),
      "expected the Directory (tenant) ID, a GUID like 00000000-0000-0000-0000-000000000000 (or the tenant's domain, e.g. contoso.onmicrosoft.com)",
    ),
  AppId: guid,
  AppSecret: optionalText,
  UseCertificate: booleanLike.nullish().transform((value) => value ?? false),
  AppCertificateBase64String: optionalText,
  AppCertificatePassword: z.string().nullish(),
  Environment: z
    .union([z.literal(""), z.enum(exchangeEnvironments)], {
      error: `expected one of ${exchangeEnvironments.join(", ")} (empty means Global)`,
    })
    .nullish()
    .transform((value) => value || "Global"),
  AdminApiUrl: optionalUrl,
  AuthorityUrl: optionalUrl,
  ProxyUrl: optionalProxyUrl,
  // A number, or numeric text as HelloID's form sends it (z.coerce would also take true as 1 and [9] as 9).
  ActionDeadlineSeconds: z
    .union(
      [
        z.number(),
        z
          .string()
          .trim()
          .regex(/^\d+(\.\d+)?$/)
          .transform(Number),
      ],
      { error: DEADLINE_RANGE },
    )
    .pipe(
      z
        .number()
        .min(1, DEADLINE_RANGE)
        .max(29, `${DEADLINE_RANGE}: it must stay below HelloID's 30-second action timeout`),
    )
    .nullish()
    .transform((value) => value ?? 25),
  LogLevel: logLevel,
  TokenCache: booleanLike.nullish().transform((value) => value ?? true),
  TokenCacheDirectory: optionalText.refine(
    (path) => path === undefined || isAbsolute(path),
    "expected an absolute folder path, or empty for the default",
  ),
};

/** The configuration keys the connection reads. */
export const connectionKeys: readonly string[] = Object.keys(connectionShape);

const connectionSchema = ciObject(connectionShape).superRefine((config, ctx) => {
  if (config.UseCertificate) {
    if (!config.AppCertificateBase64String) {
      ctx.addIssue({
        code: "custom",
        path: ["AppCertificateBase64String"],
        message: "required when UseCertificate is true: the app's certificate as a base64 PFX",
      });
    }
  } else if (!config.AppSecret) {
    ctx.addIssue({
      code: "custom",
      path: ["AppSecret"],
      message: "required unless UseCertificate is true: the app registration's client secret",
    });
  }
});

export type ConnectionSettings = z.infer<typeof connectionSchema>;

/**
 * The connection keys as configuration.json presents them: the PowerShell connector's seven keys with their
 * names and meaning, then ours, each optional with a safe default. Kept beside the schema above.
 */
export const connectionFields: readonly ConfigurationField[] = [
  {
    key: "Organization",
    kind: "text",
    label: "Organization",
    placeholder: "contoso.onmicrosoft.com",
    description:
      "The tenant's primary *.onmicrosoft.com domain (not a custom domain such as contoso.com). Using anything else may lead to inconsistent results.",
    required: true,
  },
  {
    key: "TenantID",
    kind: "text",
    label: "App Registration Directory (tenant) ID",
    placeholder: "00000000-0000-0000-0000-000000000000",
    description: "The Directory (tenant) ID shown on the overview page of the Entra ID app registration.",
    required: true,
  },
  {
    key: "AppId",
    kind: "text",
    label: "App Registration Application (client) ID",
    placeholder: "00000000-0000-0000-0000-000000000000",
    description:
      "The Application (client) ID of the app registration that has the Exchange.ManageAsApp permission and an Exchange role.",
    required: true,
  },
  {
    key: "AppSecret",
    kind: "secret",
    label: "App Registration Client Secret",
    description:
      "A client secret of the app registration. Required unless 'Use certificate' is checked; leave empty when you authenticate with a certificate.",
  },
  {
    key: "UseCertificate",
    kind: "checkbox",
    label: "Use certificate",
    description:
      "Authenticate with the certificate below instead of the client secret (recommended by Microsoft for app-only access).",
    defaultValue: false,
  },
  {
    key: "AppCertificateBase64String",
    kind: "secret",
    label: "Certificate (base64 PFX)",
    description:
      "The app registration's certificate with its private key, as a PFX file encoded in base64 (PowerShell: [Convert]::ToBase64String([IO.File]::ReadAllBytes('cert.pfx'))). Required when 'Use certificate' is checked.",
  },
  {
    key: "AppCertificatePassword",
    kind: "secret",
    label: "Certificate password",
    description: "The password of the PFX file above; leave empty when the PFX has none.",
  },
  {
    key: "Environment",
    kind: "text",
    label: "Microsoft cloud",
    placeholder: "Global",
    description: `The Microsoft cloud the tenant lives in: ${exchangeEnvironments.join(", ")}. Empty means Global (worldwide, including GCC).`,
    defaultValue: "Global",
  },
  {
    key: "AdminApiUrl",
    kind: "text",
    label: "Exchange admin API URL (override)",
    placeholder: "https://outlook.office365.com",
    description:
      "Leave empty: the URL follows from the Microsoft cloud. Set it only to reach Exchange through another host, such as the connector's simulator for a rehearsal.",
  },
  {
    key: "AuthorityUrl",
    kind: "text",
    label: "Entra ID authority URL (override)",
    placeholder: "https://login.microsoftonline.com",
    description:
      "Leave empty: the URL follows from the Microsoft cloud. Set it only to obtain tokens from another host, such as the connector's simulator.",
  },
  {
    key: "ProxyUrl",
    kind: "secret",
    label: "Proxy URL",
    placeholder: "http://proxy.contoso.com:8080",
    description:
      "The outbound HTTP proxy for Entra ID and Exchange Online, as http://host:port or http://user:password@host:port (Basic authentication). Empty: the agent's Windows proxy for Exchange Online, or HTTPS_PROXY / NO_PROXY when Node.js is run by hand.",
  },
  {
    key: "ActionDeadlineSeconds",
    kind: "number",
    label: "Action deadline (seconds)",
    description:
      "Account and permission actions (HelloID gives them 30 seconds) stop retrying Exchange and report a clear error by this many seconds (1-29, default 25). Scripts HelloID gives longer (retrieve permissions, resources, permission imports) use that limit instead, except in a preview.",
    defaultValue: 25,
  },
  {
    key: "LogLevel",
    kind: "text",
    label: "Log level",
    placeholder: "info",
    description: `How much the connector writes to HelloID's log: ${LOG_LEVELS.join(", ")} (empty means info). The agent's environment variable ${LOG_LEVEL_VARIABLE}, when set, overrides it on that agent.`,
    defaultValue: "info",
  },
  {
    key: "TokenCache",
    kind: "checkbox",
    label: "Reuse the access token across actions",
    description:
      "Keep the Exchange Online access token in an encrypted file that the next actions with the same app credential reuse while at least 5 minutes of it remain, instead of asking Entra ID for one per action. Only a process holding the same credential can read or use it.",
    defaultValue: true,
  },
  {
    key: "TokenCacheDirectory",
    kind: "text",
    label: "Token cache folder (override)",
    placeholder: "C:\\ProgramData\\exo-connector\\cache",
    description:
      "Leave empty for the default: %ProgramData%\\exo-connector\\cache on Windows, the user's cache folder elsewhere. Restrict the folder to the account the HelloID agent runs as (the package's README shows how).",
  },
];

/** The secrets of a configuration, for the redactor: the credential, the proxy's password, a service API key. */
export function secretsOf(configuration: Record<string, unknown>): unknown[] {
  const keys = ["AppSecret", "AppCertificateBase64String", "AppCertificatePassword", "ConnectorApiKey"].map(
    (k) => k.toLowerCase(),
  );
  return Object.entries(configuration).flatMap(([key, value]) => {
    if (keys.includes(key.toLowerCase())) return [value];
    if (key.toLowerCase() === "proxyurl" && typeof value === "string") return proxyPasswords(value);
    return [];
  });
}

function isProxyUrl(text: string): boolean {
  try {
    parseProxyUrl(text, "ProxyUrl");
    return true;
  } catch {
    return false;
  }
}

/**
 * The log level: the agent's EXO_CONNECTOR_LOG_LEVEL when set (to turn one agent to debug without changing the
 * system), else the configuration's LogLevel. An unknown value in either is unusable input.
 */
export function resolveLogLevel(settings: ConnectionSettings, env: NodeJS.ProcessEnv | undefined): LogLevel {
  const fromEnvironment = env?.[LOG_LEVEL_VARIABLE];
  if (!fromEnvironment?.trim()) return settings.LogLevel;
  const level = parseLogLevel(fromEnvironment);
  if (!level)
    throw new InputError(
      `${LOG_LEVEL_VARIABLE} (environment variable): expected ${LOG_LEVEL_CHOICES}, got ${JSON.stringify(fromEnvironment)}`,
    );
  return level;
}

/** An app certificate that does not open, as unusable input naming the HelloID field at fault. */
export function certificateInputError(found: CertificateProblem): InputError {
  const field = found.part === "password" ? "AppCertificatePassword" : "AppCertificateBase64String";
  return new InputError(`actionContext.Configuration.${field}: ${found.problem}`);
}

export function parseConnectionSettings(configuration: Record<string, unknown>): ConnectionSettings {
  const parsed = connectionSchema.safeParse(configuration);
  if (!parsed.success) throw new InputError(describeIssues(parsed.error, "actionContext.Configuration"));
  return parsed.data;
}
