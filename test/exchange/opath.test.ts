import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  and,
  anyEq,
  eq,
  like,
  ne,
  not,
  notLike,
  type OpathFilter,
  opathLiteral,
  or,
} from "../../src/exchange/opath.js";

describe("OPATH builder", () => {
  it("quotes text values and doubles single quotes", () => {
    assert.equal(eq("DisplayName", "O'Brien"), "DisplayName -eq 'O''Brien'");
    assert.equal(opathLiteral("''"), "''''''");
  });

  it("keeps an injection attempt inside one quoted value", () => {
    assert.equal(eq("Name", "x' -or Name -like '*"), "Name -eq 'x'' -or Name -like ''*'");
    // PowerShell ends a '-string at typographic single quotes too, so they are doubled as well.
    assert.equal(eq("Name", "x’ -or Name -like ‘*"), "Name -eq 'x’’ -or Name -like ‘‘*'");
  });

  it("renders booleans as 'True'/'False' (never $true/$false, as the module), null and integers", () => {
    assert.equal(eq("HiddenFromAddressListsEnabled", true), "HiddenFromAddressListsEnabled -eq 'True'");
    assert.equal(ne("IsDirSynced", false), "IsDirSynced -ne 'False'");
    assert.equal(eq("CustomAttribute1", null), "CustomAttribute1 -eq $null");
    assert.equal(eq("Count", 42), "Count -eq 42");
    assert.throws(() => eq("Count", 1.5), TypeError);
  });

  it("leaves wildcards to the caller but still quotes the pattern", () => {
    assert.equal(like("Alias", "sales*"), "Alias -like 'sales*'");
    assert.equal(notLike("Alias", "it's*"), "Alias -notlike 'it''s*'");
  });

  it("parenthesizes every operand of -and / -or and the operand of -not", () => {
    const filter = and(eq("RecipientTypeDetails", "SharedMailbox"), or(eq("A", "1"), eq("B", "2")));
    assert.equal(filter, "(RecipientTypeDetails -eq 'SharedMailbox') -and ((A -eq '1') -or (B -eq '2'))");
    assert.equal(not(eq("IsDirSynced", true)), "-not (IsDirSynced -eq 'True')");
    assert.equal(and(eq("A", "1")), "A -eq '1'");
    assert.throws(() => and(), RangeError);
  });

  it("builds one -or query for many values", () => {
    assert.equal(
      anyEq("CustomAttribute1", ["D1", "D'2"]),
      "(CustomAttribute1 -eq 'D1') -or (CustomAttribute1 -eq 'D''2')",
    );
    assert.equal(anyEq("CustomAttribute1", ["D1"]), "CustomAttribute1 -eq 'D1'");
    assert.throws(() => anyEq("CustomAttribute1", []), RangeError);
  });

  it("rejects property names that are not plain identifiers", () => {
    for (const bad of ["", "1Name", "Name -or 1", "Name'", "Display Name", "a.b"]) {
      assert.throws(() => eq(bad, "x"), TypeError, bad);
    }
  });

  it("does not accept a raw string where a filter is required", () => {
    const takesFilter = (filter: OpathFilter) => filter;
    // @ts-expect-error: a plain string is not an OpathFilter
    takesFilter("Name -eq 'x'");
    assert.equal(takesFilter(eq("Name", "x")), "Name -eq 'x'");
  });
});
