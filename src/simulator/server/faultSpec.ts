// A fault rule written on one line, for `exo-connector simulator --fault`: the fault first, then options.
//   status=503,every=5                    every 5th cmdlet request answers 503
//   throttle,retry-after=2,every=10       every 10th answers 429 with Retry-After: 2
//   transient=ServerBusyException,times=3 the next three answer Exchange's ServerBusyException
//   reset=after,cmdlet=Set-Mailbox        every Set-Mailbox runs, but the connection drops before the answer
//   delay=3000 | nonjson | forbidden | expiretoken
// A rule without `times` stays for the simulator's life.
import type { Fault, FaultRule, TransientExceptionName } from "./faults.js";
import type { RequestKind } from "./requestLog.js";

export const FAULT_SPEC_HELP =
  "status=500|502|503|504, throttle, transient[=ExceptionName], reset=before|after, delay=MS, nonjson, forbidden or expiretoken; then optionally every=N, times=N, cmdlet=NAME, retry-after=S (throttle)";

const TRANSIENT_NAMES: readonly TransientExceptionName[] = [
  "ServerBusyException",
  "CmdletProxyNotAvailableFailure",
  "TransientException",
  "BackendCommunicationException",
  "DCOverloadedException",
  "StorageTransientException",
];

const KINDS: readonly RequestKind[] = ["token", "discovery", "invoke", "batch", "batch-item", "other"];

export class FaultSpecError extends Error {}

function wholeNumber(text: string | undefined, what: string, minimum = 1): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < minimum)
    throw new FaultSpecError(`${what}: expected a whole number of at least ${minimum}, got "${text ?? ""}"`);
  return value;
}

function faultOf(name: string, value: string | undefined, retryAfter: number): Fault {
  switch (name) {
    case "status": {
      const status = Number(value);
      if (status !== 500 && status !== 502 && status !== 503 && status !== 504)
        throw new FaultSpecError(`status: expected 500, 502, 503 or 504, got "${value ?? ""}"`);
      return { type: "status", status };
    }
    case "throttle":
      return { type: "throttle", retryAfterSeconds: retryAfter };
    case "transient": {
      const exception = TRANSIENT_NAMES.find((known) => known.toLowerCase() === value?.toLowerCase());
      if (value !== undefined && !exception)
        throw new FaultSpecError(`transient: expected one of ${TRANSIENT_NAMES.join(", ")}, got "${value}"`);
      return { type: "transientException", name: exception };
    }
    case "reset":
      if (value !== "before" && value !== "after")
        throw new FaultSpecError(`reset: expected before or after, got "${value ?? ""}"`);
      return { type: "reset", phase: value };
    case "delay":
      return { type: "delay", ms: wholeNumber(value, "delay", 0) };
    case "nonjson":
      return { type: "nonJson" };
    case "forbidden":
      return { type: "forbidden" };
    case "expiretoken":
      return { type: "expireToken" };
    default:
      throw new FaultSpecError(`unknown fault "${name}"; expected ${FAULT_SPEC_HELP}`);
  }
}

export function parseFaultSpec(spec: string): FaultRule {
  const [head = "", ...options] = spec.split(",").map((part) => part.trim());
  const [name = "", value] = head.split("=", 2) as [string, string | undefined];
  const settings = new Map<string, string>();
  for (const option of options) {
    const [key = "", text] = option.split("=", 2) as [string, string | undefined];
    if (
      !["every", "times", "cmdlet", "kind", "retry-after"].includes(key.toLowerCase()) ||
      text === undefined
    )
      throw new FaultSpecError(
        `unknown option "${option}"; expected every=N, times=N, cmdlet=NAME or retry-after=S`,
      );
    settings.set(key.toLowerCase(), text);
  }
  const retryAfter = settings.has("retry-after")
    ? wholeNumber(settings.get("retry-after"), "retry-after", 0)
    : 1;
  const kind = settings.get("kind") as RequestKind | undefined;
  if (kind !== undefined && !KINDS.includes(kind))
    throw new FaultSpecError(`kind: expected one of ${KINDS.join(", ")}, got "${kind}"`);
  const cmdlet = settings.get("cmdlet");
  return {
    fault: faultOf(name.toLowerCase(), value, retryAfter),
    times: settings.has("times") ? wholeNumber(settings.get("times"), "times") : Number.MAX_SAFE_INTEGER,
    every: settings.has("every") ? wholeNumber(settings.get("every"), "every") : undefined,
    ...(kind || cmdlet ? { match: { ...(kind ? { kind } : {}), ...(cmdlet ? { cmdlet } : {}) } } : {}),
  };
}

/** How a rule reads back in the simulator's banner: "status 503: 1 in 5 cmdlet requests". */
export function describeFaultRule(rule: FaultRule): string {
  const { type, ...details } = rule.fault;
  const detail = Object.values(details).join(" ");
  const target = rule.match?.cmdlet
    ? `${String(rule.match.cmdlet)} requests`
    : `${rule.match?.kind ?? "cmdlet"} requests`;
  const share = rule.every && rule.every > 1 ? `1 in ${rule.every} ${target}` : `every one of the ${target}`;
  const limit = rule.times < Number.MAX_SAFE_INTEGER ? ` (${rule.times} times)` : "";
  return `${type}${detail ? ` ${detail}` : ""}: ${share}${limit}`;
}
