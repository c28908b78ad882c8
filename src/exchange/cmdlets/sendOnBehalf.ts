// Send on behalf: Set-Mailbox -GrantSendOnBehalfTo with Exchange's add/remove hashtable, so other
// delegates are left alone (an array would replace them all).
import { addRemove } from "./common.js";
import { writeCmdlet } from "./declare.js";

export interface SendOnBehalfParams {
  /** The mailbox. */
  Identity: string;
  /** The delegate(s). */
  Trustee: string | string[];
}

function list(trustee: string | string[]): string[] {
  return Array.isArray(trustee) ? trustee : [trustee];
}

export const addSendOnBehalf = writeCmdlet<SendOnBehalfParams>("Set-Mailbox", ({ Identity, Trustee }) => ({
  Identity,
  GrantSendOnBehalfTo: addRemove({ Add: list(Trustee) }),
}));

export const removeSendOnBehalf = writeCmdlet<SendOnBehalfParams>("Set-Mailbox", ({ Identity, Trustee }) => ({
  Identity,
  GrantSendOnBehalfTo: addRemove({ Remove: list(Trustee) }),
}));
