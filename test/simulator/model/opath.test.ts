import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compileFilter,
  type FilterProperty,
  filterSchema,
  OpathError,
  parseFilter,
} from "../../../src/simulator/opath.js";

interface Item {
  name: string;
  hidden: boolean;
  guid: string;
  size: number;
  proxies: string[];
  tags: string[];
  note: string;
}

const schema = filterSchema<Item>([
  { name: "Name", type: "string", get: (i) => i.name },
  { name: "Note", type: "string", get: (i) => i.note },
  { name: "Hidden", type: "bool", get: (i) => i.hidden },
  { name: "Guid", type: "guid", get: (i) => i.guid },
  { name: "Size", type: "int", get: (i) => i.size },
  { name: "EmailAddresses", type: "proxies", get: (i) => i.proxies },
  { name: "PrimarySmtpAddress", type: "smtpAddresses", get: (i) => i.proxies },
  { name: "Tags", type: "multi", get: (i) => i.tags },
  {
    name: "Kind",
    type: "enum",
    values: ["UserMailbox", "SharedMailbox"],
    get: () => "SharedMailbox",
  } as FilterProperty<Item>,
]);

const items: Item[] = [
  {
    name: "O'Brien",
    hidden: false,
    guid: "aaaaaaaa-0000-4000-8000-000000000001",
    size: 5,
    proxies: ["SMTP:sean@contoso.com", "smtp:s.obrien@contoso.com", "SIP:sean@contoso.com"],
    tags: ["red", "blue"],
    note: "",
  },
  {
    name: "Alice",
    hidden: true,
    guid: "aaaaaaaa-0000-4000-8000-000000000002",
    size: 10,
    proxies: ["SMTP:alice@contoso.com"],
    tags: [],
    note: "vip",
  },
  {
    name: "x' -or Name -like '*",
    hidden: false,
    guid: "aaaaaaaa-0000-4000-8000-000000000003",
    size: 20,
    proxies: ["SMTP:weird@contoso.com"],
    tags: ["green"],
    note: "",
  },
];

function names(filter: string): string[] {
  const predicate = compileFilter(filter, schema);
  return items.filter(predicate).map((i) => i.name);
}

