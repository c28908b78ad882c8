// Through the generated scripts in real PowerShell: text beyond ASCII both ways (into Node on stdin, back
// through ConvertFrom-Json), a 5 MB context, a DryRun, and a large permission listing — each compared with
// the same input run directly through `exo-connector run`.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { generateTenant, startSimulator, Tenant } from "../../src/simulator/index.js";
import { fakeConnector } from "../support/fakeConnector.js";
import { runScript } from "../support/helloidRuntime.js";
import { agentConfiguration, agentEnv, packageFolder, scriptOf } from "../support/packagedConnector.js";
import { assertSameOutcome, deterministic, runBothWays } from "../support/shimComparison.js";

const TEXT = "é ü Ø 中文 😀";
const PERSON = `Zoë Ørsted-Müller 中文 😀`;
const MAILBOX = `Gedeelde postbus ${TEXT}`;
const PERSON_GUID = "0c8a1d52-7e0b-4d7c-9f2e-5a1b3c4d5e6f";
const MAILBOX_GUID = "1d9b2e63-8f1c-4e8d-a03f-6b2c4d5e6f70";
const GROUP_GUID = "2eac3f74-902d-4f9e-b140-7c3d5e6f7081";
const none = { Data: {}, PreviousData: {} };

function textTenant(): Tenant {
  const tenant = deterministic(
    Tenant.create({
      tenantId: "4a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
      organization: "contoso.onmicrosoft.com",
    }),
  );
  tenant.addUserMailbox({
    guid: PERSON_GUID,
    userPrincipalName: "zoe.orsted@contoso.com",
    displayName: PERSON,
    customAttributes: { 1: `Prénom ${TEXT}` },
  });
  tenant.addSharedMailbox({ guid: MAILBOX_GUID, name: MAILBOX, customAttributes: { 1: "AFD-Ø" } });
  tenant.addDistributionGroup({ guid: GROUP_GUID, name: `Groep ${TEXT}`, customAttributes: { 1: "AFD-Ø" } });
  return tenant;
}

