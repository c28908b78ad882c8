// Bad input. Property-based fuzzing (fast-check) of the `run` input of every registered action:
// malformed JSON, missing or mistyped fields, keys in any letter case, huge strings, control characters,
// unicode, arrays where objects belong, broken family settings. Every case ends with exit code 2 (stderr
// names the field) or Success false with an error audit naming it — no stack trace, and not one request
// reaches the simulator. A handful of cases also run through the built CLI (dist/cli.js).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { Tenant } from "../../src/simulator/index.js";
import { type CatalogueEntry, catalogue, type Fixtures, seedFixtures } from "./support/catalogue.js";
import { Random } from "./support/random.js";
import { LARGE, REPLAY_SEED, runs } from "./support/scale.js";
import { STACK_TRACE, Transcript } from "./support/transcript.js";
import { startWorld, type World } from "./support/world.js";

const SUITE = "badInput";
const CASES = runs(1500, 25_000);
const BASE_SEED = 9_003_000;

const transcript = new Transcript(SUITE);
const figures = { cases: 0, exit2: 0, failed: 0, byKind: {} as Record<string, number> };
let world: World;
let fixtures: Fixtures;
let entries: CatalogueEntry[];

before(async () => {
  const tenant = Tenant.create({
    tenantId: "b1b2b3b4-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
    organization: "contoso.onmicrosoft.com",
  });
  fixtures = seedFixtures(tenant);
  world = await startWorld(transcript, tenant);
  entries = catalogue(fixtures);
});

after(async () => {
  await world.close();
  transcript.save();
  console.log(
    `[reliability] badInput${LARGE ? " (large)" : ""}: ${figures.cases} fuzz cases over ${entries.length} actions (${figures.exit2} exit 2, ${figures.failed} Success false), by mutation: ${JSON.stringify(figures.byKind)}`,
  );
  assert.deepEqual(transcript.leaks(), []);
});

// ---- values ----

const DELETE = Symbol("delete");
type Value = unknown | typeof DELETE;

