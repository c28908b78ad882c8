// Independent writes as Exchange takes them best: one alone as a plain call, several through `$batch` (10 a
// POST). Either way each result comes back on its own, in order, as `{ok, result | error}`.
import {
  type BatchItemResult,
  type CmdletCall,
  type ExchangeClient,
  ExchangeError,
} from "../../exchange/index.js";

/** One write goes out as it is; several independent ones through `$batch`. */
export async function send(
  exchange: ExchangeClient,
  calls: readonly CmdletCall<unknown>[],
): Promise<BatchItemResult<unknown>[]> {
  if (calls.length !== 1) return calls.length === 0 ? [] : exchange.batch(calls);
  try {
    return [{ ok: true, result: await exchange.invoke(calls[0] as CmdletCall<unknown>) }];
  } catch (error) {
    if (error instanceof ExchangeError) return [{ ok: false, error }];
    throw error;
  }
}
