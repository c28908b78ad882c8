// Cmdlets are declared once — the call they make and how their answer is read — and both forms are derived:
// a function that runs the call through a client, and `.asCall(...)` for `client.batch` (as Octokit's
// endpoint table and stripe-node's `stripeMethod(spec)` derive their methods from one declaration).
import type { CmdletCall, CmdletParameters, CmdletResult } from "../call.js";
import type { ExchangeClient } from "../client.js";
import { type ReadOptions, singleRow, type WriteResult, writeResult } from "./common.js";

export type Cmdlet<A extends unknown[], R, Out> = ((client: ExchangeClient, ...args: A) => Promise<Out>) & {
  /** The same call, unsent: for `client.batch`. */
  asCall(...args: A): CmdletCall<R>;
};

function declare<A extends unknown[], R, Out>(
  asCall: (...args: A) => CmdletCall<R>,
  read: (result: CmdletResult<R>, ...args: A) => Out,
): Cmdlet<A, R, Out> {
  return Object.assign(
    async (client: ExchangeClient, ...args: A) => read(await client.invoke(asCall(...args)), ...args),
    { asCall },
  );
}

/** A write: `changed` false when Exchange's warnings say nothing changed. */
export function writeCmdlet<P extends object, R = never>(
  cmdlet: string,
  parameters: (params: P) => CmdletParameters = (params) => ({ ...params }) as CmdletParameters,
): Cmdlet<[P], R, WriteResult<R>> {
  return declare((params: P) => ({ cmdlet, parameters: parameters(params) }), writeResult<R>);
}

/** A New-* cmdlet: the one object it created (a taken name or address → AlreadyExistsError). */
export function createCmdlet<P extends { Name: string }, R>(
  cmdlet: string,
  parameters: (params: P) => CmdletParameters = (params) => ({ ...params }) as CmdletParameters,
): Cmdlet<[P], R, R> {
  return declare(
    (params: P) => ({ cmdlet, parameters: parameters(params) }),
    (result: CmdletResult<R>, params: P) => singleRow(result, cmdlet, params.Name),
  );
}

/** A Get-* of one object by Identity (optionally `$select`-ed): its row, or NotFoundError. */
export function identityCmdlet<R>(cmdlet: string): Cmdlet<[identity: string, options?: ReadOptions], R, R> {
  return declare(
    (identity: string, options: ReadOptions = {}): CmdletCall<R> => ({
      cmdlet,
      parameters: { Identity: identity },
      select: options.select,
    }),
    (result: CmdletResult<R>, identity: string) => singleRow(result, cmdlet, identity),
  );
}

/** A Get-* whose rows are the answer. */
export function rowsCmdlet<A extends unknown[], R>(
  cmdlet: string,
  parameters: (...args: A) => CmdletParameters,
): Cmdlet<A, R, R[]> {
  return declare(
    (...args: A): CmdletCall<R> => ({ cmdlet, parameters: parameters(...args) }),
    (result: CmdletResult<R>, ..._args: A) => result.rows,
  );
}

export type StreamingCmdlet<A extends unknown[], R> = ((
  client: ExchangeClient,
  ...args: A
) => AsyncIterable<R>) & {
  asCall(...args: A): CmdletCall<R>;
};

/** A Get-* listing streamed page by page; `ResultSize` defaults to "Unlimited" so every page is read. */
export function listCmdlet<A extends unknown[], R>(
  cmdlet: string,
  call: (...args: A) => Omit<CmdletCall<R>, "cmdlet">,
): StreamingCmdlet<A, R> {
  const asCall = (...args: A): CmdletCall<R> => {
    const { parameters, ...options } = call(...args);
    return { cmdlet, parameters: { ResultSize: "Unlimited", ...parameters }, ...options };
  };
  return Object.assign((client: ExchangeClient, ...args: A) => client.rows(asCall(...args)), { asCall });
}
