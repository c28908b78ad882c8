// The typed cmdlets against the simulator's tenant: each error class comes from a real cmdlet failure.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AlreadyExistsError,
  addDistributionGroupMember,
  addMailboxFolderPermission,
  addMailboxPermission,
  addRecipientPermission,
  addSendOnBehalf,
  and,
  autoReplyText,
  BadRequestError,
  collect,
  eq,
  findDistributionGroup,
  findMailbox,
  findMailboxFolderPermission,
  getAutoReplyConfiguration,
  getCalendarFolder,
  getDistributionGroupMembers,
  getMailbox,
  getMailboxPermissions,
  getRegionalConfiguration,
  listDistributionGroups,
  listMailboxes,
  listRecipientPermissions,
  NotFoundError,
  NotMemberError,
  newDistributionGroup,
  newSharedMailbox,
  removeDistributionGroupMember,
  removeMailboxFolderPermission,
  removeMailboxPermission,
  removeRecipientPermission,
  removeSendOnBehalf,
  setAutoReplyConfiguration,
  setDistributionGroup,
  setMailbox,
  setMailboxFolderPermission,
  setRegionalConfiguration,
} from "../../src/exchange/index.js";
import { simulatorFixture } from "./harness.js";

describe("typed cmdlets against the simulator", () => {
  const fixture = simulatorFixture();
  const upn = (name: string) => `${name}@${fixture.simulator.organization}`;
  before(async () => {
    const { tenant } = await fixture.start();
    tenant.addUserMailbox({ name: "ann", userPrincipalName: "ann@contoso.onmicrosoft.com" });
    tenant.addUserMailbox({ name: "bob", userPrincipalName: "bob@contoso.onmicrosoft.com" });
    tenant.addUserMailbox({
      name: "obrien",
      displayName: "Pat O'Brien",
      userPrincipalName: "obrien@contoso.onmicrosoft.com",
    });
    tenant.addUserMailbox({
      name: "joost",
      userPrincipalName: "joost@contoso.onmicrosoft.com",
      language: "nl-NL",
    });
    tenant.addSharedMailbox({ name: "sales-box", primarySmtpAddress: "sales-box@contoso.onmicrosoft.com" });
    tenant.addDistributionGroup({ name: "Sales", primarySmtpAddress: "sales@contoso.onmicrosoft.com" });
    tenant.addDistributionGroup({ name: "Synced", isDirSynced: true });
  });
  after(() => fixture.stop());

  describe("mailboxes and recipients", () => {
    it("gets a mailbox by identity, or NotFoundError about the identity", async () => {
      const client = fixture.client();
      assert.equal((await getMailbox(client, upn("ann"))).Name, "ann");
      await assert.rejects(getMailbox(client, "ghost@contoso.onmicrosoft.com"), (error: unknown) => {
        assert.ok(error instanceof NotFoundError);
        assert.equal(error.subject, "identity");
        assert.equal(error.objectValue, "ghost@contoso.onmicrosoft.com");
        assert.equal(error.status, 404);
        return true;
      });
      assert.equal(await findMailbox(client, "ghost"), null);
    });

    it("finds by a quoted OPATH filter, also with a quote in the value", async () => {
      const client = fixture.client();
      const rows = await collect(
        listMailboxes(client, {
          Filter: and(eq("DisplayName", "Pat O'Brien"), eq("RecipientTypeDetails", "UserMailbox")),
        }),
      );
      assert.deepEqual(
        rows.map((row) => row.Name),
        ["obrien"],
      );
      const injection = await collect(listMailboxes(client, { Filter: eq("Name", "x' -or Name -like '*") }));
      assert.deepEqual(injection, []);
    });

    it("returns only the $select properties", async () => {
      const mailbox = await getMailbox(fixture.client(), "ann", {
        select: ["Guid", "HiddenFromAddressListsEnabled"],
      });
      assert.deepEqual(Object.keys(mailbox).sort(), ["Guid", "HiddenFromAddressListsEnabled"]);
    });

    it("sets a mailbox and reports a no-op as unchanged", async () => {
      const client = fixture.client();
      assert.equal((await setMailbox(client, { Identity: "ann", CustomAttribute1: "D42" })).changed, true);
      assert.equal((await setMailbox(client, { Identity: "ann", CustomAttribute1: "D42" })).changed, false);
      assert.equal((await getMailbox(client, "ann")).CustomAttribute1, "D42");
    });

    it("rejects an unknown parameter as BadRequestError", async () => {
      await assert.rejects(
        fixture
          .client()
          .invoke({ cmdlet: "Get-Mailbox", parameters: { Identity: "ann", BogusParameter: 1 } }),
        (error: unknown) =>
          error instanceof BadRequestError && error.exceptionName === "AmbiguousParameterSetException",
      );
    });

    it("creates a shared mailbox; a taken name is AlreadyExistsError", async () => {
      const client = fixture.client();
      const created = await newSharedMailbox(client, { Name: "support-box", DisplayName: "Support" });
      assert.equal(created.RecipientTypeDetails, "SharedMailbox");
      await assert.rejects(newSharedMailbox(client, { Name: "support-box" }), AlreadyExistsError);
    });
  });

  describe("permissions", () => {
    it("adds and removes FullAccess idempotently", async () => {
      const client = fixture.client();
      const grant = { Identity: "sales-box", User: upn("ann"), AutoMapping: false };
      assert.equal((await addMailboxPermission(client, grant)).changed, true);
      assert.equal((await addMailboxPermission(client, grant)).changed, false);
      const entries = await getMailboxPermissions(client, "sales-box", { User: upn("ann") });
      assert.deepEqual(entries[0]?.AccessRights, ["FullAccess"]);
      assert.equal(
        (await removeMailboxPermission(client, { Identity: "sales-box", User: upn("ann") })).changed,
        true,
      );
      assert.equal(
        (await removeMailboxPermission(client, { Identity: "sales-box", User: upn("ann") })).changed,
        false,
      );
    });

    it("adds and removes SendAs idempotently", async () => {
      const client = fixture.client();
      const grant = { Identity: "sales-box", Trustee: upn("bob") };
      assert.equal((await addRecipientPermission(client, grant)).changed, true);
      assert.equal((await addRecipientPermission(client, grant)).changed, false);
      const rows = await collect(listRecipientPermissions(client, { Identity: "sales-box" }));
      assert.ok(rows.some((row) => row.Trustee === upn("bob")));
      assert.equal((await removeRecipientPermission(client, grant)).changed, true);
      assert.equal((await removeRecipientPermission(client, grant)).changed, false);
    });

    it("adds and removes send-on-behalf without touching other delegates", async () => {
      const client = fixture.client();
      await addSendOnBehalf(client, { Identity: "sales-box", Trustee: upn("ann") });
      await addSendOnBehalf(client, { Identity: "sales-box", Trustee: upn("bob") });
      await removeSendOnBehalf(client, { Identity: "sales-box", Trustee: upn("ann") });
      assert.deepEqual(fixture.simulator.tenant.sendOnBehalf("sales-box").length, 1);
    });

    it("names the missing trustee as a NotFoundError about a parameter", async () => {
      await assert.rejects(
        addMailboxPermission(fixture.client(), {
          Identity: "sales-box",
          User: "ghost@contoso.onmicrosoft.com",
        }),
        (error: unknown) => error instanceof NotFoundError && error.subject === "parameter",
      );
    });
  });

  describe("groups", () => {
    it("adding a member twice is AlreadyExistsError; removing a non-member is NotMemberError", async () => {
      const client = fixture.client();
      const membership = { Identity: "Sales", Member: upn("ann") };
      await addDistributionGroupMember(client, membership);
      await assert.rejects(addDistributionGroupMember(client, membership), (error: unknown) => {
        assert.ok(error instanceof AlreadyExistsError);
        assert.equal(error.exceptionName, "MemberAlreadyExistsException");
        return true;
      });
      const members = await getDistributionGroupMembers(client, "Sales");
      assert.deepEqual(
        members.map((member) => member.Name),
        ["ann"],
      );
      await removeDistributionGroupMember(client, membership);
      await assert.rejects(removeDistributionGroupMember(client, membership), NotMemberError);
    });

    it("a missing member is a NotFoundError about a parameter, a missing group one about the identity", async () => {
      const client = fixture.client();
      await assert.rejects(
        addDistributionGroupMember(client, { Identity: "Sales", Member: "ghost@contoso.onmicrosoft.com" }),
        (error: unknown) => error instanceof NotFoundError && error.subject === "parameter",
      );
      await assert.rejects(
        addDistributionGroupMember(client, { Identity: "NoSuchGroup", Member: upn("ann") }),
        (error: unknown) => error instanceof NotFoundError && error.subject === "identity",
      );
      assert.equal(await findDistributionGroup(client, "NoSuchGroup"), null);
    });

    it("creates groups, lists cloud-only ones, and refuses to change a dir-synced one", async () => {
      const client = fixture.client();
      const group = await newDistributionGroup(client, { Name: "Finance", Type: "Security" });
      assert.equal(group.RecipientTypeDetails, "MailUniversalSecurityGroup");
      const cloudOnly = await collect(listDistributionGroups(client, { Filter: eq("IsDirSynced", false) }));
      assert.ok(cloudOnly.some((row) => row.Name === "Finance"));
      assert.ok(!cloudOnly.some((row) => row.Name === "Synced"));
      await assert.rejects(
        setDistributionGroup(client, { Identity: "Synced", CustomAttribute1: "x" }),
        BadRequestError,
      );
    });
  });

  describe("calendar, regional settings and auto-reply", () => {
    it("finds the localized calendar and manages its permissions", async () => {
      const client = fixture.client();
      const calendar = await getCalendarFolder(client, upn("joost"));
      assert.equal(calendar.name, "Agenda");
      assert.equal(calendar.identity, `${upn("joost")}:\\Agenda`);
      const entry = { Identity: calendar.identity, User: upn("ann"), AccessRights: ["Reviewer"] };
      await assert.rejects(setMailboxFolderPermission(client, entry), NotMemberError);
      assert.equal(await findMailboxFolderPermission(client, calendar.identity, upn("ann")), null);
      await addMailboxFolderPermission(client, entry);
      await assert.rejects(addMailboxFolderPermission(client, entry), AlreadyExistsError);
      await setMailboxFolderPermission(client, { ...entry, AccessRights: ["Editor"] });
      assert.deepEqual(
        (await findMailboxFolderPermission(client, calendar.identity, upn("ann")))?.AccessRights,
        ["Editor"],
      );
      await removeMailboxFolderPermission(client, { Identity: calendar.identity, User: upn("ann") });
      await assert.rejects(
        removeMailboxFolderPermission(client, { Identity: calendar.identity, User: upn("ann") }),
        NotMemberError,
      );
    });

    it("sets regional settings and rejects a date format that does not fit the language", async () => {
      const client = fixture.client();
      await setRegionalConfiguration(client, {
        Identity: "bob",
        Language: "nl-NL",
        DateFormat: "d-M-yyyy",
        TimeZone: "W. Europe Standard Time",
      });
      const regional = await getRegionalConfiguration(client, "bob");
      assert.equal(regional.Language, "nl-NL");
      await assert.rejects(
        setRegionalConfiguration(client, { Identity: "bob", Language: "nl-NL", DateFormat: "MM/dd/yyyy" }),
        BadRequestError,
      );
    });

    it("sets an auto-reply and reads its text back", async () => {
      const client = fixture.client();
      await setAutoReplyConfiguration(client, {
        Identity: "bob",
        AutoReplyState: "Enabled",
        InternalMessage: "Left the company",
        ExternalMessage: "Left the company",
        ExternalAudience: "All",
      });
      const reply = await getAutoReplyConfiguration(client, "bob");
      assert.equal(reply.AutoReplyState, "Enabled");
      assert.equal(autoReplyText(reply.InternalMessage), "Left the company");
      assert.equal(autoReplyText(null), "");
    });
  });
});