/** Text that is hard to carry: control characters, unicode, quotes, huge. */
const nastyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e\u0000\r\n",
    "'; DROP --",
    "$\u007Bjndi:x}",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "a\u0301".repeat(50),
  ),
  fc.integer({ min: 1, max: 3 }).map((n) => "x".repeat(n * 400_000)),
);
/** Anything but a JSON object. */
const notObject = fc.oneof(
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  nastyText,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const notString = fc.oneof(
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
  fc.boolean(),
);
const notBoolean = fc.oneof(
  fc.string({ maxLength: 12 }).filter((s) => !/^\s*(true|false)\s*$/i.test(s)),
  fc.integer(),
  fc.array(fc.boolean(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.boolean(), { maxKeys: 1 }),
);
const GUID = /^\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i;
const notGuid = fc.oneof(
  nastyText.filter((s) => !GUID.test(s)),
  fc.integer(),
  notString,
  fc.constant(DELETE),
);
const blank = fc.constantFrom<Value>(DELETE, "", "   ", null);
const notArray = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
  nastyText,
  fc.integer(),
  fc.boolean(),
);
const notUrl = fc.oneof(
  fc.constantFrom(
    "http://outlook.office365.com",
    "outlook.office365.com",
    "ftp://x",
    "https://",
    "https:// spaces .com",
  ),
  // "" means the default endpoint.
  nastyText.filter((s) => s !== "" && !/^\s*https:\/\/\S/.test(s)),
  fc.integer(),
);

// ---- mutations: a path, a bad value, and the field the message must name ----

interface Mutation {
  kind: string;
  path: string[];
  value: fc.Arbitrary<Value>;
  /** The field name the message must contain (case-insensitive). */
  names: RegExp;
  /** Actions the mutation applies to (default: every action). */
  applies?: (action: string) => boolean;
}

const CONFIG = ["actionContext", "Configuration"];
const slot = (action: string) => action.split("/").pop() ?? action;
const family = (action: string) => (action.includes("/") ? (action.split("/")[0] as string) : "account");
const NO_ACCOUNT = new Set([
  "create",
  "import",
  "permissions",
  "resources",
  "importPermission",
  "importSubPermissions",
]);
const needsAccount = (action: string) => !NO_ACCOUNT.has(slot(action));
const isGrantRevoke = (action: string) => /\/(grant|revoke)Permission$/.test(action);
const only =
  (...names: string[]) =>
  (action: string) =>
    names.includes(action);
const inFamily =
  (...names: string[]) =>
  (action: string) =>
    names.includes(family(action));

const MUTATIONS: Mutation[] = [
  {
    kind: "actionContext",
    path: ["actionContext"],
    value: fc.oneof(notObject, fc.constant(DELETE)),
    names: /actionContext/,
  },
  {
    kind: "Configuration",
    path: CONFIG,
    value: fc.oneof(notObject, fc.constant(DELETE)),
    names: /Configuration/,
  },
  {
    kind: "Organization",
    path: [...CONFIG, "Organization"],
    value: fc.oneof(blank, notString, fc.integer()),
    names: /Organization/,
  },
  {
    kind: "TenantID",
    path: [...CONFIG, "TenantID"],
    value: fc.oneof(blank, notString, fc.integer()),
    names: /TenantID/,
  },
  { kind: "AppId", path: [...CONFIG, "AppId"], value: notGuid, names: /AppId/ },
  {
    kind: "AppSecret",
    path: [...CONFIG, "AppSecret"],
    value: fc.oneof(blank, notString, fc.integer()),
    names: /AppSecret/,
  },
  { kind: "UseCertificate", path: [...CONFIG, "UseCertificate"], value: notBoolean, names: /UseCertificate/ },
  { kind: "AdminApiUrl", path: [...CONFIG, "AdminApiUrl"], value: notUrl, names: /AdminApiUrl/ },
  { kind: "AuthorityUrl", path: [...CONFIG, "AuthorityUrl"], value: notUrl, names: /AuthorityUrl/ },
  {
    kind: "Environment",
    path: [...CONFIG, "Environment"],
    value: fc.oneof(fc.constantFrom("Germany", "global ", "GCC"), fc.integer(), notString),
    names: /Environment/,
  },
  {
    kind: "ActionDeadlineSeconds",
    path: [...CONFIG, "ActionDeadlineSeconds"],
    value: fc.oneof(fc.constantFrom(0, -1, 30, 31, 1e9, "abc", "25s"), fc.integer({ min: 30 }), notString),
    names: /ActionDeadlineSeconds/,
  },
  { kind: "DryRun", path: ["actionContext", "DryRun"], value: notBoolean, names: /DryRun/ },
  {
    kind: "References",
    path: ["actionContext", "References"],
    value: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), nastyText, fc.integer()),
    names: /References/,
  },
  {
    kind: "Data",
    path: ["actionContext", "Data"],
    value: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }), nastyText, fc.integer()),
    names: /Data/,
  },
  {
    kind: "CurrentPermissions",
    path: ["actionContext", "CurrentPermissions"],
    value: fc.oneof(notArray, fc.array(fc.oneof(nastyText, fc.integer()), { minLength: 1, maxLength: 2 })),
    names: /CurrentPermissions/,
  },
  {
    kind: "ImportFields",
    path: ["actionContext", "ImportFields"],
    value: fc.oneof(notArray, fc.array(fc.integer(), { minLength: 1, maxLength: 2 })),
    names: /ImportFields/,
  },
  {
    kind: "personContext",
    path: ["personContext"],
    value: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), nastyText, fc.integer()),
    names: /personContext/,
  },
  {
    kind: "resourceContext",
    path: ["resourceContext"],
    value: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), nastyText, fc.integer()),
    names: /resourceContext/,
  },
  { kind: "SourceData", path: ["resourceContext", "SourceData"], value: notArray, names: /SourceData/ },
  {
    kind: "outputContext",
    path: ["outputContext"],
    value: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), nastyText, fc.integer()),
    names: /outputContext/,
  },
  // Per slot.
  {
    kind: "Account",
    path: ["actionContext", "References", "Account"],
    value: fc.oneof(blank, notString),
    names: /Account/,
    applies: needsAccount,
  },
  {
    kind: "CorrelationConfiguration",
    path: ["actionContext", "CorrelationConfiguration"],
    value: fc.oneof(
      fc.constant(DELETE),
      fc.constant({ Enabled: false }),
      fc.constant({ Enabled: "maybe" }),
      fc.array(fc.string(), { maxLength: 1 }),
    ),
    names: /CorrelationConfiguration|Enabled/,
    applies: only("create", "correlateOnly/create"),
  },
  {
    kind: "AccountField",
    path: ["actionContext", "CorrelationConfiguration", "AccountField"],
    value: fc.oneof(blank, fc.constantFrom("User Principal Name", "UPN -or 1", "a'b", "ÜPN"), notString),
    names: /AccountField/,
    applies: only("create", "correlateOnly/create"),
  },
  {
    kind: "PersonFieldValue",
    path: ["actionContext", "CorrelationConfiguration", "PersonFieldValue"],
    value: fc.constantFrom<Value>(DELETE, "", "   ", null),
    names: /correlation field|PersonFieldValue/,
    applies: only("create", "correlateOnly/create"),
  },
  {
    kind: "Data property name",
    path: ["actionContext", "Data"],
    value: fc.constantFrom(
      { "Custom Attribute1": "x" },
      { "CustomAttribute1.Value": "x" },
      { "": "x" },
      { Ünïcode: "x" },
      { "a\u0000b": "x" },
    ),
    names: /Data/,
    applies: only("update"),
  },
  {
    kind: "EmailAddresses",
    path: ["actionContext", "Data", "EmailAddresses"],
    value: fc.oneof(
      nastyText,
      fc.integer(),
      fc.constant({ Add: ["x@y.z"] }),
      fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
      fc.constant(["SMTP:a@contoso.com", "SMTP:b@contoso.com"]),
    ),
    names: /EmailAddresses|primary/,
    applies: only("update"),
  },
  {
    kind: "HiddenFromAddressListsEnabled",
    path: ["actionContext", "Data", "HiddenFromAddressListsEnabled"],
    value: notBoolean.filter((v) => v !== ""),
    names: /HiddenFromAddressListsEnabled/,
    applies: only("enable", "disable", "create"),
  },
  {
    kind: "AutoReplyState",
    path: ["actionContext", "Data", "AutoReplyState"],
    value: fc.oneof(fc.constantFrom("On", "Off", "Yes", "Schedule"), fc.integer(), notString),
    names: /AutoReplyState/,
    applies: only("delete"),
  },
  {
    kind: "ExternalAudience",
    path: ["actionContext", "Data", "ExternalAudience"],
    value: fc.constantFrom("Everyone", "Internal", 3),
    names: /ExternalAudience/,
    applies: only("delete"),
  },
  {
    kind: "Permission",
    path: ["actionContext", "References", "Permission"],
    value: fc.oneof(fc.constant(DELETE), fc.array(fc.string(), { maxLength: 2 }), nastyText, fc.integer()),
    names: /Permission/,
    applies: (action) => isGrantRevoke(action) && action !== "regionalConfiguration/revokePermission",
  },
  {
    kind: "Permission.Id",
    path: ["actionContext", "References", "Permission", "Id"],
    value: fc.oneof(blank, notString, fc.constant(true)),
    names: /\bId\b|Permission/,
    applies: (action) =>
      isGrantRevoke(action) && inFamily("sharedMailboxes", "sharedMailboxesSeparate", "groups")(action),
  },
  {
    kind: "AccessRights",
    path: ["actionContext", "References", "Permission", "AccessRights"],
    value: fc.constantFrom(["Bogus"], ["Full Access", "Read"], "Owner", [3]),
    names: /AccessRights/,
    applies: (action) => isGrantRevoke(action) && family(action) === "sharedMailboxes",
  },
  {
    kind: "Permission.Permission",
    path: ["actionContext", "References", "Permission", "Permission"],
    value: fc.oneof(fc.constantFrom<Value>(DELETE, "Bogus", "Full", ""), fc.integer()),
    names: /Permission/,
    applies: (action) => isGrantRevoke(action) && family(action) === "sharedMailboxesSeparate",
  },
  {
    kind: "mailboxFolderAccessRight",
    path: ["actionContext", "References", "Permission", "mailboxFolderAccessRight"],
    value: fc.oneof(fc.constantFrom("Bogus", "Owner!", ""), fc.integer(), notString),
    names: /mailboxFolderAccessRight/,
    applies: (action) => isGrantRevoke(action) && family(action) === "folderPermission",
  },
  {
    kind: "Language",
    path: ["actionContext", "References", "Permission", "Language"],
    value: fc.constantFrom("xx-XX", "Klingon", "", 42),
    names: /Language/,
    applies: only("regionalConfiguration/grantPermission"),
  },
  {
    kind: "DateFormat",
    path: ["actionContext", "References", "Permission", "DateFormat"],
    value: fc.constantFrom("MM/dd/yyyy hh", "yyyy.MM.dd", "dd/MM/yyyy"),
    names: /DateFormat/,
    applies: only("regionalConfiguration/grantPermission"),
  },
  {
    kind: "Duration",
    path: ["actionContext", "References", "Permission", "Duration"],
    value: fc.oneof(fc.constantFrom(-5, 0, "forever", "1.5", ""), notString),
    names: /Duration/,
    applies: (action) => isGrantRevoke(action) && family(action) === "litigationHold",
  },
  {
    kind: "Operation",
    path: ["actionContext", "Operation"],
    value: fc.oneof(fc.constantFrom<Value>(DELETE, "delete", "Grant!", ""), notString),
    names: /Operation/,
    applies: (action) => slot(action) === "subPermissions",
  },
  {
    kind: "Contracts",
    path: ["personContext", "Person", "Contracts"],
    value: fc.oneof(fc.constant(DELETE), notArray),
    names: /Contracts/,
    applies: (action) => slot(action) === "subPermissions",
  },
  {
    kind: "ExternalId",
    path: ["resourceContext", "SourceData"],
    value: fc.constantFrom(
      [{ DisplayName: "No id" }],
      [{ ExternalId: "" }],
      [{ ExternalId: "A" }, { ExternalId: "  " }],
      [{ ExternalId: {} }],
    ),
    names: /ExternalId/,
    applies: (action) => slot(action) === "resources",
  },
  {
    kind: "family setting",
    path: [...CONFIG, "SharedMailboxAccessRights"],
    value: fc.constantFrom("Bogus", "Full Access;Owner", ["Owner"], ";"),
    names: /SharedMailboxAccessRights/,
    applies: inFamily("sharedMailboxes", "sharedMailboxesSeparate"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "SharedMailboxCorrelationAttribute"],
    value: fc.constantFrom("Department", "CustomAttribute16", "CustomAttribute1 -or 1"),
    names: /SharedMailboxCorrelationAttribute/,
    applies: inFamily("sharedMailboxes", "sharedMailboxesSeparate"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "SharedMailboxNameTemplate"],
    value: fc.constantFrom("smb_{Bogus}", "{DisplayName}{Secret}"),
    names: /SharedMailboxNameTemplate/,
    applies: inFamily("sharedMailboxes", "sharedMailboxesSeparate"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "GroupTypes"],
    value: fc.constantFrom("Bogus", "Distribution;Unified", [3]),
    names: /GroupTypes/,
    applies: inFamily("groups"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "GroupCorrelationAttribute"],
    value: fc.constantFrom("Department", "x"),
    names: /GroupCorrelationAttribute/,
    applies: inFamily("groups"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "FolderPermissionOptions"],
    value: fc.constantFrom(
      "not json",
      '[{"Id":"1"}]',
      '{"Id":"1"}',
      '[{"Id":"1","mailboxFolderAccessRight":"Bogus"}]',
    ),
    names: /FolderPermissionOptions/,
    applies: inFamily("folderPermission"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "RegionalConfigurationOptions"],
    value: fc.constantFrom(
      "[",
      '[{"Id":"x","Language":"xx-XX"}]',
      '[{"Id":"x","Language":"nl-NL","DateFormat":"M/d/yyyy"}]',
    ),
    names: /RegionalConfigurationOptions/,
    applies: only("regionalConfiguration/permissions", "regionalConfiguration/grantPermission"),
  },
  {
    kind: "family setting",
    path: [...CONFIG, "LitigationHoldOptions"],
    value: fc.constantFrom("nope", '[{"Id":"x","Duration":-1}]', '[{"Duration":365}]'),
    names: /LitigationHoldOptions/,
    applies: inFamily("litigationHold"),
  },
];

