import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { formatsOf, LANGUAGES } from "../../src/actions/regionalConfiguration/languageFormats.js";
import { windowsTimeZone } from "../../src/actions/regionalConfiguration/windowsTimeZones.js";
import { Tenant, TIME_ZONES } from "../../src/simulator/index.js";
import { canonicalLanguage, languageFormats } from "../../src/simulator/tenant/locale.js";
import { audit, logged, run, startSimulator, writeCount } from "../support/connector.js";

const tenant = Tenant.create({
  tenantId: "8a0b7c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
  organization: "contoso.onmicrosoft.com",
});
const english = tenant.addUserMailbox({
  userPrincipalName: "sam@contoso.com",
  language: "en-US",
  timeZone: "Pacific Standard Time",
});
const english2 = tenant.addUserMailbox({
  userPrincipalName: "kim@contoso.com",
  language: "en-GB",
  timeZone: "GMT Standard Time",
});
const dutch = tenant.addUserMailbox({ userPrincipalName: "janine@contoso.com", language: "nl-NL" });
const GONE = "0e0e0e0e-0000-4000-8000-000000000000";
const NL = { Id: "MailboxRegionalConfiguration-NL" };
/** The Identification the Dec 2024 PowerShell connector listed. */
const NL_SEED = {
  Id: "MailboxRegionalConfiguration-NL",
  Language: "nl-NL",
  DateFormat: "dd-MM-yy",
  TimeFormat: "H:mm",
  TimeZone: "W. Europe Standard Time",
  LocalizeDefaultFolderName: true,
};

let simulator: Awaited<ReturnType<typeof startSimulator>>;
before(async () => {
  simulator = await startSimulator({ tenant });
});
after(() => simulator.close());
beforeEach(() => simulator.clearLog());

const regional = (mailbox: string) => tenant.regionalConfiguration(mailbox);

function grant(
  mailbox: string,
  permission: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  config = {},
) {
  return run(
    simulator,
    "regionalConfiguration/grantPermission",
    { actionContext: { References: { Account: mailbox, Permission: permission }, ...extra } },
    config,
  );
}

