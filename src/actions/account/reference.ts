// The account reference every script after create receives: the mailbox Guid.
import type { ActionContext } from "../../helloid/context.js";
import { InputError } from "../../helloid/context.js";

export function requireAccountReference(action: ActionContext): string {
  const reference = action.References?.Account?.trim();
  if (!reference)
    throw new InputError(
      "actionContext.References.Account: required (the mailbox Guid that create returned)",
    );
  return reference;
}
