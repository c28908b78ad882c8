import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyWarning, hasWarning, isNoOp } from "../../src/exchange/warnings.js";

describe("warning classification", () => {
  it("recognises Exchange's idempotent outcomes (docs/CMDLETS.md)", () => {
    assert.equal(
      classifyWarning(
        'The appropriate access control entry is already present on the object "Sales" for account "a@contoso.com".',
      ),
      "aceAlreadyPresent",
    );
    assert.equal(
      classifyWarning(
        `Can't remove the access control entry on the object "Sales" for account "a@contoso.com" because the ACE doesn't exist on the object.`,
      ),
      "aceNotPresent",
    );
    assert.equal(
      classifyWarning(
        "The command completed successfully but no settings of 'contoso\\Sales' have been modified.",
      ),
      "noChange",
    );
    assert.equal(
      classifyWarning(
        "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.",
      ),
      "moreResults",
    );
    assert.equal(classifyWarning("Something else entirely."), "other");
  });

  it("says whether a write changed nothing", () => {
    assert.equal(isNoOp([]), false);
    assert.equal(isNoOp(["Something else."]), false);
    assert.equal(
      isNoOp(["The command completed successfully but no settings of 'x' have been modified."]),
      true,
    );
    assert.equal(
      hasWarning(["a", "There are more results available than are currently displayed."], "moreResults"),
      true,
    );
  });
});
