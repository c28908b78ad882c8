// Send on behalf: Set-Mailbox -GrantSendOnBehalfTo with Exchange's add/remove hashtable, so other
// delegates are left alone (an array would replace them all).
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { addRemove, type WriteResult, writeResult } from "./common.js";
import { setMailbox } from "./mailbox.js";

export interface SendOnBehalfParams {
  /** The mailbox. */
  Identity: string;
  /** The delegate(s). */
  Trustee: string | string[];
}

function list(trustee: string | string[]): string[] {
  return Array.isArray(trustee) ? trustee : [trustee];
}

export async function addSendOnBehalf(
  client: ExchangeClient,
  params: SendOnBehalfParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(addSendOnBehalf.asCall(params)));
}
addSendOnBehalf.asCall = ({ Identity, Trustee }: SendOnBehalfParams): CmdletCall<never> =>
  setMailbox.asCall({ Identity, GrantSendOnBehalfTo: addRemove({ Add: list(Trustee) }) });

export async function removeSendOnBehalf(
  client: ExchangeClient,
  params: SendOnBehalfParams,
): Promise<WriteResult<never>> {
  return writeResult(await client.invoke(removeSendOnBehalf.asCall(params)));
}
removeSendOnBehalf.asCall = ({ Identity, Trustee }: SendOnBehalfParams): CmdletCall<never> =>
  setMailbox.asCall({ Identity, GrantSendOnBehalfTo: addRemove({ Remove: list(Trustee) }) });
