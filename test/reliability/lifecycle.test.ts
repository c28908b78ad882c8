// Randomized lifecycle under faults. Seeded sequences of HelloID actions run through runAction
// against the simulator with 429s (Retry-After), 5xx, transient exceptions, resets before and after the
// server acted, non-JSON bodies, slow answers and replication delay. After every action: the report is
// honest and the tenant equals the model (or, after a failure, each key is as before or as intended, and
// HelloID's later retry completes it). A failing seed is printed with the command that replays it.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { Tenant } from "../../src/simulator/index.js";
import { groupFamily, sharedMailboxFamily } from "./support/families/access.js";
import { accountFamily, createPersons } from "./support/families/account.js";
import { mailboxSettingsFamily } from "./support/families/mailboxSettings.js";
import { totalFired } from "./support/faultSchedule.js";
import { type FamilyPlugin, InvariantError, newFigures, runSequence } from "./support/lifecycle.js";
import { Random } from "./support/random.js";
import { LARGE, replayHint, runs, seeds, size } from "./support/scale.js";
import { Transcript } from "./support/transcript.js";
import { startWorld } from "./support/world.js";

const SUITE = "lifecycle";
const BASE_SEED = 9_001_000;
const SEQUENCES = runs(8, 80);
const LENGTH = size(15, 30);
const PERSONS = size(4, 6);

const transcript = new Transcript(SUITE);
const figures = newFigures();
const families: FamilyPlugin[] = [accountFamily, sharedMailboxFamily, groupFamily, mailboxSettingsFamily];

after(() => {
  transcript.save();
  const fired = Object.entries(figures.counts.fired)
    .map(([type, n]) => `${type} ${n}`)
    .join(", ");
  console.log(
    `[reliability] lifecycle${LARGE ? " (large)" : ""}: ${SEQUENCES} sequences, ${figures.actions} actions ` +
      `(${figures.dryRuns} DryRun, ${figures.failedReports} honest failures retried, ${figures.vanished} mailboxes vanished), ` +
      `${figures.counts.queued} fault rules queued, ${totalFired(figures.counts)} faults fired (${fired}); ` +
      `families: ${families.map((f) => f.name).join(", ")}`,
  );
  if (process.env.RELIABILITY_VERBOSE) console.log(figures.byAction);
});

// Sequences run side by side (each on its own simulator): most of their time is back-off sleep.
describe("randomized lifecycle under faults", { concurrency: 4 }, () => {
  for (const seed of seeds(BASE_SEED, SEQUENCES)) {
    it(`sequence seed ${seed}`, async () => {
      const tenant = Tenant.create({
        tenantId: "9a9b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
        organization: "contoso.onmicrosoft.com",
      });
      tenant.acceptedDomains.push("contoso.com");
      const random = new Random(seed ^ 0x5eed);
      const persons = createPersons(tenant, PERSONS);
      for (const family of families) family.seed(tenant, random);
      const world = await startWorld(transcript, tenant);
      try {
        await runSequence({ world, families, persons, seed, length: LENGTH, faultIntensity: 0.6, figures });
      } catch (error) {
        if (error instanceof InvariantError) {
          assert.fail(`seed ${seed}: ${error.message}\n${replayHint("test/reliability/lifecycle", seed)}`);
        }
        throw error;
      } finally {
        await world.close();
      }
      const leaks = transcript.leaks();
      assert.deepEqual(leaks, [], `seed ${seed}: secrets in the output`);
    });
  }
});
