// A real forward proxy on loopback (proxy-chain): CONNECT tunnels, optional Basic authentication, and host
// names that only it resolves, so a test proves a request went through it by addressing a name the test
// process itself cannot resolve.
import { lookup } from "node:dns";
import { Server } from "proxy-chain";

export interface TestProxy {
  /** `http://127.0.0.1:<port>`, without credentials. */
  readonly url: string;
  /** The same with user name and password, when the proxy requires them. */
  urlWith(username: string, password: string): string;
  /** `host:port` of every tunnel the proxy opened, in order. */
  readonly tunnels: string[];
  close(): Promise<void>;
}

export async function startProxy(
  options: { credentials?: { username: string; password: string }; hosts?: Record<string, string> } = {},
): Promise<TestProxy> {
  const tunnels: string[] = [];
  const hosts = options.hosts ?? {};
  const server = new Server({
    port: 0,
    host: "127.0.0.1",
    prepareRequestFunction: ({ username, password, hostname, port }) => {
      const expected = options.credentials;
      const refused =
        expected !== undefined && (username !== expected.username || password !== expected.password);
      if (!refused) tunnels.push(`${hostname}:${port}`);
      return {
        requestAuthentication: refused,
        dnsLookup: ((name: string, lookupOptions: object, callback: (...args: unknown[]) => void) => {
          const address = hosts[name.toLowerCase()];
          if (address === undefined) return lookup(name, lookupOptions, callback as never);
          const all = (lookupOptions as { all?: boolean }).all;
          if (all) return callback(null, [{ address, family: 4 }]);
          return callback(null, address, 4);
        }) as never,
      };
    },
  });
  await server.listen();
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    urlWith: (username, password) =>
      `http://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${server.port}`,
    tunnels,
    close: () => server.close(true),
  };
}