// ---- applying a mutation ----

function findKey(object: Record<string, unknown>, name: string): string {
  return Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
}

function mutate(input: Record<string, unknown>, path: string[], value: Value): Record<string, unknown> {
  const copy = structuredClone(input);
  let node: Record<string, unknown> = copy;
  for (const part of path.slice(0, -1)) {
    const key = findKey(node, part);
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = findKey(node, path[path.length - 1] as string);
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

/** Every key in a random letter case: PowerShell matches property names case-insensitively, and so must we. */
function recase(value: unknown, random: Random): unknown {
  if (Array.isArray(value)) return value.map((item) => recase(item, random));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const cased = random.chance(0.5)
        ? key
        : [...key].map((c) => (random.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join("");
      return [cased, recase(item, random)];
    }),
  );
}

function baseInput(entry: CatalogueEntry): Record<string, unknown> {
  const { actionContext = {}, ...rest } = structuredClone(entry.input);
  return {
    ...rest,
    actionContext: { Configuration: world.configuration(), DryRun: false, ...actionContext },
  };
}

/** Every 8-character piece of the app secret: not even part of it may be printed. */
let pieces: string[] | undefined;
function secretPieces(): string[] {
  pieces ??= Array.from({ length: world.secret.length - 7 }, (_, i) => world.secret.slice(i, i + 8));
  return pieces;
}

interface Case {
  action: string;
  kind: string;
  text: string;
  names: RegExp;
}

function caseArbitrary(): fc.Arbitrary<Case> {
  const structured = fc
    .record({ entry: fc.constantFrom(...entries), pick: fc.nat(), seed: fc.integer(), recased: fc.boolean() })
    .chain(({ entry, pick, seed, recased }) => {
      // Half the cases mutate what only this action reads (its slot's and family's fields).
      const specific = MUTATIONS.filter((m) => m.applies?.(entry.action));
      const applicable =
        specific.length > 0 && pick % 2 === 0
          ? specific
          : MUTATIONS.filter((m) => m.applies?.(entry.action) ?? true);
      const mutation = applicable[Math.floor(pick / 2) % applicable.length] as Mutation;
      return mutation.value.map((value) => {
        let input: unknown = mutate(baseInput(entry), mutation.path, value);
        if (recased) input = recase(input, new Random(seed));
        return {
          action: entry.action,
          kind: mutation.kind,
          text: JSON.stringify(input),
          names: mutation.names,
        };
      });
    });
  const malformed = fc
    .record({
      entry: fc.constantFrom(...entries),
      cut: fc.nat(),
      garbage: fc.string({ unit: "binary", maxLength: 20 }),
      how: fc.nat(6),
    })
    .map(({ entry, cut, garbage, how }) => {
      const valid = JSON.stringify(baseInput(entry));
      const quotedSecret = JSON.stringify(world.secret);
      const texts = [
        valid.slice(0, cut % valid.length),
        `${valid}${garbage}x`,
        garbage.length > 0 ? garbage : "{",
        `{"actionContext": ${garbage}`,
        valid.replace(/"/, "'"),
        // The syntax error right at the secret: the message must say where, not quote what.
        valid.replace(quotedSecret, world.secret),
        valid.replace(quotedSecret, `${quotedSecret.slice(0, 12)}${garbage}\u0001"`),
      ];
      return {
        action: entry.action,
        kind: "malformed JSON",
        text: texts[how] as string,
        names: /JSON|input/,
      };
    });
  const notAnObject = fc
    .record({ entry: fc.constantFrom(...entries), value: notObject })
    .map(({ entry, value }) => ({
      action: entry.action,
      kind: "input not an object",
      text: JSON.stringify(value),
      names: /input|actionContext/,
    }));
  const duplicateKeys = fc
    .record({ entry: fc.constantFrom(...entries), where: fc.nat(2) })
    .map(({ entry, where }) => {
      const input = baseInput(entry);
      const config = (input.actionContext as Record<string, Record<string, unknown>>).Configuration as Record<
        string,
        unknown
      >;
      // The same property twice in different case: which one wins cannot be guessed.
      if (where === 0) config.APPID = "00000000-0000-0000-0000-000000000000";
      else if (where === 1) (input as Record<string, unknown>).ACTIONCONTEXT = {};
      else config.appsecret = "other";
      return {
        action: entry.action,
        kind: "duplicate key",
        text: JSON.stringify(input),
        names: /APPID|AppId|actionContext|AppSecret/i,
      };
    });
  // A required field moved into a "__proto__" object: it must count as missing, not as given.
  const smuggled = fc
    .record({ entry: fc.constantFrom(...entries), which: fc.nat(2) })
    .map(({ entry, which }) => {
      const paths = [["actionContext"], [...CONFIG, "AppId"], ["actionContext", "References", "Account"]];
      const path = (needsAccount(entry.action) ? paths[which] : paths[which % 2]) as string[];
      const input = baseInput(entry);
      let parent: Record<string, unknown> = input;
      for (const part of path.slice(0, -1)) parent = parent[part] as Record<string, unknown>;
      const field = path[path.length - 1] as string;
      const value = parent[field] ?? fixtures.person.guid;
      delete parent[field];
      Object.defineProperty(parent, "__proto__", { value: { [field]: value }, enumerable: true });
      return {
        action: entry.action,
        kind: "__proto__ key",
        text: JSON.stringify(input),
        names: new RegExp(field),
      };
    });
  return fc.oneof(
    { weight: 1, arbitrary: smuggled },
    { weight: 12, arbitrary: structured },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: duplicateKeys },
  );
}

/** The malformed text may happen to be valid JSON (a cut at the very end); such cases are not bad input. */
function isValidJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return (
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).some((k) => k.toLowerCase() === "actioncontext")
    );
  } catch {
    return false;
  }
}