describe("the generated scripts in PowerShell, special cases", { concurrency: 2 }, () => {
  before(() => packageFolder());

  it("the contexts survive ConvertTo-Json: the connector reads exactly what HelloID handed the script", async () => {
    const echo = fakeConnector(
      "echo",
      `  process.stdout.write(JSON.stringify({ Success: true, AuditLogs: [] }) + "\\n");`,
    );
    const simulator = await startSimulator();
    try {
      const values = {
        Text: `${PERSON} ${TEXT}`,
        Escapes:
          'it\'s "quoted", back\\slash, new\nline, tab\t, control \u0001\u001f, separators \u2028\u2029',
        Empty: "",
        Missing: null,
        Numbers: [0, -12, 1.5, 9007199254740991, 1e-7],
        Flags: [true, false],
        OneItem: ["only"],
        NoItems: [],
        Nested: { Deeper: { Deepest: [{ A: 1 }, [1, [2]], []] } },
        UtcDate: "2024-03-01T08:00:00Z",
        Day: "2024-03-01",
      };
      const input = {
        actionContext: {
          Configuration: agentConfiguration(simulator, { ConnectorPath: echo.path }),
          DryRun: false,
          Data: values,
          References: { Account: PERSON_GUID, ManagerAccount: null },
        },
        personContext: { Person: { DisplayName: PERSON, Custom: values }, Manager: { DisplayName: "Ørjan" } },
        resourceContext: null,
        outputContext: { Data: values, PreviousData: { Text: TEXT } },
      };
      const run = await runScript(scriptOf("update"), input, { env: agentEnv(simulator) });
      assert.equal(run.outputContext.Success, true, JSON.stringify(run.outputContext.AuditLogs));
      assert.deepEqual(JSON.parse(echo.input()), input);
    } finally {
      await simulator.close();
    }
  });

  it("import records stream: HelloID has the first while the connector is still running", async () => {
    // The connector writes one record, then waits (up to 20 s) for the host's sign that it arrived.
    const streaming = fakeConnector(
      "streaming",
      [
        `  const { marker } = JSON.parse(input).actionContext;`,
        `  const record = (name, extra) => process.stdout.write(JSON.stringify({ AccountReference: name, DisplayName: name, ...extra }) + "\\n");`,
        `  record("first", {});`,
        `  const deadline = Date.now() + 20000;`,
        `  const wait = () => {`,
        `    if (existsSync(marker) || Date.now() > deadline) record("second", { Streamed: existsSync(marker) });`,
        `    else setTimeout(wait, 20);`,
        `  };`,
        `  wait();`,
      ].join("\n"),
    );
    const simulator = await startSimulator();
    try {
      const marker = join(mkdtempSync(join(tmpdir(), "exo-stream-")), "first-record");
      const input = {
        actionContext: {
          Configuration: agentConfiguration(simulator, { ConnectorPath: streaming.path }),
          DryRun: false,
          marker,
        },
      };
      const run = await runScript(scriptOf("import"), input, {
        env: agentEnv(simulator),
        firstRecordMarker: marker,
      });
      assert.deepEqual(run.errors, []);
      assert.deepEqual(run.records, [
        { AccountReference: "first", DisplayName: "first" },
        { AccountReference: "second", DisplayName: "second", Streamed: true },
      ]);
    } finally {
      await simulator.close();
    }
  });

  it("non-ASCII text both ways: correlation value in, names and audits out", async () => {
    const contexts = {
      actionContext: {
        CorrelationConfiguration: {
          Enabled: true,
          AccountField: "CustomAttribute1",
          PersonFieldValue: `Prénom ${TEXT}`,
        },
        Data: {},
      },
    };
    await runBothWays("create", textTenant, contexts, none, (runs) => {
      assertSameOutcome(runs, "output", none);
      assert.equal(runs.shim.outputContext.AccountReference, PERSON_GUID);
      assert.ok(
        runs.shim.outputContext.AuditLogs.some((log: { Message: string }) => log.Message.includes(TEXT)),
      );
    });
  });

  it("non-ASCII text both ways: Data written to Exchange exactly, and back in Data, PreviousData and the audit", async () => {
    const value = `${PERSON} — ${TEXT}`;
    const prefilled = { Data: { CustomAttribute5: value }, PreviousData: {} };
    const contexts = {
      actionContext: { References: { Account: PERSON_GUID }, Data: { CustomAttribute5: value } },
    };
    await runBothWays("update", textTenant, contexts, prefilled, (runs) => {
      assertSameOutcome(runs, "output", prefilled);
      assert.equal(runs.simulator.tenant.byGuid(PERSON_GUID)?.customAttributes[4], value);
      assert.equal(runs.shim.outputContext.Data.CustomAttribute5, value);
      assert.match(runs.shim.outputContext.AuditLogs[0].Message, new RegExp(TEXT));
    });
  });

  it("non-ASCII text both ways: import records and permission names", async () => {
    const contexts = { actionContext: { ImportFields: ["DisplayName", "CustomAttribute1"] } };
    await runBothWays("import", textTenant, contexts, none, (runs) => {
      assertSameOutcome(runs, "import", none);
      assert.equal(runs.shim.records[0]?.DisplayName, PERSON);
      assert.equal(runs.shim.records[0]?.Data.CustomAttribute1, `Prénom ${TEXT}`);
    });
    await runBothWays("sharedMailboxes/permissions", textTenant, {}, none, (runs) => {
      assertSameOutcome(runs, "output", none);
      assert.ok(
        runs.shim.outputContext.Permissions.some((p: { DisplayName: string }) =>
          p.DisplayName.includes(MAILBOX),
        ),
      );
    });
  });

  it("a 5 MB context (a person with 20,000 contracts) reaches the connector whole", async () => {
    // The only contracts in conditions come last: a context cut short anywhere loses the group.
    const inConditions = (i: number) => i >= 19_998;
    const contracts = Array.from({ length: 20_000 }, (_, i) => ({
      ExternalId: `C-${i}`,
      StartDate: "2024-01-01T00:00:00Z",
      Context: { InConditions: inConditions(i) },
      Department: {
        ExternalId: inConditions(i) ? "AFD-Ø" : `DEP-${i}`,
        DisplayName: `Afdeling ${i} ${TEXT}`,
      },
      Title: { Name: `Functie ${i} met een wat langere omschrijving ${TEXT}`, Code: `T${i}` },
      Manager: { DisplayName: PERSON, Email: "manager@contoso.com", ExternalId: `M-${i}` },
      Notes: "x".repeat(40),
    }));
    const contexts = {
      actionContext: {
        Operation: "grant",
        References: { Account: PERSON_GUID, Permission: { Reference: "dg" } },
        CurrentPermissions: [],
      },
      personContext: { Person: { DisplayName: PERSON, Contracts: contracts } },
    };
    await runBothWays("groups/subPermissions", textTenant, contexts, none, (runs) => {
      assert.ok(
        runs.inputText.length >= 5_000_000,
        `the context is only ${runs.inputText.length} characters`,
      );
      assertSameOutcome(runs, "output", none);
      assert.equal(runs.shim.outputContext.Success, true, JSON.stringify(runs.shim.outputContext.AuditLogs));
      assert.deepEqual(
        runs.shim.outputContext.SubPermissions.map((p: { Reference: { Id: string } }) => p.Reference.Id),
        [GROUP_GUID],
      );
    });
  });

  it("DryRun through the shim: the same preview, and nothing written", async () => {
    const contexts = {
      actionContext: {
        DryRun: true,
        References: { Account: PERSON_GUID, Permission: { Id: MAILBOX_GUID, Permission: "FullAccess" } },
        PermissionDisplayName: MAILBOX,
      },
    };
    await runBothWays("sharedMailboxesSeparate/grantPermission", textTenant, contexts, none, (runs) => {
      assertSameOutcome(runs, "output", none);
      assert.equal(runs.shim.outputContext.Success, true);
      assert.match(runs.shim.outputContext.AuditLogs[0].Message, /DryRun|preview|would/i);
      assert.deepEqual(runs.simulator.writes(), []);
    });
  });

  it("a listing of 5,000 shared mailboxes as permissions", async () => {
    const tenant = () =>
      deterministic(generateTenant({ seed: 5, users: 0, sharedMailboxes: 5_000, groups: 0 }));
    await runBothWays("sharedMailboxes/permissions", tenant, {}, none, (runs) => {
      assertSameOutcome(runs, "output", none);
      assert.equal(runs.shim.outputContext.Permissions.length, 5_000);
    });
  });
});
