// Reads one page of InvokeCommand output: `value` rows, `@adminapi.warnings`, `@odata.nextLink`.
import type { CmdletResult, Row } from "./call.js";
import { type ExchangeErrorFields, InvalidResponseError } from "./errors.js";
import { stripAnnotations } from "./rows.js";
import { regionalTarget } from "./transport/redirectPolicy.js";
import { classifyWarning } from "./warnings.js";

export interface Page extends CmdletResult<Row> {
  nextLink?: string;
}

export function readPage(body: unknown, adminApiUrl: string, fields: ExchangeErrorFields): Page {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InvalidResponseError(
      `Exchange Online answered ${fields.cmdlet} with a body that is not JSON`,
      fields,
    );
  }
  const envelope = body as Record<string, unknown>;
  const value = envelope.value ?? [];
  if (!Array.isArray(value)) {
    throw new InvalidResponseError(
      `Exchange Online answered ${fields.cmdlet} without a list of results`,
      fields,
    );
  }
  const nextLink = typeof envelope["@odata.nextLink"] === "string" ? envelope["@odata.nextLink"] : undefined;
  // Non-terminating errors of a successful call (docs/EXCHANGE-API.md, 'Success envelope') are reported with
  // the warnings.
  const messages = [...strings(envelope["@adminapi.warnings"]), ...strings(envelope["@adminapi.errors"])];
  return {
    rows: value.map((row) => stripAnnotations(row) as Row),
    // The "more results available" warning only says that there is a next page, which is being fetched.
    warnings: nextLink ? messages.filter((warning) => classifyWarning(warning) !== "moreResults") : messages,
    nextLink: nextLink === undefined ? undefined : checkNextLink(nextLink, adminApiUrl, fields),
  };
}

/** The bearer token goes wherever the nextLink points: the admin API's host or one of its regional hosts. */
function checkNextLink(nextLink: string, adminApiUrl: string, fields: ExchangeErrorFields): string {
  const target = regionalTarget(adminApiUrl, nextLink);
  if (!target || !/^https:/i.test(nextLink)) {
    throw new InvalidResponseError(
      `Exchange Online answered ${fields.cmdlet} with a next-page link outside ${adminApiUrl}; it was not followed`,
      fields,
    );
  }
  return target.href;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