describe("bad input is refused before anything is sent", () => {
  it(`${CASES} fuzz cases over every action: exit 2 or Success false naming the field, no stack trace, zero requests`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary(), async (bad) => {
        fc.pre(!(bad.kind === "malformed JSON" && isValidJsonObject(bad.text)));
        world.simulator.clearLog();
        const outcome = await world.runText(bad.action, bad.text);
        figures.cases += 1;
        figures.byKind[bad.kind] = (figures.byKind[bad.kind] ?? 0) + 1;
        const where = `${bad.action} [${bad.kind}] exit ${outcome.exitCode}; stderr ${outcome.stderr.slice(0, 300)}; stdout ${outcome.stdout.slice(0, 300)}`;
        assert.equal(world.simulator.requestLog.length, 0, `requests were sent: ${where}`);
        const piece = secretPieces().find((p) => outcome.stdout.includes(p) || outcome.stderr.includes(p));
        assert.equal(piece, undefined, `a piece of the AppSecret in the output: ${where}`);
        assert.ok(
          !STACK_TRACE.test(outcome.stdout) && !STACK_TRACE.test(outcome.stderr),
          `a stack trace: ${where}`,
        );
        assert.ok(
          !/unexpected error/i.test(outcome.stderr + outcome.stdout),
          `an unexpected error: ${where}`,
        );
        if (outcome.exitCode === 2) {
          figures.exit2 += 1;
          assert.equal(outcome.stdout, "", `exit 2 with output: ${where}`);
          const message = outcome.stderr
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line).message as string)
            .join(" ");
          assert.match(
            message,
            new RegExp(bad.names.source, "i"),
            `the message does not name the field: ${where}`,
          );
          return;
        }
        assert.equal(outcome.exitCode, 1, `neither exit 2 nor a failure: ${where}`);
        assert.equal(outcome.output.Success, false, where);
        figures.failed += 1;
        const errors = (outcome.output.AuditLogs ?? []).filter((log: { IsError: boolean }) => log.IsError);
        assert.ok(errors.length > 0, `Success false without saying why: ${where}`);
        assert.match(
          errors.map((log: { Message: string }) => log.Message).join(" "),
          new RegExp(bad.names.source, "i"),
          `the audit does not name the field: ${where}`,
        );
      }),
      { numRuns: CASES, seed: REPLAY_SEED ?? BASE_SEED, endOnFailure: true },
    );
  });

  it("through the CLI process: exit 2, the field on stderr, nothing on stdout", () => {
    const entry = entries.find((e) => e.action === "groups/grantPermission") as CatalogueEntry;
    const base = baseInput(entry);
    const cases = [
      { text: "{not json", names: /JSON/ },
      { text: JSON.stringify({ ActionContext: [] }), names: /actionContext/ },
      { text: JSON.stringify(mutate(base, [...CONFIG, "AppId"], "not-a-guid\u0000\u202e")), names: /AppId/ },
      {
        text: JSON.stringify(mutate(base, ["actionContext", "References", "Permission"], ["x"])),
        names: /Permission/,
      },
      {
        text: JSON.stringify(recase(mutate(base, [...CONFIG, "adminapiurl"], "http://x"), new Random(1))),
        names: /AdminApiUrl/i,
      },
    ];
    world.simulator.clearLog();
    for (const bad of cases) {
      const result = spawnSync(process.execPath, ["dist/cli.js", "run", entry.action], {
        input: bad.text,
        encoding: "utf8",
      });
      transcript.add("cli stdout", result.stdout);
      transcript.add("cli stderr", result.stderr);
      figures.cases += 1;
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stdout, "");
      assert.match(result.stderr, bad.names);
      assert.ok(!STACK_TRACE.test(result.stderr), result.stderr);
    }
    assert.equal(world.simulator.requestLog.length, 0);
  });
});
