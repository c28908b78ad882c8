// Which outbound HTTP proxy a request goes through: an explicit proxy URL for every request, else the
// conventional environment variables (HTTPS_PROXY, then HTTP_PROXY; lower-case names first, as curl reads
// them) with NO_PROXY's exceptions. proxy-from-env reads process.env only and not HTTP_PROXY for https URLs,
// so the few rules are here: https://curl.se/docs/manpage.html#--noproxy describes the NO_PROXY syntax.
import { BlockList, isIP } from "node:net";
import { InvalidOptionError } from "../errors.js";

export interface ProxyOptions {
  /** `http://[user:password@]host:port`: every request goes through it (NO_PROXY does not apply). */
  url?: string;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read when `url` is absent; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The proxy for a request URL, or undefined for a direct connection. */
export type ProxyRoute = (target: URL) => URL | undefined;

/** The environment variables a proxy is read from, in order. */
export const PROXY_VARIABLES = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"] as const;

export interface ConfiguredProxy {
  /** The proxy URL as given (it may hold a password). */
  url: string;
  /** `proxy.url` or the environment variable it came from. */
  source: string;
  /** NO_PROXY's value, for a proxy from the environment. */
  noProxy?: string;
}

/** Which proxy the options name, before it is parsed; undefined: direct connections. */
export function configuredProxy(options: ProxyOptions = {}): ConfiguredProxy | undefined {
  if (options.url) return { url: options.url, source: "proxy.url" };
  const env = options.env ?? process.env;
  const variable = PROXY_VARIABLES.find((name) => env[name]?.trim());
  if (!variable) return undefined;
  return { url: env[variable] as string, source: variable, noProxy: env.no_proxy ?? env.NO_PROXY };
}

export function proxyRoute(options: ProxyOptions = {}): ProxyRoute {
  const configured = configuredProxy(options);
  if (!configured) return () => undefined;
  const proxy = parseProxyUrl(configured.url, configured.source);
  const bypassed = noProxyRule(configured.noProxy ?? "");
  return (target) => (bypassed(target) ? undefined : proxy);
}

/** The proxy named without its password, for messages: `http://alice@proxy.contoso.com:3128`. */
export function describeProxy(proxy: URL): string {
  const user = proxy.username ? `${proxy.username}@` : "";
  return `${proxy.protocol}//${user}${proxy.host}`;
}

/** The password in a proxy URL as written and as sent, so a redactor can mask both. */
export function proxyPasswords(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const { password } = new URL(text.trim());
    return password ? [...new Set([password, decodeURIComponent(password)])] : [];
  } catch {
    return [];
  }
}

/** http(s)://[user:password@]host[:port] and nothing more; a problem never echoes the value (it may hold a password). */
export function parseProxyUrl(text: string, option: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text.trim());
  } catch {
    url = undefined;
  }
  if (
    (url?.protocol !== "http:" && url?.protocol !== "https:") ||
    !url.hostname ||
    (url.pathname !== "/" && url.pathname !== "") ||
    url.search ||
    url.hash
  ) {
    throw new InvalidOptionError(
      option,
      "must be a proxy URL such as http://[user:password@]proxy.contoso.com:8080",
    );
  }
  return url;
}

/**
 * NO_PROXY: `*` (no proxy at all), host names (which also cover their subdomains), `.domain` or `*.domain`
 * suffixes, IP addresses and CIDR ranges, each optionally with `:port`; separated by commas or spaces.
 */
function noProxyRule(list: string): (target: URL) => boolean {
  const entries = list
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.includes("*")) return () => true;
  const rules = entries.map(entryRule);
  return (target) => {
    const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
    const port = Number(target.port || (target.protocol === "http:" ? 80 : 443));
    return rules.some((rule) => rule(host, port));
  };
}

function entryRule(entry: string): (host: string, port: number) => boolean {
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
  const name = (withPort?.[1] ?? entry).replace(/^\[|\]$/g, "");
  const port = withPort ? Number(withPort[2]) : undefined;
  const portMatches = (candidate: number) => port === undefined || port === candidate;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
  if (cidr && isIP(cidr[1] as string)) {
    const family = isIP(cidr[1] as string) === 6 ? "ipv6" : "ipv4";
    const range = new BlockList();
    range.addSubnet(cidr[1] as string, Number(cidr[2]), family);
    return (host, candidate) =>
      portMatches(candidate) && isIP(host) !== 0 && range.check(host, isIP(host) === 6 ? "ipv6" : "ipv4");
  }
  const domain = name.replace(/^\*?\./, "");
  return (host, candidate) =>
    portMatches(candidate) && (host === domain || (isIP(host) === 0 && host.endsWith(`.${domain}`)));
}
