// Every request through an outbound proxy: a real forward proxy on loopback (proxy-chain) tunnels the
// connector's HTTPS to the simulator. The simulator is addressed as exchange.test, a name only the proxy
// resolves, so a request that succeeds went through the proxy; a direct attempt cannot even resolve it.
import assert from "node:assert/strict";
import { type AddressInfo, createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import { captureAction } from "../../src/actions/capture.js";
import { proxyRoute } from "../../src/exchange/index.js";
import { DEFAULT_APP, type Simulator, Tenant } from "../../src/simulator/index.js";
import { runBuiltCli } from "../support/cli.js";
import { audit, configurationFor, logged, run, startSimulator } from "../support/connector.js";
import { startProxy, type TestProxy } from "../support/proxy.js";

const USER = "helloid-agent";
const PASSWORD = "pr0xy-p@ss:word";
const PROXY_ONLY_HOST = "exchange.test";

describe("NO_PROXY and the proxy variables", () => {
  const route = (env: Record<string, string>, url: string) => proxyRoute({ env })(new URL(url))?.host;

  it("reads HTTPS_PROXY, else HTTP_PROXY, lower-case names first", () => {
    assert.equal(route({ HTTPS_PROXY: "http://a:1" }, "https://x.com"), "a:1");
    assert.equal(route({ HTTP_PROXY: "http://b:2" }, "https://x.com"), "b:2");
    assert.equal(route({ https_proxy: "http://c:3", HTTPS_PROXY: "http://a:1" }, "https://x.com"), "c:3");
    assert.equal(route({}, "https://x.com"), undefined);
  });

  it("bypasses host names with their subdomains, suffixes, IP addresses, CIDR ranges, ports and *", () => {
    const env = (noProxy: string) => ({ HTTPS_PROXY: "http://p:8080", NO_PROXY: noProxy });
    const bypassed = (noProxy: string, url: string) => route(env(noProxy), url) === undefined;
    assert.ok(bypassed("contoso.com", "https://contoso.com"));
    assert.ok(bypassed("contoso.com", "https://mail.contoso.com"));
    assert.ok(!bypassed("contoso.com", "https://notcontoso.com"));
    assert.ok(bypassed(".office365.com", "https://outlook.office365.com"));
    assert.ok(bypassed("*.office365.com", "https://outlook.office365.com"));
    assert.ok(bypassed("10.1.2.3", "https://10.1.2.3"));
    assert.ok(bypassed("10.0.0.0/8", "https://10.200.0.1:8443"));
    assert.ok(!bypassed("10.0.0.0/8", "https://11.0.0.1"));
    assert.ok(bypassed("::1", "https://[::1]:9443"));
    assert.ok(bypassed("localhost:9443", "https://localhost:9443"));
    assert.ok(!bypassed("localhost:9443", "https://localhost"));
    assert.ok(bypassed("foo.com, *", "https://outlook.office365.com"));
    assert.ok(bypassed(" a.com  LOGIN.microsoftonline.com ", "https://login.microsoftonline.com"));
    assert.ok(!bypassed("login.microsoftonline.com", "https://outlook.office365.com"));
  });

  it("names a malformed variable without echoing its value", () => {
    assert.throws(
      () => proxyRoute({ env: { HTTPS_PROXY: "proxy:8080:secret" } }),
      (error: Error) => error.message.includes("HTTPS_PROXY") && !error.message.includes("secret"),
    );
  });
});

describe("requests through a proxy", () => {
  const tenant = Tenant.create({
    tenantId: "3f6a2b1c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
    organization: "contoso.onmicrosoft.com",
  });
  tenant.addSharedMailbox({ displayName: "Sales", alias: "sales" });
  let simulator: Simulator;
  let proxy: TestProxy;
  let viaProxy: string;

  before(async () => {
    simulator = await startSimulator({ tenant, hostNames: [PROXY_ONLY_HOST] });
    proxy = await startProxy({
      credentials: { username: USER, password: PASSWORD },
      hosts: { [PROXY_ONLY_HOST]: "127.0.0.1" },
    });
    viaProxy = `https://${PROXY_ONLY_HOST}:${new URL(simulator.url).port}`;
  });
  after(async () => {
    await proxy.close();
    await simulator.close();
  });

  /** A listing (a token request and Get-Mailbox) with the simulator reached as `url`. */
  const listing = (url: string, configuration: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}) =>
    captureAction(
      "sharedMailboxes/permissions",
      JSON.stringify({
        actionContext: {
          Configuration: configurationFor(simulator, {
            AdminApiUrl: url,
            AuthorityUrl: url,
            ...configuration,
          }),
        },
      }),
      { connection: { ca: simulator.caPem }, env },
    );

  it("cannot reach the proxy-only host name directly", async () => {
    const result = await listing(viaProxy);
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /Could not reach Entra ID for token request \(ENOTFOUND\)/);
  });

  it("tunnels Entra ID's and Exchange's requests through ProxyUrl with Basic authentication", async () => {
    const tunnelsBefore = proxy.tunnels.length;
    simulator.clearLog();
    const result = await listing(viaProxy, { ProxyUrl: proxy.urlWith(USER, PASSWORD) });
    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    const output = result.lines[0] as { Permissions: { DisplayName: string }[] };
    assert.deepEqual(
      output.Permissions.map((permission) => permission.DisplayName),
      ["Shared Mailbox - Sales"],
    );
    const kinds = simulator.requestLog.map((entry) => entry.kind);
    assert.ok(kinds.includes("token") && kinds.includes("invoke"), kinds.join());
    assert.ok(proxy.tunnels.length > tunnelsBefore);
    assert.ok(proxy.tunnels.slice(tunnelsBefore).every((tunnel) => tunnel === new URL(viaProxy).host));
  });

  it("reads HTTPS_PROXY from the environment when ProxyUrl is empty", async () => {
    const tunnelsBefore = proxy.tunnels.length;
    const result = await listing(viaProxy, { ProxyUrl: "" }, { HTTPS_PROXY: proxy.urlWith(USER, PASSWORD) });
    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    assert.ok(proxy.tunnels.length > tunnelsBefore);
  });

  it("connects directly to hosts NO_PROXY lists", async () => {
    const tunnelsBefore = proxy.tunnels.length;
    const env = { HTTPS_PROXY: proxy.urlWith(USER, PASSWORD), NO_PROXY: "localhost,127.0.0.1" };
    const result = await listing(simulator.url, {}, env);
    assert.equal(result.exitCode, 0, result.stdout + result.stderr);
    assert.equal(proxy.tunnels.length, tunnelsBefore);
  });

  it("reports a wrong proxy password as a 407 naming the proxy, never the password", async () => {
    const wrong = "not-the-pr0xy-password";
    const result = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      {
        AdminApiUrl: viaProxy,
        AuthorityUrl: viaProxy,
        ProxyUrl: proxy.urlWith(USER, wrong),
        // Another app: its token is not cached in this process yet, so the first request is the token request.
        AppId: "00000000-0000-0000-0000-00000000b407",
        AppSecret: "secret-of-the-407-app",
      },
    );
    assert.equal(result.exitCode, 1);
    const expected = `The proxy http://${USER}@${new URL(proxy.url).host} refused the user name and password (407 Proxy Authentication Required) for token request to ${new URL(viaProxy).host}`;
    assert.ok(audit(result).startsWith(expected), audit(result));
    for (const text of [result.stdout, result.stderr]) {
      assert.ok(!text.includes(wrong) && !text.includes(encodeURIComponent(wrong)), "the password leaked");
    }
  });

  it("asks for credentials when the proxy requires them and none are given", async () => {
    const result = await listing(viaProxy, {
      ProxyUrl: proxy.url,
      AppId: "00000000-0000-0000-0000-00000000b408",
    });
    assert.equal(result.exitCode, 1);
    assert.match(result.stdout, /requires a user name and password \(407 Proxy Authentication Required\)/);
  });

  it("names a proxy it cannot reach", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const result = await listing(viaProxy, {
      ProxyUrl: `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`,
      AppId: "00000000-0000-0000-0000-00000000b409",
    });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.stdout,
      new RegExp(
        `Could not reach the proxy http://${USER}@127\\.0\\.0\\.1:${port} for token request \\(ECONNREFUSED\\)`,
      ),
    );
    assert.ok(!result.stdout.includes(PASSWORD) && !result.stderr.includes(encodeURIComponent(PASSWORD)));
  });

  it("refuses a malformed ProxyUrl before sending anything, without echoing it", async () => {
    simulator.clearLog();
    const result = await run(
      simulator,
      "sharedMailboxes/permissions",
      {},
      { ProxyUrl: "proxy:8080@secretpart" },
    );
    assert.equal(result.exitCode, 2);
    assert.match(
      logged(result),
      /actionContext\.Configuration\.ProxyUrl: expected http:\/\/\[user:password@\]host:port/,
    );
    assert.ok(!result.stderr.includes("secretpart"));
    assert.equal(simulator.requestLog.length, 0);
  });

  it("works from the built CLI with HTTPS_PROXY and NODE_EXTRA_CA_CERTS (TLS trust inside the tunnel)", async () => {
    const tunnelsBefore = proxy.tunnels.length;
    const input = JSON.stringify({
      actionContext: {
        Configuration: {
          ...configurationFor(simulator, { AdminApiUrl: viaProxy, AuthorityUrl: viaProxy }),
          AppSecret: DEFAULT_APP.secret,
        },
      },
    });
    const result = await runBuiltCli(["run", "sharedMailboxes/permissions"], {
      input,
      env: { HTTPS_PROXY: proxy.urlWith(USER, PASSWORD), NODE_EXTRA_CA_CERTS: simulator.caPath },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).Success, true);
    assert.ok(proxy.tunnels.length > tunnelsBefore);
    assert.ok(!result.stderr.includes(PASSWORD));
  });
});
