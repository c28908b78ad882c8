import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertCmdletError, ORG, run, smallTenant } from "./helpers.js";

describe("mailbox regional configuration", () => {
  it("reports language, formats, time zone and whether folder names match the language", () => {
    const [row] = run(smallTenant(), "Get-MailboxRegionalConfiguration", {
      Identity: `jan.devries@${ORG}`,
    }).rows;
    assert.deepEqual(row, {
      Identity: "Jan de Vries",
      MailboxOwnerId: "Jan de Vries",
      Language: "nl-NL",
      DateFormat: "d-M-yyyy",
      TimeFormat: "H:mm",
      TimeZone: "W. Europe Standard Time",
      DefaultFolderNameMatchingUserLanguage: true,
      IsValid: true,
    });
  });

  it("changes the language and formats; LocalizeDefaultFolderName renames the calendar", () => {
    const tenant = smallTenant();
    run(tenant, "Set-MailboxRegionalConfiguration", {
      Identity: "alice",
      Language: "nl-nl",
      DateFormat: "dd-MM-yyyy",
      TimeFormat: "HH:mm",
      TimeZone: "w. europe standard time",
    });
    let view = tenant.regionalConfiguration("alice");
    assert.equal(view.language, "nl-NL");
    assert.equal(view.dateFormat, "dd-MM-yyyy");
    assert.equal(view.timeZone, "W. Europe Standard Time");
    assert.equal(
      view.calendarFolderName,
      "Calendar",
      "folders keep their names without LocalizeDefaultFolderName",
    );
    assert.equal(view.defaultFolderNameMatchingUserLanguage, false);
    run(tenant, "Set-MailboxRegionalConfiguration", { Identity: "alice", LocalizeDefaultFolderName: true });
    view = tenant.regionalConfiguration("alice");
    assert.equal(view.calendarFolderName, "Agenda");
    assert.equal(view.defaultFolderNameMatchingUserLanguage, true);
    assert.equal(run(tenant, "Get-MailboxFolderPermission", { Identity: "alice:\\Agenda" }).rows.length, 2);

    run(tenant, "Set-MailboxRegionalConfiguration", {
      Identity: "alice",
      Language: "de-DE",
      LocalizeDefaultFolderName: true,
    });
    view = tenant.regionalConfiguration("alice");
    assert.equal(view.calendarFolderName, "Kalender");
    assert.equal(
      view.dateFormat,
      "dd.MM.yyyy",
      "a format invalid for the new language falls back to its default",
    );
    const same = run(tenant, "Set-MailboxRegionalConfiguration", { Identity: "alice", Language: "de-DE" });
    assert.deepEqual(same.warnings, [
      "The command completed successfully but no settings have been modified.",
    ]);
  });

  it("rejects formats invalid for the language, unknown time zones and languages", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "Set-MailboxRegionalConfiguration", { Identity: "alice", DateFormat: "dd-MM-yyyy" }),
      400,
      "DataValidationException",
      'The DateFormat "dd-MM-yyyy" isn\'t valid for current language setting "en-US". Valid formats include "M/d/yyyy, M/d/yy,',
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-MailboxRegionalConfiguration", {
          Identity: "alice",
          Language: "fr-FR",
          TimeFormat: "h:mm tt",
        }),
      400,
      "DataValidationException",
      'The TimeFormat "h:mm tt" isn\'t valid for current language setting "fr-FR".',
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-MailboxRegionalConfiguration", {
          Identity: "alice",
          TimeZone: "Mars Standard Time",
        }),
      400,
      "ParameterTransformationException",
      "TimeZone",
    );
    assertCmdletError(
      () => run(tenant, "Set-MailboxRegionalConfiguration", { Identity: "alice", Language: "xx-YY" }),
      400,
      "ParameterTransformationException",
    );
    assert.equal(tenant.regionalConfiguration("alice").language, "en-US", "a failed call changes nothing");
  });
});

describe("mailbox auto-reply configuration", () => {
  it("stores messages HTML-wrapped and returns them so", () => {
    const tenant = smallTenant();
    let [row] = run(tenant, "Get-MailboxAutoReplyConfiguration", { Identity: "alice" }).rows;
    assert.equal(row?.AutoReplyState, "Disabled");
    assert.equal(row?.InternalMessage, null);
    run(tenant, "Set-MailboxAutoReplyConfiguration", {
      Identity: "alice",
      AutoReplyState: "Enabled",
      InternalMessage: "I'm no longer with Contoso.",
      ExternalMessage: "<html><body>Gone</body></html>",
      ExternalAudience: "known",
    });
    [row] = run(tenant, "Get-MailboxAutoReplyConfiguration", { Identity: "alice" }).rows;
    assert.equal(row?.AutoReplyState, "Enabled");
    assert.equal(row?.InternalMessage, "<html>\n<body>\nI'm no longer with Contoso.\n</body>\n</html>\n");
    assert.equal(row?.ExternalMessage, "<html><body>Gone</body></html>");
    assert.equal(row?.ExternalAudience, "Known");
    const same = run(tenant, "Set-MailboxAutoReplyConfiguration", {
      Identity: "alice",
      AutoReplyState: "Enabled",
      InternalMessage: "I'm no longer with Contoso.",
    });
    assert.match(
      same.warnings[0] ?? "",
      /^The command completed successfully but no settings have been modified\.$/,
    );
  });

  it("validates states, audiences and schedules", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "Set-MailboxAutoReplyConfiguration", { Identity: "alice", AutoReplyState: "On" }),
      400,
      "ParameterTransformationException",
    );
    run(tenant, "Set-MailboxAutoReplyConfiguration", {
      Identity: "alice",
      AutoReplyState: "Scheduled",
      StartTime: "2024-02-01T08:00:00",
      EndTime: "2024-02-10T17:00:00",
    });
    const [row] = run(tenant, "Get-MailboxAutoReplyConfiguration", { Identity: "alice" }).rows;
    assert.equal(row?.StartTime, "2024-02-01T08:00:00.0000000+00:00");
    assertCmdletError(
      () =>
        run(tenant, "Set-MailboxAutoReplyConfiguration", {
          Identity: "alice",
          EndTime: "2024-01-01T00:00:00",
        }),
      400,
      "ValidationException",
    );
  });
});