describe("regionalConfiguration/permissions", () => {
  it("lists the PowerShell connector's Dutch option with its settings, or with its Id alone", async () => {
    const full = await run(simulator, "regionalConfiguration/permissions");
    assert.equal(full.exitCode, 0, full.stderr);
    assert.deepEqual(full.output.Permissions, [
      { DisplayName: "Mailbox Regional Configuration - NL", Identification: NL_SEED },
    ]);
    const idOnly = await run(
      simulator,
      "regionalConfiguration/permissions",
      {},
      { RegionalConfigurationIdentification: "id" },
    );
    assert.deepEqual(idOnly.output.Permissions, [
      { DisplayName: "Mailbox Regional Configuration - NL", Identification: NL },
    ]);
    assert.equal(simulator.requestLog.length, 0);
  });

  it("rejects options Exchange would reject, naming each field, before any request", async () => {
    const result = await run(
      simulator,
      "regionalConfiguration/permissions",
      {},
      {
        RegionalConfigurationOptions: JSON.stringify([
          { Id: "de", Language: "de-DE", DateFormat: "dd-MM-yy", TimeZone: "Europe/Berlin" },
          { Id: "us", TimeFormat: "h:mm tt" },
        ]),
      },
    );
    assert.equal(result.exitCode, 2);
    const message = logged(result);
    assert.match(
      message,
      /RegionalConfigurationOptions\[0\]\.TimeZone: "Europe\/Berlin" is not a Windows time-zone id/,
    );
    assert.match(
      message,
      /RegionalConfigurationOptions\[0\]\.DateFormat: "dd-MM-yy" is not a DateFormat of de-DE; valid: dd\.MM\.yyyy/,
    );
    assert.match(message, /RegionalConfigurationOptions\[1\]\.Language: required with TimeFormat/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("regionalConfiguration/grantPermission", () => {
  it("applies the Dutch option found by Id to an English mailbox: old -> new values, folders localized, one read + one write", async () => {
    const first = await grant(english.guid, NL);
    assert.equal(first.exitCode, 0, first.stderr);
    const message = audit(first);
    assert.match(message, /Language \[en-US\] -> \[nl-NL\]/);
    assert.match(message, /DateFormat \[M\/d\/yyyy\] -> \[dd-MM-yy\]/);
    assert.match(message, /TimeZone \[Pacific Standard Time\] -> \[W\. Europe Standard Time\]/);
    assert.match(message, /default folder names localized to \[nl-NL\]/);
    assert.deepEqual(
      simulator.requestLog.filter((e) => e.kind === "invoke").map((e) => e.cmdlet),
      ["Get-MailboxRegionalConfiguration", "Set-MailboxRegionalConfiguration"],
    );
    const now = regional(english.guid);
    assert.deepEqual(
      [now.language, now.dateFormat, now.timeFormat, now.timeZone, now.calendarFolderName],
      ["nl-NL", "dd-MM-yy", "H:mm", "W. Europe Standard Time", "Agenda"],
    );

    simulator.clearLog();
    const again = await grant(english.guid, NL);
    assert.match(audit(again), /No change/);
    assert.equal(writeCount(simulator), 0);
  });

  it("accepts the Dec 2024 Identification carrying its settings, and only sets what differs on a Dutch mailbox", async () => {
    const seed = await grant(english2.guid, NL_SEED);
    assert.equal(seed.exitCode, 0, seed.stderr);
    assert.equal(regional(english2.guid).timeZone, "W. Europe Standard Time");

    const onDutch = await grant(dutch.guid, NL);
    assert.equal(onDutch.exitCode, 0, onDutch.stderr);
    assert.doesNotMatch(audit(onDutch), /Language/);
    assert.match(audit(onDutch), /DateFormat \[d-M-yyyy\] -> \[dd-MM-yy\]/);
  });

  it("refuses invalid combinations before calling Exchange (Exchange can take 70 s to reject them)", async () => {
    const wrongFormat = await grant(dutch.guid, { ...NL_SEED, DateFormat: "MM/dd/yyyy" });
    assert.equal(wrongFormat.exitCode, 2);
    assert.match(
      logged(wrongFormat),
      /References\.Permission\.DateFormat: "MM\/dd\/yyyy" is not a DateFormat of nl-NL/,
    );
    const ianaZone = await grant(dutch.guid, { ...NL_SEED, TimeZone: "Europe/Amsterdam" });
    assert.match(
      logged(ianaZone),
      /References\.Permission\.TimeZone: "Europe\/Amsterdam" is not a Windows time-zone id/,
    );
    const unknownLanguage = await grant(dutch.guid, { Id: "sv", Language: "sv-SE" });
    assert.match(logged(unknownLanguage), /References\.Permission\.Language: "sv-SE" is not a language/);
    // A Language that is not text at all, with formats to check against it.
    const numericLanguage = await grant(dutch.guid, { ...NL_SEED, Language: 42 });
    assert.equal(numericLanguage.exitCode, 2);
    assert.match(logged(numericLanguage), /References\.Permission\.Language/);
    const badOption = await grant(
      dutch.guid,
      NL,
      {},
      {
        RegionalConfigurationOptions: JSON.stringify([{ ...NL_SEED, TimeFormat: "h:mm tt" }]),
      },
    );
    assert.equal(badOption.exitCode, 2);
    assert.match(
      logged(badOption),
      /RegionalConfigurationOptions\[0\]\.TimeFormat: "h:mm tt" is not a TimeFormat of nl-NL/,
    );
    assert.equal(simulator.requestLog.length, 0);
  });

  it("fails for a vanished mailbox and writes nothing in DryRun", async () => {
    const gone = await grant(GONE, NL);
    assert.equal(gone.exitCode, 1);
    assert.match(
      audit(gone),
      /Cannot grant \[MailboxRegionalConfiguration-NL\].*the mailbox no longer exists/,
    );
    const fresh = tenant.addUserMailbox({ userPrincipalName: "dry@contoso.com", language: "en-US" });
    const dry = await grant(fresh.guid, NL, { DryRun: true });
    assert.match(
      audit(dry),
      /DryRun: would set the regional configuration .*Language \[en-US\] -> \[nl-NL\]/,
    );
    assert.equal(writeCount(simulator), 0);
    assert.equal(regional(fresh.guid).language, "en-US");
  });
});

describe("regionalConfiguration/revokePermission", () => {
  it("leaves the settings as they are, without calling Exchange", async () => {
    const result = await run(simulator, "regionalConfiguration/revokePermission", {
      actionContext: { References: { Account: english.guid, Permission: NL } },
    });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.match(audit(result), /left as it is/);
    assert.equal(simulator.requestLog.length, 0);
  });
});

describe("the connector's language table", () => {
  it("has the formats the simulator's Exchange model has, and accepts its time zones", () => {
    for (const language of LANGUAGES) {
      assert.equal(canonicalLanguage(language), language, `the simulator does not know ${language}`);
      const { dateFormats, timeFormats } = languageFormats(language);
      assert.deepEqual(formatsOf(language, "DateFormat"), dateFormats, language);
      assert.deepEqual(formatsOf(language, "TimeFormat"), timeFormats, language);
    }
    for (const zone of TIME_ZONES) assert.equal(windowsTimeZone(zone), zone);
  });
});
