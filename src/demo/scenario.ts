// The demo's story: one person through the whole lifecycle, each step the input HelloID would hand that
// script (field-mapping values as the shipped fieldMapping.json gives them, Identifications as the
// permissions scripts list them).
import type { DemoStory } from "./tenant.js";

export interface StepContext {
  readonly story: DemoStory;
  /** actionContext.Configuration pointing at the simulator; family settings at their defaults. */
  readonly configuration: Record<string, unknown>;
  /** The account reference create returned (the mailbox Guid). */
  accountReference?: string;
}

export interface DemoStep {
  readonly title: string;
  readonly action: string;
  /** The `run` input: {actionContext, personContext?, outputContext?}. */
  input(context: StepContext): Record<string, unknown>;
  /** Takes what later steps need from this step's outputContext. */
  remember?(output: Record<string, unknown>, context: StepContext): void;
}

function reference(context: StepContext): string {
  if (!context.accountReference) throw new Error("the create step did not return an account reference");
  return context.accountReference;
}

/** actionContext for a script after create: the configuration, DryRun false and the account reference. */
function accountContext(context: StepContext, extra: Record<string, unknown> = {}) {
  return {
    Configuration: context.configuration,
    DryRun: false,
    References: { Account: reference(context), ...(extra.References as object | undefined) },
    ...Object.fromEntries(Object.entries(extra).filter(([key]) => key !== "References")),
  };
}

function person(story: DemoStory) {
  const [first, second] = story.departments;
  return {
    ExternalId: "100042",
    DisplayName: story.person.displayName,
    Name: { GivenName: "Janine", NickName: "Janine", FamilyNamePrefix: "van den", FamilyName: "Boele" },
    PrimaryContract: {
      Title: { Name: "Controller" },
      Department: { ExternalId: first.externalId, DisplayName: first.name },
    },
    PrimaryManager: { DisplayName: "Carl Dijk (CD)", Email: "carl.dijk@contoso.com" },
    Contracts: [first, second].map((department, index) => ({
      ExternalId: `C-${index + 1}`,
      Context: { InConditions: true },
      Department: { ExternalId: department.externalId, DisplayName: department.name },
      Title: { Name: "Controller" },
    })),
  };
}

export function demoSteps(): DemoStep[] {
  return [
    {
      title: "Correlate the person to her mailbox",
      action: "create",
      input: ({ story, configuration }) => ({
        actionContext: {
          Configuration: configuration,
          DryRun: false,
          // The default field mapping hides a new account until HelloID grants account access.
          Data: { HiddenFromAddressListsEnabled: "true" },
          CorrelationConfiguration: {
            Enabled: true,
            PersonField: "Person.Accounts.MicrosoftActiveDirectory.userPrincipalName",
            PersonFieldValue: story.person.userPrincipalName,
            AccountField: "UserPrincipalName",
          },
        },
        personContext: { Person: person(story) },
        outputContext: {
          Data: { guid: null, userPrincipalName: null, HiddenFromAddressListsEnabled: "true" },
        },
      }),
      remember: (output, context) => {
        if (typeof output.AccountReference === "string") context.accountReference = output.AccountReference;
      },
    },
    {
      title: "Update her mailbox from the HR data (job title, new primary address)",
      action: "update",
      input: (context) => ({
        actionContext: accountContext(context, {
          AccountCorrelated: true,
          Data: { CustomAttribute1: "Controller", EmailAddresses: ["SMTP:janine.vandenboele@contoso.com"] },
        }),
        personContext: { Person: person(context.story) },
        outputContext: { Data: { CustomAttribute1: null, EmailAddresses: null } },
      }),
    },
    {
      title: `Grant the shared mailbox [Support Desk]`,
      action: "sharedMailboxes/grantPermission",
      input: (context) => ({
        actionContext: accountContext(context, {
          Operation: "grant",
          PermissionDisplayName: "Shared Mailbox - Support Desk",
          References: { Permission: { Id: context.story.sharedMailbox.guid } },
        }),
      }),
    },
    {
      title: "Grant membership of the group [All Staff]",
      action: "groups/grantPermission",
      input: (context) => ({
        actionContext: accountContext(context, {
          Operation: "grant",
          PermissionDisplayName: "Distribution Group - All Staff",
          References: { Permission: { Id: context.story.group.guid } },
        }),
      }),
    },
    {
      title: "Dynamic permission: the shared mailboxes of her two departments",
      action: "sharedMailboxes/subPermissions",
      input: (context) => ({
        actionContext: accountContext(context, {
          Operation: "grant",
          PermissionDisplayName: "Department shared mailboxes",
          References: { Permission: { Reference: "sharedMailboxes" } },
          CurrentPermissions: [],
        }),
        personContext: { Person: person(context.story) },
      }),
    },
    {
      title: "Calendar folder permission: colleagues (Default) may read her calendar",
      action: "folderPermission/grantPermission",
      input: (context) => ({
        actionContext: accountContext(context, {
          Operation: "grant",
          PermissionDisplayName: "Mailbox folder permissions - Reviewer",
          References: {
            Permission: { Id: "3", mailboxFolderUser: "Default", mailboxFolderAccessRight: "Reviewer" },
          },
        }),
      }),
    },
    {
      title: "Regional configuration: Dutch language, formats and time zone",
      action: "regionalConfiguration/grantPermission",
      input: (context) => ({
        actionContext: accountContext(context, {
          Operation: "grant",
          PermissionDisplayName: "Mailbox Regional Configuration - NL",
          References: { Permission: { Id: "MailboxRegionalConfiguration-NL" } },
        }),
      }),
    },
    {
      title: "Disable: account access revoked, mailbox hidden from the address lists",
      action: "disable",
      input: (context) => ({
        actionContext: accountContext(context, {
          Origin: "enforcement",
          Data: { HiddenFromAddressListsEnabled: "true" },
        }),
        outputContext: { Data: { HiddenFromAddressListsEnabled: "true" } },
      }),
    },
    {
      title: "Enable: account access granted, mailbox shown in the address lists",
      action: "enable",
      input: (context) => ({
        actionContext: accountContext(context, { Data: { HiddenFromAddressListsEnabled: "false" } }),
        outputContext: { Data: { HiddenFromAddressListsEnabled: "false" } },
      }),
    },
    {
      title: "Delete: out-of-office reply set, the mailbox itself is kept",
      action: "delete",
      input: (context) => ({
        actionContext: accountContext(context, {
          Origin: "enforcement",
          Data: {
            AutoReplyState: "Enabled",
            InternalMessage:
              "Dear colleague, thank you for your message. I am no longer employed at Contoso. Your mail will be forwarded to Carl Dijk.",
            ExternalMessage:
              "Dear Sir, Madam, thank you for your email. I am no longer employed at Contoso. Your mail is automatically forwarded to my colleague Carl Dijk with mail address carl.dijk@contoso.com.",
            ExternalAudience: "All",
          },
        }),
      }),
    },
  ];
}
