// Get-Recipient: the directory view over mailboxes and groups.
import type { Cmdlet } from "./cmdlet.js";
import { getRecipients, recipientFilterSchema } from "./filters.js";
import { recipientRow } from "./rows.js";

export const recipientCmdlets: Cmdlet[] = [
  {
    name: "Get-Recipient",
    parameters: {
      Identity: "string",
      Filter: "string",
      RecipientTypeDetails: "strings",
      ResultSize: "resultSize",
    },
    run: (tenant, params) =>
      getRecipients(tenant, params, "recipient", recipientFilterSchema(tenant), recipientRow),
  },
];
