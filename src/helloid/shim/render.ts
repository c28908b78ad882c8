// Renders the shim template for one script. Every value substituted into the PowerShell is checked here,
// so a generated script can only differ from another in these few well-formed places.
import type { ConfigurationField } from "../configurationForm.js";
import { ACTION_SECONDS, shimStopSeconds } from "../timeLimits.js";
import { SHIM_TEMPLATE } from "./template.js";

/** Where the shim looks for the bundled connector when the ConnectorPath field is empty. */
export const DEFAULT_CONNECTOR_PATH = String.raw`%ProgramData%\exo-connector\exo-connector.mjs`;
/** The Node.js executable when the NodePath field is empty: `node` found on the agent's PATH. */
export const DEFAULT_NODE_PATH = "node";

/** The configuration keys the shim itself reads (before the connector runs). */
export const shimFields: readonly ConfigurationField[] = [
  {
    key: "ConnectorPath",
    kind: "text",
    label: "Connector path",
    placeholder: DEFAULT_CONNECTOR_PATH,
    description: `Full path of exo-connector.mjs on the HelloID agent (environment variables such as %ProgramData% are expanded). Empty means ${DEFAULT_CONNECTOR_PATH}.`,
  },
  {
    key: "NodePath",
    kind: "text",
    label: "Node.js executable",
    placeholder: String.raw`C:\Program Files\nodejs\node.exe`,
    description:
      "Full path of node.exe (Node.js 20 or later) on the HelloID agent. Empty means 'node' from the agent service's PATH (restart the agent service after installing Node.js).",
  },
  {
    key: "ConnectorUrl",
    kind: "text",
    label: "Connector service URL",
    placeholder: "https://exo-connector.contoso.com",
    description:
      "For HelloID's cloud agent (or any agent without Node.js): the https:// address of an exo-connector service (exo-connector serve). When set, each script posts its action to the service instead of starting Node.js, and 'Connector path' and 'Node.js executable' are not used. Empty means the connector runs on the agent with Node.js.",
  },
  {
    key: "ConnectorApiKey",
    kind: "secret",
    label: "Connector service API key",
    description:
      "Only with 'Connector service URL': one of the API keys the service was started with (EXO_CONNECTOR_API_KEYS). It is sent as the request's bearer token, never in the action's input.",
  },
];

export interface ShimOptions {
  /** The CLI action, e.g. `create` or `groups/grantPermission`. */
  action: string;
  /** The script's path in the package, e.g. `permissions/groups/grantPermission.ps1`. */
  script: string;
  /** `run` (default): `exo-connector run <action>`; `check`: the readiness check, reported as an outputContext. */
  command?: "run" | "check";
  /** Import scripts stream NDJSON records with Write-Output; the others apply an outputContext. */
  isImport: boolean;
  /** The connector is stopped after this many seconds, before HelloID's limit for the script. */
  timeoutSeconds: number;
  /** The connector's version, written in the header. */
  version: string;
  defaultConnectorPath?: string;
  defaultNodePath?: string;
}

const ACTION = /^[A-Za-z][A-Za-z0-9]*(\/[A-Za-z][A-Za-z0-9]*)*$/;
const SCRIPT = /^[A-Za-z0-9][A-Za-z0-9/._-]*\.ps1$/;
const VERSION = /^[0-9A-Za-z.+-]+$/;

/** Tab, line ends and printable ASCII only: what every PowerShell host reads the same in any code page. */
export function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(code === 9 || code === 10 || code === 13 || (code >= 32 && code <= 126))) return false;
  }
  return true;
}

/** A value for a single-quoted PowerShell string: one line of plain ASCII, `'` doubled. */
function singleQuoted(value: string, what: string): string {
  if (!isPlainAscii(value) || value.includes("\n") || value.includes("\r")) {
    throw new Error(`${what} must be one line of plain ASCII`);
  }
  return value.replaceAll("'", "''");
}

/** The title in the header comment: `permissions/groups/grantPermission.ps1` -> `Permissions-Groups-GrantPermission`. */
export function scriptTitle(script: string): string {
  return script
    .replace(/\.ps1$/, "")
    .split("/")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("-");
}

export function renderShim(options: ShimOptions): string {
  if (!ACTION.test(options.action)) throw new Error(`invalid action name "${options.action}"`);
  if (!SCRIPT.test(options.script)) throw new Error(`invalid script path "${options.script}"`);
  if (!VERSION.test(options.version)) throw new Error(`invalid version "${options.version}"`);
  if (!Number.isInteger(options.timeoutSeconds) || options.timeoutSeconds < 1) {
    throw new Error(`invalid timeout ${options.timeoutSeconds} for ${options.script}`);
  }
  const values: Record<string, string> = {
    __EXO_TITLE__: scriptTitle(options.script),
    __EXO_SCRIPT__: options.script,
    __EXO_VERSION__: options.version,
    __EXO_ACTION__: options.action,
    __EXO_COMMAND__: options.command === "check" ? "check --helloid" : `run ${options.action}`,
    __EXO_SERVICE_PATH__: options.command === "check" ? "/v1/check" : `/v1/run/${options.action}`,
    __EXO_IS_IMPORT__: options.isImport ? "$true" : "$false",
    __EXO_TIMEOUT_SECONDS__: String(options.timeoutSeconds),
    // A preview gets the 30 s of an account action in every slot.
    __EXO_PREVIEW_TIMEOUT_SECONDS__: String(shimStopSeconds(ACTION_SECONDS)),
    __EXO_DEFAULT_CONNECTOR_PATH__: singleQuoted(
      options.defaultConnectorPath ?? DEFAULT_CONNECTOR_PATH,
      "the connector path",
    ),
    __EXO_DEFAULT_NODE_PATH__: singleQuoted(options.defaultNodePath ?? DEFAULT_NODE_PATH, "the Node.js path"),
  };
  const text = SHIM_TEMPLATE.replace(/__EXO_[A-Z_]+__/g, (name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the shim template has an unknown placeholder ${name}`);
    return value;
  });
  // Windows PowerShell 5.1 reads a BOM-less script in the system code page: keep the script ASCII, CRLF.
  if (!isPlainAscii(text)) throw new Error(`${options.script}: the generated script is not plain ASCII`);
  return text.replace(/\r?\n/g, "\r\n");
}
