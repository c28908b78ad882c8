import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CmdletError,
  cmdletNames,
  invokeCmdlet,
  isKnownCmdlet,
  isWriteCmdlet,
  UnknownCmdletError,
} from "../../../src/simulator/cmdlets/index.js";
import { assertCmdletError, run, smallTenant } from "./helpers.js";

const CONTRACT = [
  "Get-Mailbox",
  "Set-Mailbox",
  "New-Mailbox",
  "Get-Recipient",
  "Get-MailboxAutoReplyConfiguration",
  "Set-MailboxAutoReplyConfiguration",
  "Get-MailboxPermission",
  "Add-MailboxPermission",
  "Remove-MailboxPermission",
  "Get-RecipientPermission",
  "Add-RecipientPermission",
  "Remove-RecipientPermission",
  "Get-DistributionGroup",
  "New-DistributionGroup",
  "Set-DistributionGroup",
  "Get-DistributionGroupMember",
  "Add-DistributionGroupMember",
  "Remove-DistributionGroupMember",
  "Get-MailboxFolderStatistics",
  "Get-MailboxFolderPermission",
  "Add-MailboxFolderPermission",
  "Set-MailboxFolderPermission",
  "Remove-MailboxFolderPermission",
  "Get-MailboxRegionalConfiguration",
  "Set-MailboxRegionalConfiguration",
];

describe("cmdlet dispatch", () => {
  it("implements every cmdlet of docs/CMDLETS.md, case-insensitively", () => {
    assert.deepEqual([...cmdletNames()].sort(), [...CONTRACT].sort());
    assert.ok(isKnownCmdlet("get-MAILBOX"));
    assert.ok(!isKnownCmdlet("Remove-Mailbox"));
  });

  it("classifies everything but Get-* as a write", () => {
    assert.equal(isWriteCmdlet("Get-Mailbox"), false);
    assert.equal(isWriteCmdlet("set-mailbox"), true);
    assert.equal(isWriteCmdlet("Remove-Mailbox"), true);
  });

  it("throws UnknownCmdletError (a 403 CmdletError) for an unknown cmdlet", () => {
    assert.throws(
      () => invokeCmdlet(smallTenant(), "Remove-Mailbox", { Identity: "alice" }),
      (error: unknown) =>
        error instanceof UnknownCmdletError && error instanceof CmdletError && error.status === 403,
    );
  });

  it("accepts omitted Parameters and the common parameters", () => {
    const tenant = smallTenant();
    assert.equal(invokeCmdlet(tenant, "Get-Recipient", undefined).rows.length, 7);
    const result = run(tenant, "Set-Mailbox", {
      Identity: "alice",
      Office: "HQ",
      ErrorAction: "Stop",
      WarningAction: "SilentlyContinue",
      Confirm: false,
    });
    assert.deepEqual(result.warnings, []);
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Confirm: false }),
      400,
      "AmbiguousParameterSetException",
      "Confirm",
    );
  });

  it("rejects a parameter given twice in different casing, and malformed hashtables", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: "alice", identity: "alice" }),
      400,
      "AmbiguousParameterSetException",
    );
    assertCmdletError(
      () =>
        run(tenant, "Set-Mailbox", {
          Identity: "alice",
          EmailAddresses: { Replace: ["SMTP:a@contoso.com"] },
        }),
      400,
      "ParameterTransformationException",
    );
    assertCmdletError(
      () => run(tenant, "Get-Mailbox", { Identity: { name: "alice" } }),
      400,
      "ParameterTransformationException",
    );
  });

  it("ignores `<Name>@odata.type` annotations of known parameters", () => {
    const tenant = smallTenant();
    const rows = run(tenant, "Get-Mailbox", {
      RecipientTypeDetails: ["SharedMailbox"],
      "RecipientTypeDetails@odata.type": "#Collection(String)",
    }).rows;
    assert.equal(rows.length, 1);
  });
});
