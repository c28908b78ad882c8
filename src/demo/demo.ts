// `exo-connector demo` / `npm start`: the connector against the embedded simulator, step by step.
import type { Writable } from "node:stream";
import { runAction } from "../actions/run.js";
import { DEFAULT_APP, sampleTenant, startSimulator } from "../simulator/index.js";

export async function runDemo(out: Writable): Promise<number> {
  const simulator = await startSimulator({ tenant: sampleTenant() });
  try {
    const person = [...simulator.tenant.toState().recipients].find(
      (recipient) => recipient.kind === "mailbox" && recipient.recipientTypeDetails === "UserMailbox",
    );
    if (!person || person.kind !== "mailbox") throw new Error("the sample tenant has no user mailbox");
    out.write(`Exchange Online simulator at ${simulator.url} (tenant ${simulator.organization})\n`);
    out.write(`Person: ${person.displayName} <${person.userPrincipalName}>\n\n`);

    const input = {
      actionContext: {
        Configuration: {
          Organization: simulator.organization,
          TenantID: simulator.tenantId,
          AppId: DEFAULT_APP.appId,
          AppSecret: DEFAULT_APP.secret,
          AdminApiUrl: simulator.url,
          AuthorityUrl: simulator.url,
        },
        DryRun: false,
        CorrelationConfiguration: {
          Enabled: true,
          PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
          PersonFieldValue: person.userPrincipalName,
          AccountField: "UserPrincipalName",
        },
      },
      outputContext: { Data: { Guid: null, UserPrincipalName: null } },
    };
    const started = performance.now();
    let stdout = "";
    const exitCode = await runAction("create", JSON.stringify(input), {
      writeStdout: (text) => {
        stdout += text;
      },
      writeStderr: (text) => out.write(text),
      connection: { ca: simulator.caPem },
    });
    const elapsed = performance.now() - started;
    out.write(`$ exo-connector run create   (${elapsed.toFixed(0)} ms, ${simulator.requestLog.length} requests)\n`);
    out.write(`${JSON.stringify(JSON.parse(stdout), null, 2)}\n`);
    return exitCode;
  } finally {
    await simulator.close();
  }
}
