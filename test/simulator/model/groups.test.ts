import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertCmdletError, fixClock, ORG, run, smallTenant } from "./helpers.js";

const BYPASS = { BypassSecurityGroupManagerCheck: true };

describe("Get-DistributionGroup", () => {
  const tenant = smallTenant();

  it("returns group rows with the right types and annotations", () => {
    const rows = run(tenant, "Get-DistributionGroup", { ResultSize: "Unlimited" }).rows;
    assert.deepEqual(
      rows.map((r) => [r.Name, r.RecipientType, r.RecipientTypeDetails, r.IsDirSynced]),
      [
        ["All Staff", "MailUniversalDistributionGroup", "MailUniversalDistributionGroup", false],
        ["Approvers", "MailUniversalSecurityGroup", "MailUniversalSecurityGroup", false],
        ["Synced Group", "MailUniversalDistributionGroup", "MailUniversalDistributionGroup", true],
      ],
    );
    assert.equal(rows[0]?.["Guid@odata.type"], "#Guid");
    assert.deepEqual(rows[0]?.ManagedBy, []);
  });

  it("filters cloud-only groups the way the connector lists them", () => {
    const rows = run(tenant, "Get-DistributionGroup", {
      Filter: "IsDirSynced -eq 'False'",
      ResultSize: "Unlimited",
    }).rows;
    assert.deepEqual(
      rows.map((r) => r.Name),
      ["All Staff", "Approvers"],
    );
    assertCmdletError(
      () => run(tenant, "Get-DistributionGroup", { Filter: "UserPrincipalName -eq 'x'" }),
      400,
      "ParameterBindingException",
      "is not a recognized filterable property",
    );
  });

  it("lists members as recipient rows", () => {
    const rows = run(tenant, "Get-DistributionGroupMember", { Identity: "All Staff" }).rows;
    assert.deepEqual(
      rows.map((r) => [r.Name, r.PrimarySmtpAddress, r.RecipientTypeDetails]),
      [
        ["Alice Smith", `alice@${ORG}`, "UserMailbox"],
        ["Jan de Vries", `jan.devries@${ORG}`, "UserMailbox"],
      ],
    );
  });
});

describe("group membership", () => {
  it("adds and removes members; already a member / not a member are 400s", () => {
    const tenant = smallTenant();
    assert.deepEqual(
      run(tenant, "Add-DistributionGroupMember", { Identity: "Approvers", Member: "alice", ...BYPASS }),
      {
        rows: [],
        warnings: [],
      },
    );
    assert.deepEqual(tenant.groupMembers("approvers"), [`alice@${ORG}`]);
    assertCmdletError(
      () => run(tenant, "Add-DistributionGroupMember", { Identity: "Approvers", Member: "alice", ...BYPASS }),
      400,
      "Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException",
      'The recipient "alice" is already a member of the group "Approvers".',
    );
    run(tenant, "Remove-DistributionGroupMember", {
      Identity: "Approvers",
      Member: "alice",
      Confirm: false,
      ...BYPASS,
    });
    assert.deepEqual(tenant.groupMembers("approvers"), []);
    assertCmdletError(
      () =>
        run(tenant, "Remove-DistributionGroupMember", { Identity: "Approvers", Member: "alice", ...BYPASS }),
      400,
      "Microsoft.Exchange.Management.Tasks.MemberNotFoundException",
      'The recipient "alice" isn\'t a member of the group "Approvers".',
    );
  });

  it("requires BypassSecurityGroupManagerCheck, a known member and a cloud group", () => {
    const tenant = smallTenant();
    assertCmdletError(
      () => run(tenant, "Add-DistributionGroupMember", { Identity: "Approvers", Member: "alice" }),
      400,
      "OperationRequiresGroupManagerException",
    );
    assertCmdletError(
      () => run(tenant, "Add-DistributionGroupMember", { Identity: "Approvers", Member: "ghost", ...BYPASS }),
      400,
      "ManagementObjectNotFoundException",
      'Couldn\'t find object "ghost"',
    );
    assertCmdletError(
      () => run(tenant, "Add-DistributionGroupMember", { Identity: "ghost", Member: "alice", ...BYPASS }),
      404,
      "ManagementObjectNotFoundException",
    );
    assertCmdletError(
      () =>
        run(tenant, "Add-DistributionGroupMember", { Identity: "Synced Group", Member: "alice", ...BYPASS }),
      400,
      "TaskException",
      "because the object is being synchronized from your on-premises organization",
    );
  });
});

describe("Set-DistributionGroup / New-DistributionGroup", () => {
  it("sets custom attributes, warns on no-op and refuses dir-synced groups naming the property", () => {
    const tenant = smallTenant();
    run(tenant, "Set-DistributionGroup", { Identity: "allstaff", CustomAttribute1: "DEP009", ...BYPASS });
    assert.equal(tenant.findRecipient("allstaff")?.customAttributes[0], "DEP009");
    const again = run(tenant, "Set-DistributionGroup", {
      Identity: "allstaff",
      CustomAttribute1: "DEP009",
      ...BYPASS,
    });
    assert.deepEqual(again.warnings, [
      "The command completed successfully but no settings of 'All Staff' have been modified.",
    ]);
    assertCmdletError(
      () => run(tenant, "Set-DistributionGroup", { Identity: "synced", CustomAttribute1: "x", ...BYPASS }),
      400,
      "TaskException",
      "The action 'Set-DistributionGroup', 'CustomAttribute1', can't be performed on the object 'Synced Group' because the object is being synchronized from your on-premises organization.",
    );
  });

  it("creates groups of both types and refuses taken names", () => {
    const tenant = smallTenant();
    fixClock(tenant);
    const [dl] = run(tenant, "New-DistributionGroup", {
      Name: "Sales Team",
      Alias: "salesteam",
      PrimarySmtpAddress: "sales@contoso.com",
      Type: "Distribution",
    }).rows;
    assert.equal(dl?.RecipientTypeDetails, "MailUniversalDistributionGroup");
    assert.equal(dl?.PrimarySmtpAddress, "sales@contoso.com");
    const [sg] = run(tenant, "New-DistributionGroup", { Name: "Sec Team", Type: "security" }).rows;
    assert.equal(sg?.RecipientType, "MailUniversalSecurityGroup");
    assert.equal(sg?.Alias, "SecTeam");
    assertCmdletError(
      () => run(tenant, "New-DistributionGroup", { Name: "All Staff", Alias: "x" }),
      400,
      "ADObjectAlreadyExistsException",
    );
    assertCmdletError(
      () => run(tenant, "New-DistributionGroup", { Name: "Other", PrimarySmtpAddress: "sales@contoso.com" }),
      400,
      "ProxyAddressExistsException",
    );
    assertCmdletError(
      () => run(tenant, "New-DistributionGroup", { Name: "Other", Type: "Dynamic" }),
      400,
      "ParameterTransformationException",
    );
  });

  it("models RoomList groups", () => {
    const tenant = smallTenant();
    tenant.addDistributionGroup({ name: "Rooms", alias: "rooms", roomList: true });
    const rows = run(tenant, "Get-DistributionGroup", { RecipientTypeDetails: "RoomList" }).rows;
    assert.deepEqual(
      rows.map((r) => [r.Name, r.RecipientType]),
      [["Rooms", "MailUniversalDistributionGroup"]],
    );
  });
});
