// Item 5: the simulator must not be what the benchmarks measure. Its throughput for pages of 1,000 rows,
// served exactly as the connector's listings ask for them, to a load client in the bench process over
// keep-alive HTTPS, with the simulator's own CPU time per page; and its share of the large listing of
// section 4 (CPU of both processes measured during that run).
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { cpus } from "node:os";
import type { Section, Target } from "./report.js";
import { table } from "./report.js";
import type { ListingFigures } from "./scale.js";
import { type RemoteSimulator, startRemoteSimulator } from "./simulatorClient.js";
import { count, ms } from "./stats.js";

const PAGE = 1000;
/** Pages per listing: the first runs the cmdlet, the others continue it. */
const LISTING_PAGES = 10;
const SELECT = "Guid,Name,DisplayName,PrimarySmtpAddress";

interface LoadResult {
  label: string;
  selected: boolean;
  concurrency: number;
  pages: number;
  seconds: number;
  bytesPerPage: number;
  simulatorCpuMsPerPage: number;
}

/** One POST over the load client's agent: status and body text. */
function post(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      agent,
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function token(simulator: RemoteSimulator, agent: Agent): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: simulator.appId,
    client_secret: simulator.secret,
    scope: "https://outlook.office365.com/.default",
  }).toString();
  const answer = await post(
    agent,
    `${simulator.url}/${simulator.tenantId}/oauth2/v2.0/token`,
    { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  );
  if (answer.status !== 200) throw new Error(`token endpoint answered ${answer.status}`);
  return (JSON.parse(answer.text) as { access_token: string }).access_token;
}

async function load(
  simulator: RemoteSimulator,
  options: { label: string; select?: string; concurrency: number; pages: number },
): Promise<LoadResult> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.concurrency,
    ca: readFileSync(simulator.caPath, "utf8"),
  });
  try {
    const bearer = await token(simulator, agent);
    const url = `${simulator.url}/adminapi/beta/${simulator.tenantId}/InvokeCommand${options.select ? `?$select=${options.select}` : ""}`;
    const headers = {
      Authorization: `Bearer ${bearer}`,
      "Content-Type": "application/json",
      Prefer: `odata.maxpagesize=${PAGE}`,
    };
    const body = JSON.stringify({
      CmdletInput: {
        CmdletName: "Get-Mailbox",
        Parameters: { RecipientTypeDetails: "SharedMailbox", ResultSize: "Unlimited" },
      },
    });
    const page = async (link: string | undefined) => {
      const answer = await post(agent, link ?? url, headers, body);
      if (answer.status !== 200) throw new Error(`simulator answered ${answer.status}`);
      // The link is near the end; no need to parse 1,000 rows to find it.
      const nextLink = /"@odata\.nextLink":"([^"]+)"/.exec(answer.text.slice(-2000))?.[1];
      return { bytes: answer.text.length, nextLink };
    };
    // Warm-up: connections, JIT on both sides.
    await Promise.all(Array.from({ length: options.concurrency }, () => page(undefined)));
    const before = await simulator.usage();
    let served = 0;
    let bytes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        // Each connection walks listings of its own: first page, then its nextLinks.
        let next: string | undefined;
        while (served < options.pages) {
          served += 1;
          const answer = await page(next);
          next = answer.nextLink;
          bytes += answer.bytes;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const after = await simulator.usage();
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    return {
      label: options.label,
      selected: options.select !== undefined,
      concurrency: options.concurrency,
      pages: served,
      seconds,
      bytesPerPage: bytes / served,
      simulatorCpuMsPerPage: cpuMs / served,
    };
  } finally {
    agent.destroy();
  }
}

export async function simulatorThroughputBenchmark(options: {
  requests: number;
  listing?: ListingFigures;
}): Promise<Section> {
  const simulator = await startRemoteSimulator({
    generate: { seed: 13, users: 0, sharedMailboxes: LISTING_PAGES * PAGE, groups: 0 },
  });
  const results: LoadResult[] = [];
  try {
    for (const variant of [
      { label: "full rows (no `$select`)", select: undefined },
      { label: `\`$select=${SELECT}\` (what the listings ask)`, select: SELECT },
    ]) {
      for (const concurrency of [1, 4]) {
        results.push(await load(simulator, { ...variant, concurrency, pages: options.requests }));
      }
    }
  } finally {
    await simulator.close();
  }
  const rows = results.map((r) => [
    r.label,
    String(r.concurrency),
    count(r.pages),
    `**${(r.pages / r.seconds).toFixed(1)}/s**`,
    `${count((r.pages * PAGE) / r.seconds)}/s`,
    `${(r.bytesPerPage / 1024).toFixed(0)} KB`,
    ms(r.simulatorCpuMsPerPage),
  ]);
  const selected = results.filter((r) => r.selected);
  const best = Math.max(...selected.map((r) => r.pages / r.seconds));
  const { listing } = options;
  const share = listing?.simulatorCpuMs !== undefined ? listing.simulatorCpuMs / listing.wallMs : undefined;
  const connectorShare =
    listing?.connectorCpuMs !== undefined ? listing.connectorCpuMs / listing.wallMs : undefined;
  const listingText =
    listing && share !== undefined
      ? `In the ${count(listing.objects)}-mailbox listing of section 4 (${count(listing.pages)} pages in ${ms(listing.wallMs)}, ${ms(listing.wallMs / listing.pages)} a page), the simulator process used ${ms(listing.simulatorCpuMs ?? Number.NaN)} of CPU — **${(share * 100).toFixed(0)}%** of the wall time — and the connector ${ms(listing.connectorCpuMs ?? Number.NaN)} (${((connectorShare ?? 0) * 100).toFixed(0)}%, its start-up included). Pages are requested one after another, so the two add up rather than overlap.`
      : "";
  const targets: Target[] = [
    {
      name: "simulator throughput, pages of 1,000 rows (`$select` as the listings ask)",
      goal: "not the bottleneck",
      measured: `${best.toFixed(0)} pages/s (${count(best * PAGE)} rows/s)${share !== undefined ? `; ${(share * 100).toFixed(0)}% of the ${count(listing?.objects ?? 0)}-row listing's wall time vs the connector's ${((connectorShare ?? 0) * 100).toFixed(0)}%` : ""}`,
      met: share === undefined || connectorShare === undefined ? undefined : share < 0.5,
    },
  ];
  const body = [
    `The simulator alone, in its own process (${count(LISTING_PAGES * PAGE)} shared mailboxes), serving pages of ${count(PAGE)} rows of \`Get-Mailbox -RecipientTypeDetails SharedMailbox -ResultSize Unlimited\` exactly as the connector's listings ask for them — the first page runs the cmdlet, the next ${LISTING_PAGES - 1} are the same body POSTed to \`@odata.nextLink\`, every request's bearer token is verified — to a load client in the bench process over keep-alive HTTPS, ${count(options.requests)} pages per row after a warm-up. "Simulator CPU" is the simulator process's user + system time per page (the client's work is not in it); client and simulator share the machine's ${cpus().length} cores with each other and with whatever else runs.`,
    "",
    table(["rows", "connections", "pages", "pages/s", "rows/s", "page size", "simulator CPU per page"], rows),
    ...(listingText ? ["", listingText] : []),
  ].join("\n");
  return { id: "simulator", title: "5. Simulator throughput", body, targets };
}
