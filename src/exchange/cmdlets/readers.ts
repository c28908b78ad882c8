// The three ways every recipient Get-cmdlet is read — one object by Identity (get), the same or null
// (find), every match page by page (list) — written once for Get-Mailbox and
// Get-DistributionGroup. Each reader also has `.asCall(...)` for `client.batch`.
import type { ExchangeClient } from "../client.js";
import { orNull, type ReadOptions } from "./common.js";
import { type Cmdlet, identityCmdlet, listCmdlet, type StreamingCmdlet } from "./declare.js";

export interface IdentityReaders<R, P> {
  get: Cmdlet<[identity: string, options?: ReadOptions], R, R>;
  find: (client: ExchangeClient, identity: string, options?: ReadOptions) => Promise<R | null>;
  list: StreamingCmdlet<[params?: P, options?: ReadOptions], R>;
}

export function identityReaders<R, P extends object>(cmdlet: string): IdentityReaders<R, P> {
  const get = identityCmdlet<R>(cmdlet);
  const list = listCmdlet<[params?: P, options?: ReadOptions], R>(cmdlet, (params, options = {}) => ({
    parameters: { ...params },
    select: options.select,
  }));
  return {
    get,
    find: (client, identity, options = {}) => orNull(get(client, identity, options)),
    list,
  };
}
