import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupRow, mailboxRow, recipientRow, type Selection } from "../../../src/simulator/cmdlets/rows.js";
import type { Row } from "../../../src/simulator/cmdlets/types.js";
import { applySelect } from "../../../src/simulator/server/paging.js";
import type { GroupRecord, MailboxRecord, Recipient, Tenant } from "../../../src/simulator/tenant/index.js";
import { smallTenant } from "./helpers.js";

type Builder = (tenant: Tenant, r: Recipient, select?: Selection) => Row;

const builders: [string, Builder, (r: Recipient) => boolean][] = [
  ["mailboxRow", (t, r, s) => mailboxRow(t, r as MailboxRecord, s), (r) => r.kind === "mailbox"],
  ["groupRow", (t, r, s) => groupRow(t, r as GroupRecord, s), (r) => r.kind === "group"],
  ["recipientRow", recipientRow, () => true],
];

const baseNames = (row: Row) => [...new Set(Object.keys(row).map((key) => key.replace(/@.*$/, "")))];

describe("rows built for a $select", () => {
  const tenant = smallTenant();
  const first = [...tenant.list("recipient")][0] as MailboxRecord;
  tenant.update(first, (m) => {
    m.settings.ForwardingSmtpAddress = "smtp:someone@contoso.com";
    m.settings.MaxSendSize = "35 MB (36,700,160 bytes)";
  });

  for (const [name, build, applies] of builders) {
    it(`${name}: every property, alone or with others, comes out as in the full row`, () => {
      for (const recipient of tenant.list("recipient")) {
        if (!applies(recipient)) continue;
        const full = build(tenant, recipient);
        const selections = [
          ...baseNames(full).map((key) => [key]),
          ["Guid", "Name", "DisplayName", "PrimarySmtpAddress"],
          ["guid", "emailaddresses", "customattribute1", "whenchanged", "MaxSendSize"],
        ];
        for (const keys of selections) {
          const select = new Set(keys.map((key) => key.toLowerCase()));
          const expected = applySelect([full], select);
          assert.deepEqual(applySelect([build(tenant, recipient, select)], select), expected, keys.join(","));
          assert.ok(Object.keys(expected[0] as Row).length > 0, keys.join(","));
        }
      }
    });
  }
});
