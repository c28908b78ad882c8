// Get/Set-MailboxAutoReplyConfiguration. Messages are stored and returned HTML-wrapped, as Exchange does.
import type { AutoReplyConfig, MailboxRecord, Tenant } from "../tenant/index.js";
import { exchangeDate } from "../tenant/time.js";
import { commit } from "./attributes.js";
import type { Cmdlet } from "./cmdlet.js";
import { badEnum, NO_SETTINGS_MODIFIED_SHORT, validation } from "./errors.js";
import type { Params } from "./parameters.js";
import { resolveMailbox } from "./resolve.js";
import { noRows } from "./results.js";

const STATES = ["Disabled", "Enabled", "Scheduled"] as const;
const AUDIENCES = ["None", "Known", "All"] as const;

function choice<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  type: string,
): T | undefined {
  const value = params.string(name);
  if (value == null) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw badEnum(name, value, type, allowed);
  return match;
}

/** Plain text gets Exchange's HTML wrapper; HTML is kept; empty means no message. */
function wrapMessage(text: string | null): string | null {
  if (text === null || text === "") return null;
  if (/^\s*<html/i.test(text)) return text;
  return `<html>\n<body>\n${text}\n</body>\n</html>\n`;
}

function apply(params: Params, draft: MailboxRecord): void {
  const config: AutoReplyConfig = draft.autoReply;
  const state = choice(params, "AutoReplyState", STATES, "Microsoft.Exchange.InfoWorker.Common.OOF.OofState");
  if (state) config.autoReplyState = state;
  const audience = choice(
    params,
    "ExternalAudience",
    AUDIENCES,
    "Microsoft.Exchange.InfoWorker.Common.OOF.ExternalAudience",
  );
  if (audience) config.externalAudience = audience;
  for (const [name, key] of [
    ["InternalMessage", "internalMessage"],
    ["ExternalMessage", "externalMessage"],
  ] as const) {
    const message = params.string(name);
    if (message !== undefined) config[key] = wrapMessage(message);
  }
  const start = params.date("StartTime");
  if (start !== undefined) config.startTime = new Date(start).toISOString();
  const end = params.date("EndTime");
  if (end !== undefined) config.endTime = new Date(end).toISOString();
  if (config.autoReplyState === "Scheduled" && Date.parse(config.endTime) <= Date.parse(config.startTime)) {
    throw validation("The end time must be later than the start time.");
  }
}

export const autoReplyCmdlets: Cmdlet[] = [
  {
    name: "Get-MailboxAutoReplyConfiguration",
    parameters: { Identity: "string" },
    run: (tenant: Tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const config = mailbox.autoReply;
      const row = {
        Identity: mailbox.name,
        MailboxOwnerId: mailbox.name,
        AutoReplyState: config.autoReplyState,
        AutoDeclineFutureRequestsWhenOOF: false,
        CreateOOFEvent: false,
        DeclineAllEventsForScheduledOOF: false,
        ExternalAudience: config.externalAudience,
        ExternalMessage: config.externalMessage,
        InternalMessage: config.internalMessage,
        "StartTime@data.type": "System.DateTime",
        StartTime: exchangeDate(Date.parse(config.startTime)),
        "EndTime@data.type": "System.DateTime",
        EndTime: exchangeDate(Date.parse(config.endTime)),
        IsValid: true,
      };
      return { rows: [row], warnings: [] };
    },
  },
  {
    name: "Set-MailboxAutoReplyConfiguration",
    parameters: {
      Identity: "string",
      AutoReplyState: "string",
      InternalMessage: "string",
      ExternalMessage: "string",
      ExternalAudience: "string",
      StartTime: "datetime",
      EndTime: "datetime",
    },
    run: (tenant, params) => {
      const mailbox = resolveMailbox(tenant, params.requiredString("Identity"));
      const changed = commit(tenant, mailbox, (draft) => apply(params, draft));
      return noRows(changed ? [] : [NO_SETTINGS_MODIFIED_SHORT]);
    },
  },
];
