// Lost answers, deterministically: for every registered action, the connection is reset after Exchange
// executed a write (the client sees an error, retries, and is told "already done"), or a write's answer is a
// gateway page. The action must end in exactly the state a run without faults reaches — compared on a twin
// tenant — report success, and grant nothing twice.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { Fault } from "../../src/simulator/index.js";
import { Tenant } from "../../src/simulator/index.js";
import { catalogue, seedFixtures } from "./support/catalogue.js";
import { groupFamily, sharedMailboxFamily } from "./support/families/access.js";
import { accountFamily } from "./support/families/account.js";
import { mailboxSettingsFamily } from "./support/families/mailboxSettings.js";
import type { Person } from "./support/lifecycle.js";
import { checkReport } from "./support/lifecycle.js";
import { differences, type State } from "./support/model.js";
import { LARGE } from "./support/scale.js";
import { Transcript } from "./support/transcript.js";
import { startWorld, type World } from "./support/world.js";

const SUITE = "lostAnswers";
const transcript = new Transcript(SUITE);
const families = [accountFamily, sharedMailboxFamily, groupFamily, mailboxSettingsFamily];
const figures = { actions: 0, writesRepeated: 0 };

after(() => {
  transcript.save();
  console.log(
    `[reliability] lostAnswers${LARGE ? " (large)" : ""}: ${figures.actions} action runs with a lost or garbled write answer, ${figures.writesRepeated} writes Exchange executed twice`,
  );
});

async function twin(): Promise<{ world: World; person: Person; entries: ReturnType<typeof catalogue> }> {
  const tenant = Tenant.create({
    tenantId: "7a7b7c7d-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  const fixtures = seedFixtures(tenant);
  const world = await startWorld(transcript, tenant);
  const person: Person = {
    key: "p1",
    guid: fixtures.person.guid,
    upn: fixtures.person.upn,
    alias: "fixture.person",
    correlated: true,
    vanished: false,
    serial: 0,
    current: new Map(),
  };
  return { world, person, entries: catalogue(fixtures) };
}

function observe(world: World, person: Person): State {
  const state: State = new Map();
  for (const family of families) family.observe(world.tenant, [person], state);
  // Objects the resources action made, by name, with their stamps.
  for (const record of world.tenant.toState().recipients) {
    state.set(`name:${record.name}`, JSON.stringify(record.customAttributes.slice(0, 2)));
  }
  return state;
}

const FAULTS: [string, Fault][] = [
  ["reset after Exchange acted", { type: "reset", phase: "after" }],
  ["a gateway page instead of the answer", { type: "nonJson" }],
];

describe("a write whose answer is lost ends as if nothing went wrong", () => {
  for (const [label, fault] of FAULTS) {
    it(`every writing action, ${label}`, async () => {
      const clean = await twin();
      const faulty = await twin();
      try {
        const problems: string[] = [];
        for (const [index, entry] of clean.entries.entries()) {
          const other = faulty.entries[index];
          assert.equal(other?.action, entry.action);
          const expected = await clean.world.run(entry.action, entry.input);
          for (const kind of ["invoke", "batch-item"] as const) {
            faulty.world.simulator.faults.add({
              match: { kind, cmdlet: /^(Set|Add|Remove|New)-/ },
              times: 1,
              fault,
            });
          }
          faulty.world.simulator.clearLog();
          const outcome = await faulty.world.run(entry.action, (other as typeof entry).input);
          faulty.world.simulator.faults.rules.length = 0;
          figures.actions += 1;
          const writes = outcome.requests.filter((r) => r.isWrite && r.executed);
          figures.writesRepeated +=
            writes.length - new Set(writes.map((w) => JSON.stringify([w.cmdlet, w.parameters]))).size;
          const where = `${entry.action}: ${outcome.stdout.slice(0, 400)}`;
          problems.push(...checkReport(outcome).map((p) => `${where}: ${p}`));
          if (outcome.exitCode !== expected.exitCode)
            problems.push(`${where}: exit ${outcome.exitCode}, without the fault ${expected.exitCode}`);
          for (const family of families) {
            for (const duplicate of family.duplicates?.(faulty.world.tenant) ?? [])
              problems.push(`${where}: granted twice: ${duplicate}`);
          }
          // Replication is instantaneous here; compare the twins after every action.
          const diff = differences(observe(faulty.world, faulty.person), observe(clean.world, clean.person));
          if (diff.length > 0)
            problems.push(`${where}: state differs from the run without faults: ${JSON.stringify(diff)}`);
        }
        assert.deepEqual(problems, []);
      } finally {
        await clean.world.close();
        await faulty.world.close();
      }
    });
  }
});
