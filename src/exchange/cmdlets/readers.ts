// The three ways every recipient Get-cmdlet is read — one object by Identity (get), the same or null
// (find), every match page by page (list) — written once for Get-Mailbox and
// Get-DistributionGroup. Each reader also has `.asCall(...)` for `client.batch`.
import type { CmdletCall } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { orNull, type ReadOptions, singleRow } from "./common.js";

export interface IdentityReaders<R, P> {
  get: ((client: ExchangeClient, identity: string, options?: ReadOptions) => Promise<R>) & {
    asCall(identity: string, options?: ReadOptions): CmdletCall<R>;
  };
  find: (client: ExchangeClient, identity: string, options?: ReadOptions) => Promise<R | null>;
  list: ((client: ExchangeClient, params?: P, options?: ReadOptions) => AsyncIterable<R>) & {
    asCall(params?: P, options?: ReadOptions): CmdletCall<R>;
  };
}

export function identityReaders<R, P extends object>(cmdlet: string): IdentityReaders<R, P> {
  const getCall = (identity: string, options: ReadOptions = {}): CmdletCall<R> => ({
    cmdlet,
    parameters: { Identity: identity },
    select: options.select,
  });
  const get = Object.assign(
    async (client: ExchangeClient, identity: string, options: ReadOptions = {}) =>
      singleRow(await client.invoke(getCall(identity, options)), cmdlet, identity),
    { asCall: getCall },
  );
  // Default "Unlimited": a full list follows every page.
  const listCall = (params?: P, options: ReadOptions = {}): CmdletCall<R> => ({
    cmdlet,
    parameters: { ResultSize: "Unlimited", ...params },
    select: options.select,
  });
  const list = Object.assign(
    (client: ExchangeClient, params?: P, options: ReadOptions = {}) => client.rows(listCall(params, options)),
    { asCall: listCall },
  );
  return {
    get,
    find: (client, identity, options = {}) => orNull(get(client, identity, options)),
    list,
  };
}
