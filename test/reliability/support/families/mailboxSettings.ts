// The person's own mailbox settings in the lifecycle: calendar folder permission (grant sets the Default
// user's right, revoke restores the baseline only when the entry still holds the revoked right), regional
// configuration (language, formats, time zone, localized folder names; revoke changes nothing) and
// litigation hold (placed with this connector's owner mark; a hold someone else placed is never touched).
// Keys: "<person>.calendar", "<person>.regional", "<person>.hold".
import type { MailboxRecord, Tenant } from "../../../../src/simulator/index.js";
import type { FamilyPlugin, Person, Step, StepContext } from "../lifecycle.js";
import type { Model } from "../model.js";
import type { RunInput } from "../world.js";

const FOLDER_RIGHTS = ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"] as const;
const BASELINE = "AvailabilityOnly";
const OWNER = "HelloID";
const CALENDAR: Record<string, string> = { "en-US": "Calendar", "nl-NL": "Agenda", "de-DE": "Kalender" };
const REGIONAL_OPTIONS = [
  {
    Id: "nl",
    Language: "nl-NL",
    DateFormat: "d-M-yyyy",
    TimeFormat: "HH:mm",
    TimeZone: "W. Europe Standard Time",
    LocalizeDefaultFolderName: true,
  },
  {
    Id: "en",
    Language: "en-US",
    DateFormat: "M/d/yyyy",
    TimeFormat: "h:mm tt",
    TimeZone: "Pacific Standard Time",
    LocalizeDefaultFolderName: "true",
  },
  {
    Id: "de",
    Language: "de-DE",
    DateFormat: "dd.MM.yyyy",
    TimeFormat: "HH:mm",
    TimeZone: "W. Europe Standard Time",
    LocalizeDefaultFolderName: false,
  },
] as const;
const HOLD_OPTIONS = [
  { Id: "LitigationHold-365", Duration: 365 },
  { Id: "LitigationHold-2555", Duration: 2555 },
];

interface Regional {
  language: string;
  dateFormat: string;
  timeFormat: string;
  timeZone: string;
  folder: string;
}
interface Hold {
  enabled: boolean;
  duration: string;
  owner: string | null;
}

const key = (person: Person, what: string) => `${person.key}.${what}`;

function mailbox(tenant: Tenant, person: Person): MailboxRecord | undefined {
  const record = tenant.findRecipient(person.guid);
  return record?.kind === "mailbox" ? record : undefined;
}

function input(
  person: Person,
  permission: Record<string, unknown>,
  configuration: Record<string, unknown> = {},
): RunInput {
  return {
    actionContext: {
      References: { Account: person.guid, Permission: permission },
      ...(Object.keys(configuration).length > 0 ? { Configuration: configuration } : {}),
    },
  };
}

function folderStep(context: StepContext, person: Person): Step {
  const { random } = context;
  const verb = random.chance(0.55) ? "grant" : "revoke";
  const index = random.int(0, FOLDER_RIGHTS.length - 1);
  const right = FOLDER_RIGHTS[index] as string;
  // Both Identification shapes: the settings themselves, or the Id of a configured (default) option.
  const permission = random.chance(0.5)
    ? { Id: String(index + 1), mailboxFolderUser: "Default", mailboxFolderAccessRight: right }
    : { Id: String(index + 1) };
  return {
    label: `folderPermission/${verb} ${right} ${person.key}${person.vanished ? " (vanished)" : ""}`,
    action: `folderPermission/${verb}Permission`,
    input: () => input(person, permission),
    expectFailure: person.vanished && verb === "grant" ? /no longer exists/ : undefined,
    commit: (model) => {
      if (person.vanished) return;
      const current = JSON.stringify(model.get(key(person, "calendar")));
      if (verb === "grant") model.set(key(person, "calendar"), [right]);
      else if (current === JSON.stringify([right])) model.set(key(person, "calendar"), [BASELINE]);
    },
  };
}

