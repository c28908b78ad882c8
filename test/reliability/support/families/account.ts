// The account family in the lifecycle: create (correlate), update (custom attributes, Office, EmailAddresses
// merged), enable / disable (HiddenFromAddressListsEnabled), delete (the auto-reply).
import type { MailboxRecord, Tenant } from "../../../../src/simulator/index.js";
import type { FamilyPlugin, Person, Step, StepContext } from "../lifecycle.js";
import type { Model } from "../model.js";
import type { Random } from "../random.js";
import type { RunInput } from "../world.js";

export const DOMAIN = "contoso.com";
const ATTRIBUTES = ["CustomAttribute2", "CustomAttribute3", "CustomAttribute4"] as const;
/** Values that are hard to carry intact: quotes, OPATH words, wildcards, unicode, markup, long text. */
const VALUES = [
  "",
  "Sales",
  "O'Brien & Sons",
  "-eq $null",
  "a*b?",
  'quote " double',
  "Zoë Ünïcødé 日本語",
  "<b>bold</b>",
  "tab\there",
  "x".repeat(200),
];
const MESSAGES = ["", "Out of office", "Back on Monday, O'Brien <b>&</b> ünïcødé", "Line one\nLine two"];

function mailbox(tenant: Tenant, person: Person): MailboxRecord | undefined {
  const record = tenant.findRecipient(person.guid);
  return record?.kind === "mailbox" ? record : undefined;
}

/** Exchange's HTML wrapper around a plain-text auto-reply (docs/CMDLETS.md). */
function wrap(text: string): string | null {
  return text === "" ? null : `<html>\n<body>\n${text}\n</body>\n</html>\n`;
}

/** Proxies compared as Exchange does: address case ignored, the primary marked. */
function proxies(list: readonly string[]): string[] {
  return list
    .map((p) => (p.startsWith("SMTP:") ? `SMTP:${p.slice(5).toLowerCase()}` : p.toLowerCase()))
    .sort();
}

/** The documented merge: existing proxies kept, a mapped SMTP: becomes primary, the old primary demoted. */
function merge(current: readonly string[], mapped: readonly string[]): string[] {
  const hasPrimary = mapped.some((p) => p.startsWith("SMTP:"));
  const byKey = new Map<string, string>();
  for (const p of current) {
    const proxy = hasPrimary && p.startsWith("SMTP:") ? `smtp:${p.slice(5)}` : p;
    byKey.set(proxy.toLowerCase(), proxy);
  }
  for (const p of mapped) byKey.set(p.toLowerCase(), p);
  return [...byKey.values()];
}

const key = (person: Person, what: string) => `${person.key}.${what}`;

export function createPersons(tenant: Tenant, count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const alias = `person${i + 1}`;
    const upn = `${alias}@${DOMAIN}`;
    const record = tenant.addUserMailbox({
      userPrincipalName: upn,
      displayName: `Person ${i + 1}`,
      emailAddresses: [`SMTP:${upn}`, `smtp:${alias}@${tenant.organization}`],
      customAttributes: { 2: "initial" },
    });
    return {
      key: `p${i + 1}`,
      guid: record.guid,
      upn,
      alias,
      correlated: false,
      vanished: false,
      serial: 0,
      current: new Map(),
    };
  });
}

function account(person: Person, extra: Record<string, unknown> = {}): RunInput {
  return { actionContext: { References: { Account: person.guid }, ...extra } };
}

function createStep(person: Person, random: Random): Step {
  const hidden = random.pick([undefined, "true", "false", true, false]);
  const data = hidden === undefined ? {} : { HiddenFromAddressListsEnabled: hidden };
  return {
    label: `create ${person.key}${hidden === undefined ? "" : ` hidden=${hidden}`}`,
    action: "create",
    input: () => ({
      actionContext: {
        CorrelationConfiguration: {
          Enabled: true,
          PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
          PersonFieldValue: person.upn,
          AccountField: "UserPrincipalName",
        },
        Data: data,
      },
      outputContext: { Data: { Guid: null, UserPrincipalName: null } },
    }),
    expectFailure: person.vanished ? /No mailbox found/ : undefined,
    commit: (model) => {
      if (hidden !== undefined) model.set(key(person, "hidden"), String(hidden) === "true");
    },
    after: (outcome) => {
      if (outcome.exitCode === 0) person.correlated = true;
    },
    verify: (outcome) =>
      outcome.output.AccountReference === person.guid && outcome.output.AccountCorrelated === true
        ? undefined
        : `AccountReference ${outcome.output.AccountReference} is not ${person.guid}`,
  };
}

