// import: every user mailbox as one HelloID account record, streamed page by page so memory does not
// grow with the tenant. The correlate-only variant reports Enabled false (it grants no account access).

import { PROPERTY_NAME_PATTERN } from "../../common/patterns.js";
import { listMailboxes } from "../../exchange/index.js";
import { getCI, type JsonObject } from "../../helloid/caseInsensitive.js";
import { InputError } from "../../helloid/context.js";
import { truncateDisplayName } from "../../helloid/output.js";
import { IMPORT_SECONDS } from "../../helloid/timeLimits.js";
import type { ImportAction, PrepareInput } from "../framework.js";

const ALWAYS = ["Guid", "DisplayName", "UserPrincipalName", "HiddenFromAddressListsEnabled"];

interface ImportPlan {
  /** The fields each record's Data carries (ImportFields plus the correlation field). */
  fields: string[];
}

function prepare({ context }: PrepareInput): ImportPlan {
  const fields = new Map<string, string>();
  const add = (name: string, where: string) => {
    // HelloID may send nested field paths ("EmailAddresses.Primary"); the mailbox property is the first part.
    const property = name.replace(/\..*/, "").trim();
    if (!property) return;
    if (!PROPERTY_NAME_PATTERN.test(property))
      throw new InputError(`${where}: "${name}" is not a mailbox property name`);
    if (!fields.has(property.toLowerCase())) fields.set(property.toLowerCase(), property);
  };
  for (const name of context.ImportFields ?? []) add(name, "actionContext.ImportFields");
  const correlationField = context.CorrelationConfiguration?.AccountField;
  if (correlationField) add(correlationField, "actionContext.CorrelationConfiguration.AccountField");
  add("Guid", "Guid");
  return { fields: [...fields.values()] };
}

function importAction(name: string, enabled: (mailbox: JsonObject) => boolean): ImportAction<ImportPlan> {
  return {
    kind: "import",
    name,
    timeLimitSeconds: IMPORT_SECONDS,
    summary: "Stream every user mailbox as an account record (NDJSON)",
    prepare,
    async *records(plan, { exchange }) {
      const select = [...new Set([...ALWAYS, ...plan.fields])];
      // Rows arrive page by page; nothing is held beyond the current page.
      for await (const mailbox of listMailboxes(
        exchange,
        { RecipientTypeDetails: "UserMailbox" },
        { select },
      )) {
        {
          const guid = String(getCI(mailbox, "Guid"));
          const data: JsonObject = {};
          // The correlation field is always present, null when the mailbox has no value.
          for (const field of plan.fields) data[field] = getCI(mailbox, field) ?? null;
          yield {
            AccountReference: guid,
            DisplayName: truncateDisplayName(String(getCI(mailbox, "DisplayName") || guid)),
            UserName: truncateDisplayName(String(getCI(mailbox, "UserPrincipalName") || guid)),
            Enabled: enabled(mailbox),
            Data: data,
          };
        }
      }
    },
  };
}

export const importAccounts = importAction(
  "import",
  (mailbox) => getCI(mailbox, "HiddenFromAddressListsEnabled") !== true,
);
export const correlateOnlyImport = importAction("correlateOnly/import", () => false);
