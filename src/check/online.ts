// The online part of the readiness check: the token, then one small read per cmdlet group the actions
// use. Nothing here writes: every probe is a Get- cmdlet limited to one object.
import {
  type ExchangeClient,
  getAutoReplyConfiguration,
  getCalendarFolder,
  getDistributionGroupMembers,
  getMailboxFolderPermissions,
  getMailboxPermissions,
  getRegionalConfiguration,
  listDistributionGroups,
  listMailboxes,
  listRecipientPermissions,
} from "../exchange/index.js";
import { GRANT_MANAGE_AS_APP, whatToChange } from "./fixes.js";
import { type CheckResult, failed, passed, skipped } from "./result.js";

const MANAGE_AS_APP = "Exchange.ManageAsApp";
/** One name whether it ran or was skipped (a JSON reader keys on it); the message names the credential. */
const TOKEN_CHECK = "Token";
const ROLE_CHECK = `${MANAGE_AS_APP} permission`;

async function attempt(name: string, run: () => Promise<string>): Promise<CheckResult> {
  try {
    return passed(name, await run());
  } catch (error) {
    const { problem, change } = whatToChange(error);
    return failed(name, problem, change);
  }
}

/** The token, and the Exchange.ManageAsApp role in it; false when the probes cannot succeed without it. */
export async function tokenChecks(
  client: ExchangeClient,
  credential: "client secret" | "certificate",
): Promise<{ checks: CheckResult[]; usable: boolean }> {
  let roles: string[] | undefined;
  const token = await attempt(TOKEN_CHECK, async () => {
    ({ roles } = await client.tokenRoles());
    return `Entra ID issued an Exchange Online token to the app with its ${credential}`;
  });
  const role = ROLE_CHECK;
  if (!token.ok) return { checks: [token, skipped(role, "Not checked: no token.", false)], usable: false };
  if (roles === undefined) {
    return { checks: [token, skipped(role, "Not checked: the token is not a readable JWT.")], usable: true };
  }
  if (!roles.includes(MANAGE_AS_APP)) {
    const held = roles.length ? `only ${roles.join(", ")}` : "no application permission";
    return {
      checks: [token, failed(role, `The token carries ${held}, not ${MANAGE_AS_APP}.`, GRANT_MANAGE_AS_APP)],
      usable: false,
    };
  }
  return { checks: [token, passed(role, `The token carries the ${MANAGE_AS_APP} role`)], usable: true };
}

interface Probe {
  name: string;
  /** Runs the read and says what it found; `mailbox`/`group` are the objects the first reads found. */
  read(client: ExchangeClient, found: Found): Promise<string>;
  /** What the probe needs of the earlier reads. */
  needs?: keyof Found;
  /** What the probe finds for the later ones. */
  provides?: keyof Found;
}

interface Found {
  mailbox?: string;
  group?: string;
}

/** The cmdlet groups the actions use, one small read each, in the order the families need them. */
const PROBES: readonly Probe[] = [
  {
    name: "Mailboxes",
    provides: "mailbox",
    async read(client, found) {
      const [mailbox] = (await client.invoke(listMailboxes.asCall({ ResultSize: 1 }))).rows;
      found.mailbox = mailbox?.Guid ?? mailbox?.UserPrincipalName ?? undefined;
      return found.mailbox
        ? "Get-Mailbox read one mailbox (accounts, shared mailboxes, litigation holds)"
        : "Get-Mailbox answered: no mailbox in the tenant";
    },
  },
  {
    name: "Auto-reply",
    needs: "mailbox",
    async read(client, found) {
      await getAutoReplyConfiguration(client, found.mailbox as string);
      return "Get-MailboxAutoReplyConfiguration read one mailbox (the delete action)";
    },
  },
  {
    name: "Mailbox permissions",
    needs: "mailbox",
    async read(client, found) {
      await getMailboxPermissions(client, found.mailbox as string);
      return "Get-MailboxPermission read one mailbox (Full Access on shared mailboxes)";
    },
  },
  {
    name: "Send As",
    needs: "mailbox",
    async read(client, found) {
      await client.invoke(listRecipientPermissions.asCall({ Identity: found.mailbox as string }));
      return "Get-RecipientPermission read one mailbox (Send As on shared mailboxes)";
    },
  },
  {
    name: "Groups",
    provides: "group",
    async read(client, found) {
      const [group] = (await client.invoke(listDistributionGroups.asCall({ ResultSize: 1 }))).rows;
      found.group = group?.Guid ?? undefined;
      return found.group
        ? "Get-DistributionGroup read one group (group permissions)"
        : "Get-DistributionGroup answered: no group in the tenant";
    },
  },
  {
    name: "Group members",
    needs: "group",
    async read(client, found) {
      await getDistributionGroupMembers(client, found.group as string);
      return "Get-DistributionGroupMember read one group (group imports)";
    },
  },
  {
    name: "Calendar permissions",
    needs: "mailbox",
    async read(client, found) {
      const calendar = await getCalendarFolder(client, found.mailbox as string);
      await getMailboxFolderPermissions(client, calendar.identity);
      return "Get-MailboxFolderStatistics and Get-MailboxFolderPermission read one calendar (calendar permissions)";
    },
  },
  {
    name: "Regional settings",
    needs: "mailbox",
    async read(client, found) {
      await getRegionalConfiguration(client, found.mailbox as string);
      return "Get-MailboxRegionalConfiguration read one mailbox (regional settings)";
    },
  },
];

export async function probeChecks(client: ExchangeClient): Promise<CheckResult[]> {
  const found: Found = {};
  const checks: CheckResult[] = [];
  const failedReads: Partial<Record<keyof Found, string>> = {};
  for (const probe of PROBES) {
    if (probe.needs && !found[probe.needs]) {
      const failedRead = failedReads[probe.needs];
      const reason = failedRead ? `the ${failedRead} read failed` : `no ${probe.needs} to read`;
      checks.push(skipped(probe.name, `Not checked: ${reason}.`, failedRead === undefined));
      continue;
    }
    const check = await attempt(probe.name, () => probe.read(client, found));
    if (!check.ok && probe.provides) failedReads[probe.provides] = probe.name;
    checks.push(check);
  }
  return checks;
}

/** Every online check, not run: the token could not be requested (or was unusable). */
export function skippedOnline(reason: string, withToken: boolean): CheckResult[] {
  const names = [...(withToken ? [TOKEN_CHECK, ROLE_CHECK] : []), ...PROBES.map((probe) => probe.name)];
  return names.map((name) => skipped(name, reason, false));
}
