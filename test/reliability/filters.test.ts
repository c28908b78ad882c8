// Filter safety. Any string the connector places in an OPATH filter — the correlation value
// of create, the contract values of sub-permissions, the marker of sub-permission imports — matches exactly
// the objects whose attribute equals it (Exchange's -eq: letter case ignored), as the simulator evaluates
// it: quotes, wildcards, OPATH keywords, $null, parentheses, backticks, unicode and control characters
// included. Also checked without HTTP, on many more strings: the filter the builder makes parses back
// (with the simulator's parser) to the very value that went in.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { anyEq, eq } from "../../src/exchange/opath.js";
import { Tenant } from "../../src/simulator/index.js";
import { type FilterNode, parseFilter } from "../../src/simulator/opath.js";
import { LARGE, REPLAY_SEED, runs } from "./support/scale.js";
import { Transcript } from "./support/transcript.js";
import { startWorld, type World } from "./support/world.js";

const SUITE = "filters";
const RUNS = runs(60, 1000);
const BASE_SEED = 9_004_000;

const transcript = new Transcript(SUITE);
const figures = { cases: 0, actions: 0, parsed: 0 };
let world: World;
let tenant: Tenant;

before(async () => {
  tenant = Tenant.create({
    tenantId: "f1f2f3f4-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  world = await startWorld(transcript, tenant);
});

after(async () => {
  await world.close();
  transcript.save();
  console.log(
    `[reliability] filters${LARGE ? " (large)" : ""}: ${figures.cases} cases through ${figures.actions} action runs (create, groups/subPermissions, groups/importSubPermissions), ${figures.parsed} builder round trips`,
  );
  assert.deepEqual(transcript.leaks(), []);
});

/** Pieces that mean something to OPATH, PowerShell or a wildcard matcher. */
const tricky = fc.constantFrom(
  "'",
  "''",
  "‘",
  "’",
  '"',
  "`",
  "*",
  "?",
  "%",
  "_",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  "\\",
  "$",
  "$null",
  "$true",
  "-eq",
  "-ne",
  "-or",
  "-and",
  "-not",
  "-like",
  " -or CustomAttribute7 -like '*",
  "' -or '1' -eq '1",
  " ",
  "\t",
  "é",
  "ß",
  "İ",
  "日本",
  "𝔘",
  "\u0000",
  "\u202e",
  "\r\n",
);
const text = fc
  .array(fc.oneof(tricky, fc.string({ unit: "grapheme", minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(""));

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What a connector looks for, given the values in the tenant: one of them (maybe in another case), a near miss, or anything. */
function query(values: readonly string[]): fc.Arbitrary<string> {
  const taken = fc.constantFrom(...values);
  return fc.oneof(
    taken,
    fc
      .tuple(taken, fc.integer())
      .map(([value, seed]) =>
        [...value].map((c, i) => ((seed >> (i % 31)) & 1 ? c.toUpperCase() : c.toLowerCase())).join(""),
      ),
    fc.tuple(taken, tricky).map(([value, extra]) => `${value}${extra}`),
    taken.map((value) => value.slice(0, Math.max(1, value.length - 1))),
    text,
  );
}

let serial = 0;
const created: string[] = [];

function cleanUp(): void {
  for (const guid of created.splice(0)) tenant.removeRecipient(guid);
}

describe("any string in a filter matches exactly the objects whose attribute equals it", () => {
  it("the builder's filter parses back to the same value (no HTTP)", () => {
    fc.assert(
      fc.property(
        fc.oneof(text, fc.string({ unit: "binary" })),
        fc.array(text, { minLength: 1, maxLength: 4 }),
        (value, values) => {
          figures.parsed += 1;
          const node = parseFilter(eq("CustomAttribute7", value));
          assert.deepEqual(node, {
            kind: "compare",
            property: "CustomAttribute7",
            operator: "eq",
            value,
            position: 1,
          });
          // anyEq: an -or of one comparison per value, in order.
          const leaves: unknown[] = [];
          const walk = (n: FilterNode) => {
            if (n.kind === "or") {
              walk(n.left);
              walk(n.right);
            } else {
              assert.equal(n.kind, "compare");
              leaves.push(n.kind === "compare" ? n.value : undefined);
            }
          };
          walk(parseFilter(anyEq("CustomAttribute1", values)));
          assert.deepEqual(leaves, values);
        },
      ),
      { numRuns: RUNS * 50, seed: REPLAY_SEED ?? BASE_SEED },
    );
  });

  it("create correlates on exactly the mailbox whose attribute equals the person's value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(text, { minLength: 1, maxLength: 5 })
          .chain((values) => fc.tuple(fc.constant(values), query(values))),
        async ([values, wanted]) => {
          fc.pre(wanted.trim() !== "");
          cleanUp();
          const mailboxes = values.map((value) => {
            serial += 1;
            const record = tenant.addUserMailbox({
              userPrincipalName: `f${serial}@contoso.com`,
              customAttributes: { 7: value },
            });
            created.push(record.guid);
            return record;
          });
          const expected = mailboxes.filter((m) => same(m.customAttributes[6] as string, wanted.trim()));
          const outcome = await world.run("create", {
            actionContext: {
              CorrelationConfiguration: {
                Enabled: true,
                PersonFieldValue: wanted,
                AccountField: "CustomAttribute7",
              },
              Data: {},
            },
          });
          figures.cases += 1;
          figures.actions += 1;
          const why = `looking for ${JSON.stringify(wanted)} among ${JSON.stringify(values)}: ${outcome.stdout.slice(0, 400)}`;
          if (expected.length === 1) {
            assert.equal(outcome.exitCode, 0, why);
            assert.equal(outcome.output.AccountReference, expected[0]?.guid, why);
          } else {
            assert.equal(outcome.exitCode, 1, why);
            assert.match(
              JSON.stringify(outcome.output.AuditLogs),
              expected.length === 0 ? /No mailbox found/ : /Multiple mailboxes/,
              why,
            );
          }
        },
      ),
      { numRuns: RUNS, seed: REPLAY_SEED ?? BASE_SEED + 1 },
    );
  });

  it("sub-permissions select exactly the groups whose correlation attribute equals a contract value", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(text, { minLength: 1, maxLength: 5 })
          .chain((values) =>
            fc.tuple(fc.constant(values), fc.array(query(values), { minLength: 1, maxLength: 3 })),
          ),
        async ([values, contracts]) => {
          const wanted = [
            ...new Map(
              contracts
                .map((c) => c.trim())
                .filter(Boolean)
                .map((c) => [c.toLowerCase(), c]),
            ).values(),
          ];
          fc.pre(wanted.length > 0);
          cleanUp();
          serial += 1;
          const person = tenant.addUserMailbox({ userPrincipalName: `p${serial}@contoso.com` });
          created.push(person.guid);
          const groups = values.map((value, i) => {
            const group = tenant.addDistributionGroup({
              name: `g${serial}-${i}`,
              customAttributes: { 7: value },
            });
            created.push(group.guid);
            return group;
          });
          const outcome = await world.run("groups/subPermissions", {
            actionContext: {
              Configuration: { GroupCorrelationAttribute: "CustomAttribute7" },
              Operation: "grant",
              References: { Account: person.guid, Permission: { Reference: "dg" } },
              CurrentPermissions: [],
            },
            personContext: {
              Person: {
                Contracts: contracts.map((value) => ({
                  Context: { InConditions: true },
                  Department: { ExternalId: value },
                })),
              },
            },
          });
          figures.cases += 1;
          figures.actions += 1;
          const matches = wanted.map((value) =>
            groups.filter((g) => same(g.customAttributes[6] as string, value)),
          );
          const expectedIds = new Set(matches.filter((m) => m.length === 1).map((m) => m[0]?.guid));
          const reported = new Set(
            (outcome.output.SubPermissions ?? [])
              .map((entry: { Reference: { Id: string } }) => entry.Reference.Id)
              .filter((id: string) => id !== "No permissions defined"),
          );
          const why = `contracts ${JSON.stringify(contracts)} among ${JSON.stringify(values)}: ${outcome.stdout.slice(0, 500)}`;
          assert.deepEqual([...reported].sort(), [...expectedIds].sort(), why);
          const members = new Set(groups.filter((g) => g.members.includes(person.guid)).map((g) => g.guid));
          assert.deepEqual([...members].sort(), [...expectedIds].sort(), why);
          assert.equal(outcome.exitCode, matches.every((m) => m.length === 1) ? 0 : 1, why);
        },
      ),
      { numRuns: RUNS, seed: REPLAY_SEED ?? BASE_SEED + 2 },
    );
  });

  it("sub-permission imports select exactly the groups whose marker equals the configured marker", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(text, { minLength: 1, maxLength: 5 })
          .chain((values) => fc.tuple(fc.constant(values), query(values))),
        async ([values, marker]) => {
          fc.pre(marker.trim() !== "");
          cleanUp();
          serial += 1;
          const person = tenant.addUserMailbox({ userPrincipalName: `m${serial}@contoso.com` });
          created.push(person.guid);
          const groups = values.map((value, i) => {
            const group = tenant.addDistributionGroup({
              name: `m${serial}-${i}`,
              customAttributes: { 2: value },
              members: [person.guid],
            });
            created.push(group.guid);
            return group;
          });
          const outcome = await world.run("groups/importSubPermissions", {
            actionContext: { Configuration: { GroupMarkerValue: marker } },
          });
          figures.cases += 1;
          figures.actions += 1;
          const expected = groups
            .filter((g) => same(g.customAttributes[1] as string, marker.trim()))
            .map((g) => g.guid);
          const why = `marker ${JSON.stringify(marker)} among ${JSON.stringify(values)}: ${outcome.stdout.slice(0, 400)} ${outcome.stderr.slice(0, 300)}`;
          assert.equal(outcome.exitCode, 0, why);
          const imported = outcome.records.map(
            (record) => (record.SubPermissionReference as { Id: string }).Id,
          );
          assert.deepEqual([...new Set(imported)].sort(), expected.sort(), why);
        },
      ),
      { numRuns: RUNS, seed: REPLAY_SEED ?? BASE_SEED + 3 },
    );
  });
});