function updateStep(person: Person, random: Random, model: Model): Step {
  const data: Record<string, unknown> = {};
  for (const name of random.subset(ATTRIBUTES, 0.4)) data[name] = random.pick(VALUES);
  if (random.chance(0.3)) data.Office = random.pick(VALUES);
  if (random.chance(0.35) || Object.keys(data).length === 0) {
    person.serial += 1;
    const address = `${person.alias}.${person.serial}@${DOMAIN}`;
    data.EmailAddresses = random.chance(0.5) ? [`SMTP:${address}`] : [`smtp:${address}`];
  }
  const current = model.get(key(person, "emails")) as string[] | undefined;
  return {
    label: `update ${person.key} ${JSON.stringify(data).slice(0, 120)}`,
    action: "update",
    input: () => account(person, { Data: data }),
    expectFailure: person.vanished ? /no longer exists/ : undefined,
    commit: (m) => {
      for (const name of ATTRIBUTES) if (name in data) m.set(key(person, name), data[name]);
      if ("Office" in data) m.set(key(person, "office"), data.Office);
      if (data.EmailAddresses && current) {
        m.set(key(person, "emails"), proxies(merge(current, data.EmailAddresses as string[])));
      }
    },
  };
}

function accessStep(person: Person, random: Random, verb: "enable" | "disable"): Step {
  const mapped = random.pick([undefined, verb === "enable" ? "false" : "true", verb !== "enable"]);
  const hidden = mapped === undefined ? verb === "disable" : String(mapped) === "true";
  const input =
    mapped === undefined
      ? account(person)
      : account(person, { Data: { HiddenFromAddressListsEnabled: mapped } });
  return {
    label: `${verb} ${person.key}`,
    action: verb,
    input: () => input,
    expectFailure: person.vanished && verb === "enable" ? /no longer exists/ : undefined,
    commit: (model) => {
      if (!person.vanished) model.set(key(person, "hidden"), hidden);
    },
  };
}

function deleteStep(person: Person, random: Random): Step {
  const settings = {
    AutoReplyState: random.pick(["Enabled", "Disabled", "enabled"]),
    InternalMessage: random.pick(MESSAGES),
    ExternalMessage: random.pick(MESSAGES),
    ExternalAudience: random.pick(["None", "Known", "All"]),
  };
  return {
    label: `delete ${person.key} ${settings.AutoReplyState}/${settings.ExternalAudience}`,
    action: "delete",
    input: () => account(person, { Data: settings }),
    commit: (model) => {
      if (person.vanished) return;
      model.set(key(person, "autoReply"), {
        state: settings.AutoReplyState.charAt(0).toUpperCase() + settings.AutoReplyState.slice(1),
        internal: wrap(settings.InternalMessage),
        external: wrap(settings.ExternalMessage),
        audience: settings.ExternalAudience,
      });
    },
  };
}

export const accountFamily: FamilyPlugin = {
  name: "account",
  weight: 5,
  seed: () => undefined,
  observe(tenant, persons, into) {
    for (const person of persons) {
      const record = mailbox(tenant, person);
      if (!record) continue;
      const set = (what: string, value: unknown) => into.set(key(person, what), JSON.stringify(value));
      set("hidden", record.hiddenFromAddressListsEnabled);
      for (const [i, name] of ATTRIBUTES.entries()) set(name, record.customAttributes[i + 1]);
      set("office", record.office);
      set("emails", proxies(record.emailAddresses));
      const reply = record.autoReply;
      into.set(
        key(person, "autoReply"),
        JSON.stringify({
          audience: reply.externalAudience,
          external: reply.externalMessage,
          internal: reply.internalMessage,
          state: reply.autoReplyState,
        }),
      );
    }
  },
  vanish(model, person) {
    for (const k of [...model.state.keys()]) if (k.startsWith(`${person.key}.`)) model.delete(k);
  },
  step(context: StepContext): Step | undefined {
    const { random } = context;
    const uncorrelated = context.persons.filter((p) => !p.correlated && !p.vanished);
    if (uncorrelated.length > 0 && random.chance(0.6)) return createStep(random.pick(uncorrelated), random);
    const person = context.person({ vanished: random.chance(0.3) });
    if (!person) {
      const any = context.persons.find((p) => !p.vanished);
      return any ? createStep(any, random) : undefined;
    }
    const kind = random.weighted([
      [1, "create"],
      [4, "update"],
      [2, "enable"],
      [2, "disable"],
      [2, "delete"],
    ] as const);
    switch (kind) {
      case "create":
        return createStep(person, random);
      case "update":
        return updateStep(person, random, context.model);
      case "enable":
      case "disable":
        return accessStep(person, random, kind);
      case "delete":
        return deleteStep(person, random);
    }
  },
};
