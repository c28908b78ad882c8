// The demo's tenant: a generated organization (people, shared mailboxes, groups, department resources)
// plus the objects the story names, so the walk-through reads the same on every run.
import { type GroupRecord, generateTenant, type MailboxRecord, type Tenant } from "../simulator/index.js";

export interface DemoDepartment {
  externalId: string;
  name: string;
}

export interface DemoStory {
  tenant: Tenant;
  /** The person walked through the lifecycle. */
  person: MailboxRecord;
  /** Granted as a static permission. */
  sharedMailbox: MailboxRecord;
  group: GroupRecord;
  /** The person's two contracts; each department has a dynamic shared mailbox from the generator. */
  departments: readonly [DemoDepartment, DemoDepartment];
}

export function demoTenant(): DemoStory {
  // Departments DEP001.. are Finance, Human Resources, Sales, …; the first half get a dynamic shared
  // mailbox and distribution group (CustomAttribute1 = department id), as the resources action would make.
  const tenant = generateTenant({ seed: "demo", users: 60, sharedMailboxes: 10, groups: 12, departments: 8 });
  tenant.acceptedDomains.push("contoso.com");
  const person = tenant.addUserMailbox({
    name: "Janine van den Boele",
    displayName: "Janine van den Boele",
    firstName: "Janine",
    lastName: "van den Boele",
    userPrincipalName: "janine.vandenboele@contoso.com",
    emailAddresses: ["SMTP:j.vandenboele@contoso.com", "smtp:janine.vandenboele@contoso.onmicrosoft.com"],
    department: "Finance",
    company: "Contoso",
    title: "Controller",
  });
  const sharedMailbox = tenant.addSharedMailbox({
    name: "Support Desk",
    alias: "support",
    primarySmtpAddress: "support@contoso.com",
  });
  const group = tenant.addDistributionGroup({
    name: "All Staff",
    alias: "allstaff",
    primarySmtpAddress: "allstaff@contoso.com",
  });
  return {
    tenant,
    person,
    sharedMailbox,
    group,
    departments: [
      { externalId: "DEP001", name: "Finance" },
      { externalId: "DEP003", name: "Sales" },
    ],
  };
}
