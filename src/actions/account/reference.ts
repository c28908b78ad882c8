// The account reference every script after create receives: the mailbox Guid. Anything else is refused before
// any request: Exchange would resolve an alias, a name or "42" to whichever mailbox answers to it.

import { GUID_PATTERN } from "../../common/patterns.js";
import type { ActionContext } from "../../helloid/context.js";
import { InputError } from "../../helloid/context.js";

/** What create returns in a preview when no mailbox matches (as the PowerShell connector does). */
export const DRY_RUN_REFERENCE = "DryRun: Currently not available";

const FIELD = "actionContext.References.Account";

export function requireAccountReference(context: ActionContext): string {
  const reference = context.References?.Account?.trim();
  if (!reference) throw new InputError(`${FIELD}: required (the mailbox Guid that create returned)`);
  // A preview after a preview of create carries create's placeholder; the read then finds no mailbox.
  if (GUID_PATTERN.test(reference) || (context.DryRun && reference === DRY_RUN_REFERENCE)) return reference;
  throw new InputError(
    `${FIELD}: expected the mailbox Guid that create returned (like 00000000-0000-0000-0000-000000000000), got ${JSON.stringify(reference)}`,
  );
}