function rejects(filter: string, pattern: RegExp): void {
  assert.throws(
    () => compileFilter(filter, schema),
    (error: unknown) => {
      assert.ok(error instanceof OpathError);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe("OPATH parser", () => {
  it("parses precedence: -not binds tighter than -and, -and tighter than -or", () => {
    const tree = parseFilter("Name -eq 'a' -or Name -eq 'b' -and -not Hidden -eq 'True'");
    assert.equal(tree.kind, "or");
    assert.equal(tree.kind === "or" && tree.right.kind, "and");
  });

  it("reads doubled quotes as one quote in single- and double-quoted strings", () => {
    const tree = parseFilter(`Name -eq 'O''Brien' -or Name -eq "say ""hi"""`);
    assert.ok(tree.kind === "or" && tree.left.kind === "compare" && tree.right.kind === "compare");
    assert.equal(tree.left.value, "O'Brien");
    assert.equal(tree.right.value, 'say "hi"');
  });

  it("takes typographic quotes as PowerShell does: ‘ ’ ‚ ‛ close a '-string, doubled they are literal", () => {
    const tree = parseFilter("Name -eq ‘O’’Brien’ -or Name -eq “say hi”");
    assert.ok(tree.kind === "or" && tree.left.kind === "compare" && tree.right.kind === "compare");
    assert.equal(tree.left.value, "O’Brien");
    assert.equal(tree.right.value, "say hi");
    // An undoubled ’ ends the value: what follows is filter syntax, not data.
    const injected = parseFilter("Name -eq 'x’ -or Name -like ’*'");
    assert.equal(injected.kind, "or");
  });

  it("rejects unterminated quotes, stray tokens, bare words and unknown operators with a position", () => {
    rejects("Name -eq 'abc", /Invalid filter syntax.*at position 10/);
    rejects("Name -eq 'a' 'b'", /at position 14/);
    rejects("Name -eq abc", /at position 10/);
    rejects("Name -contains 'a'", /at position 6/);
    rejects("(Name -eq 'a'", /at position 14/);
    rejects("Name -eq 'a')", /at position 13/);
    rejects("", /at position 1/);
    rejects("Name -eq $maybe", /at position 10/);
  });
});

describe("OPATH evaluation", () => {
  it("matches O'Brien only when quoted with a doubled quote", () => {
    assert.deepEqual(names("Name -eq 'O''Brien'"), ["O'Brien"]);
    assert.deepEqual(names("Name -eq 'o''brien'"), ["O'Brien"], "string comparison is case-insensitive");
  });

  it("treats an injection attempt inside a properly quoted value as a literal", () => {
    const value = "x' -or Name -like '*";
    const quoted = `'${value.replaceAll("'", "''")}'`;
    assert.deepEqual(names(`Name -eq ${quoted}`), [value]);
    assert.deepEqual(names(`Note -eq ${quoted}`), [], "matches nothing on another property");
  });

  it("supports * wildcards anywhere with -like and -notlike", () => {
    assert.deepEqual(names("Name -like 'al*'"), ["Alice"]);
    assert.deepEqual(names("Name -like '*ic*'"), ["Alice"]);
    assert.deepEqual(names("Name -like 'O*n'"), ["O'Brien"]);
    assert.deepEqual(names("Name -notlike '*ic*'"), ["O'Brien", "x' -or Name -like '*"]);
    assert.deepEqual(names("Name -like 'a.ice'"), [], "regex characters are literal");
  });

  it("compares booleans with the 'True'/'False' strings the module sends, and refuses $true/$false", () => {
    assert.deepEqual(names("Hidden -eq 'True'"), ["Alice"]);
    rejects("Hidden -eq $true", /'\$true' is not expanded by the REST service; write 'True'/);
    rejects("Hidden -ne $false", /'\$false' is not expanded/);
    assert.deepEqual(names("Hidden -eq 'False'"), ["O'Brien", "x' -or Name -like '*"]);
    assert.deepEqual(names("Hidden -ne 'true'"), ["O'Brien", "x' -or Name -like '*"]);
    rejects("Hidden -eq 'maybe'", /could not be converted to type System.Boolean/);
    rejects("Hidden -like 'T*'", /-like/);
  });

  it("tests blank values with $null", () => {
    assert.deepEqual(names("Note -eq $null"), ["O'Brien", "x' -or Name -like '*"]);
    assert.deepEqual(names("Note -ne $null"), ["Alice"]);
    assert.deepEqual(names("Tags -eq $null"), ["Alice"]);
  });

  it("evaluates -not, -and, -or and parentheses", () => {
    assert.deepEqual(names("-not (Name -eq 'Alice')"), ["O'Brien", "x' -or Name -like '*"]);
    assert.deepEqual(names("(Name -eq 'Alice' -or Size -eq 5) -and Hidden -eq 'False'"), ["O'Brien"]);
    assert.deepEqual(names("Name -eq 'Alice' -or Size -eq 5 -and Hidden -eq 'True'"), ["Alice"]);
  });

  it("orders numbers and text with -lt -gt -le -ge", () => {
    assert.deepEqual(names("Size -gt 5"), ["Alice", "x' -or Name -like '*"]);
    assert.deepEqual(names("Size -le '10'"), ["O'Brien", "Alice"]);
    assert.deepEqual(names("Name -lt 'B'"), ["Alice"]);
    rejects("Hidden -lt 'True'", /-lt/);
  });

  it("matches EmailAddresses on any proxy: -eq without the prefix, wildcards against the prefixed value", () => {
    assert.deepEqual(names("EmailAddresses -eq 's.obrien@contoso.com'"), ["O'Brien"]);
    assert.deepEqual(names("EmailAddresses -eq 'smtp:S.OBRIEN@contoso.com'"), ["O'Brien"]);
    assert.deepEqual(names("EmailAddresses -like 'sip:*'"), ["O'Brien"]);
    assert.deepEqual(names("EmailAddresses -like 'alice*'"), [], "a wildcard pattern sees the prefix");
    assert.deepEqual(names("EmailAddresses -like 'smtp:alice*'"), ["Alice"]);
  });

  it("matches PrimarySmtpAddress against every SMTP proxy, as Exchange documents", () => {
    assert.deepEqual(names("PrimarySmtpAddress -eq 's.obrien@contoso.com'"), ["O'Brien"]);
    assert.deepEqual(names("PrimarySmtpAddress -like 'sean@*'"), ["O'Brien"]);
  });

  it("matches multi-valued properties when any value matches", () => {
    assert.deepEqual(names("Tags -eq 'BLUE'"), ["O'Brien"]);
    assert.deepEqual(names("Tags -ne 'blue'"), ["Alice", "x' -or Name -like '*"]);
  });

  it("validates GUID and enum values", () => {
    assert.deepEqual(names("Guid -eq 'AAAAAAAA-0000-4000-8000-000000000002'"), ["Alice"]);
    rejects("Guid -eq 'not-a-guid'", /System.Guid/);
    assert.equal(names("Kind -eq 'sharedmailbox'").length, 3);
    rejects("Kind -eq 'Mailbox'", /could not be converted/);
  });

  it("rejects properties that are not filterable", () => {
    rejects("Department -eq 'x'", /"Department" is not a recognized filterable property/);
  });
});