function regionalStep(context: StepContext, person: Person): Step {
  const { random } = context;
  const verb = random.chance(0.8) ? "grant" : "revoke";
  const option = random.pick(REGIONAL_OPTIONS);
  const permission = random.chance(0.5) ? { ...option } : { Id: option.Id };
  return {
    label: `regionalConfiguration/${verb} ${option.Id} ${person.key}${person.vanished ? " (vanished)" : ""}`,
    action: `regionalConfiguration/${verb}Permission`,
    input: () =>
      input(person, permission, { RegionalConfigurationOptions: JSON.stringify(REGIONAL_OPTIONS) }),
    expectFailure: person.vanished && verb === "grant" ? /no longer exists/ : undefined,
    commit: (model) => {
      if (person.vanished || verb === "revoke") return;
      const current = model.get(key(person, "regional")) as Regional;
      const localize = String(option.LocalizeDefaultFolderName) === "true";
      model.set(key(person, "regional"), {
        language: option.Language,
        dateFormat: option.DateFormat,
        timeFormat: option.TimeFormat,
        timeZone: option.TimeZone,
        folder: localize ? CALENDAR[option.Language] : current.folder,
      });
    },
  };
}

function holdStep(context: StepContext, person: Person): Step {
  const { random } = context;
  const verb = random.chance(0.55) ? "grant" : "revoke";
  const option = random.pick(HOLD_OPTIONS);
  const permission = random.chance(0.5) ? option : { Id: option.Id };
  const duration = `${option.Duration}.00:00:00`;
  return {
    label: `litigationHold/${verb} ${option.Duration} ${person.key}${person.vanished ? " (vanished)" : ""}`,
    action: `litigationHold/${verb}Permission`,
    input: () => input(person, permission),
    expectFailure: person.vanished && verb === "grant" ? /no longer exists/ : undefined,
    commit: (model) => {
      if (person.vanished) return;
      const hold = model.get(key(person, "hold")) as Hold;
      const ours = hold.owner?.trim().toLowerCase() === OWNER.toLowerCase();
      if (verb === "grant") {
        if (!hold.enabled) model.set(key(person, "hold"), { enabled: true, duration, owner: OWNER });
        else if (ours) model.set(key(person, "hold"), { ...hold, duration });
      } else if (hold.enabled && ours && hold.duration === duration) {
        model.set(key(person, "hold"), { ...hold, enabled: false });
      }
    },
  };
}

export const mailboxSettingsFamily: FamilyPlugin = {
  name: "mailboxSettings",
  weight: 3,
  seed(tenant) {
    // Legal's hold on the second person: the connector must leave it exactly as it is.
    const record = tenant.findRecipient("person2@contoso.com");
    if (record?.kind === "mailbox") {
      record.litigationHoldEnabled = true;
      record.litigationHoldDuration = "Unlimited";
      record.litigationHoldOwner = "Legal";
    }
  },
  observe(tenant, persons, into) {
    for (const person of persons) {
      const record = mailbox(tenant, person);
      if (!record) continue;
      const set = (what: string, value: unknown) => into.set(key(person, what), JSON.stringify(value));
      const entry = tenant.folderPermissions(record.guid).find((e) => e.user === "Default");
      set("calendar", entry?.accessRights ?? null);
      const regional = tenant.regionalConfiguration(record.guid);
      set("regional", {
        dateFormat: regional.dateFormat,
        folder: regional.calendarFolderName,
        language: regional.language,
        timeFormat: regional.timeFormat,
        timeZone: regional.timeZone,
      });
      set("hold", {
        duration: record.litigationHoldDuration,
        enabled: record.litigationHoldEnabled,
        owner: record.litigationHoldOwner,
      });
    }
  },
  // The account family's vanish drops every "<person>." key.
  vanish: (_model: Model) => undefined,
  step(context) {
    const person = context.person({ vanished: context.random.chance(0.15) });
    if (!person) return undefined;
    return context.random.weighted<() => Step>([
      [2, () => folderStep(context, person)],
      [2, () => regionalStep(context, person)],
      [2, () => holdStep(context, person)],
    ])();
  },
};
