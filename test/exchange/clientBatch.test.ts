// `$batch` against the simulator: ten per POST, results in input order, a failing sub-request reported on
// its own, transient sub-requests retried alone, paged sub-responses completed.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  AlreadyExistsError,
  addDistributionGroupMember,
  addMailboxPermission,
  ForbiddenError,
  getMailbox,
  listMailboxes,
  NotFoundError,
  setMailbox,
  writeOutcome,
} from "../../src/exchange/index.js";
import { DEFAULT_APP } from "../../src/simulator/index.js";
import { simulatorFixture } from "./harness.js";

const limitedAppId = "00000000-0000-0000-0000-00000000b010";

describe("$batch against the simulator", () => {
  const fixture = simulatorFixture({
    pageCap: 7,
    apps: [
      { ...DEFAULT_APP },
      {
        appId: limitedAppId,
        secret: "limited-secret",
        allowedCmdlets: ["Get-Mailbox", "Add-MailboxPermission"],
      },
    ],
  });
  const upn = (name: string) => `${name}@${fixture.simulator.organization}`;
  before(async () => {
    const { tenant } = await fixture.start();
    for (let i = 0; i < 25; i++) tenant.addUserMailbox({ name: `user${String(i).padStart(2, "0")}` });
    tenant.addSharedMailbox({ name: "team-box" });
    tenant.addDistributionGroup({ name: "Team", members: [upn("user00")] });
  });
  beforeEach(() => fixture.simulator.faults.clear());
  after(() => fixture.stop());

  const log = (kind: string) => fixture.simulator.requestLog.filter((entry) => entry.kind === kind).length;

  it("returns each sub-result in input order, one failure among successes", async () => {
    const client = fixture.client();
    await getMailbox(client, "user01");
    const batches = log("batch");
    const results = await client.batch([
      addDistributionGroupMember.asCall({ Identity: "Team", Member: upn("user01") }),
      addDistributionGroupMember.asCall({ Identity: "Team", Member: "ghost@contoso.onmicrosoft.com" }),
      addDistributionGroupMember.asCall({ Identity: "Team", Member: upn("user00") }),
      getMailbox.asCall("user02", { select: ["Name"] }),
    ]);
    assert.equal(log("batch") - batches, 1);
    assert.equal(results[0].ok, true);
    assert.ok(
      !results[1].ok && results[1].error instanceof NotFoundError && results[1].error.subject === "parameter",
    );
    assert.ok(!results[2].ok && results[2].error instanceof AlreadyExistsError);
    assert.ok(results[3].ok);
    assert.deepEqual(results[3].result.rows, [{ Name: "user02" }]);
    assert.deepEqual(
      results.map((result) => writeOutcome(result).status),
      ["changed", "failed", "unchanged", "changed"],
    );
  });

  it("sends ten sub-requests per $batch POST and keeps the input order across chunks", async () => {
    const client = fixture.client();
    await getMailbox(client, "user01");
    const batches = log("batch");
    const names = Array.from({ length: 23 }, (_, i) => `user${String(i).padStart(2, "0")}`);
    const results = await client.batch(
      names.map((name) => setMailbox.asCall({ Identity: name, CustomAttribute2: name })),
    );
    assert.equal(log("batch") - batches, 3);
    assert.equal(results.length, 23);
    assert.ok(results.every((result) => result.ok));
    assert.equal(fixture.simulator.tenant.findRecipient("user22")?.customAttributes[1], "user22");
  });

  it("retries a throttled sub-request alone, as a plain InvokeCommand", async () => {
    const client = fixture.client();
    await getMailbox(client, "user01");
    fixture.simulator.faults.add({
      match: { kind: "batch-item", cmdlet: "Add-MailboxPermission" },
      times: 1,
      fault: { type: "throttle", retryAfterSeconds: 0.05 },
    });
    const invokes = log("invoke");
    const results = await client.batch([
      getMailbox.asCall("user03"),
      addMailboxPermission.asCall({ Identity: "team-box", User: upn("user03"), AutoMapping: false }),
    ]);
    assert.ok(results.every((result) => result.ok));
    assert.equal(log("invoke") - invokes, 1);
    assert.equal(client.stats.retries, 1);
    assert.equal(client.stats.throttled, 1, "the item's 429 is counted as throttling");
    assert.equal(
      fixture.simulator.tenant.mailboxPermissions("team-box").some((entry) => entry.user === upn("user03")),
      true,
    );
  });

  it("retries a sub-request answered with an HTML page alone, as a plain InvokeCommand", async () => {
    const client = fixture.client();
    fixture.simulator.faults.add({
      match: { kind: "batch-item", cmdlet: "Get-Mailbox" },
      times: 1,
      fault: { type: "nonJson" },
    });
    const invokes = log("invoke");
    const results = await client.batch([getMailbox.asCall("user02"), getMailbox.asCall("user03")]);
    assert.ok(results.every((result) => result.ok));
    assert.equal(log("invoke") - invokes, 1);
  });

  it("completes a sub-response that has a next page", async () => {
    const client = fixture.client();
    const [all] = await client.batch([
      listMailboxes.asCall({ RecipientTypeDetails: "UserMailbox" }, { select: ["Guid"] }),
    ]);
    assert.ok(all.ok);
    assert.equal(all.result.rows.length, 25);
  });

  it("reports a sub-request the app's role does not allow (403 NUL body) as ForbiddenError", async () => {
    const client = fixture.client({
      appId: limitedAppId,
      credential: { kind: "secret", secret: "limited-secret" },
    });
    const [allowed, denied] = await client.batch([
      getMailbox.asCall("user04"),
      setMailbox.asCall({ Identity: "user04", Office: "HQ" }),
    ]);
    assert.ok(allowed.ok);
    assert.ok(!denied.ok && denied.error instanceof ForbiddenError);
    assert.match(denied.error.message, /Set-Mailbox.*no Exchange role for this cmdlet/);
  });
});
