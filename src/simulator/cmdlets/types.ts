// The seam between the simulator's protocol server and its tenant model: the server parses a request,
// calls invokeCmdlet, and turns the result or the thrown CmdletError into Exchange's wire format.

/** One row of cmdlet output: PowerShell property names in PascalCase, JSON values. */
export type Row = Record<string, unknown>;

export interface CmdletResult {
  rows: Row[];
  /** Strings that go to `@adminapi.warnings`. */
  warnings: string[];
}

/** Cmdlet parameters exactly as they arrived in `CmdletInput.Parameters` (names matched case-insensitively). */
export type CmdletParameters = Record<string, unknown>;

/**
 * A failure the way Exchange reports it. The server renders it as the OData error envelope of
 * docs/EXCHANGE-API.md, 'Errors' (`details[0].message` = `<errorId>|<exceptionType>|<message>`).
 */
export class CmdletError extends Error {
  constructor(
    /** HTTP status: 404 object not found (Identity), 400 validation / member exists / parameter binding. */
    readonly status: number,
    /** Full .NET class, e.g. `Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException`. */
    readonly exceptionType: string,
    /** The human text Exchange shows. */
    message: string,
    /** ErrorId prefix, e.g. `Ex6F9304`; may be empty. */
    readonly errorId = "",
    /** details[0].target: the object the error is about, often empty. */
    readonly target = "",
    /**
     * When the service raised it: `execution` while the cmdlet ran ("Error executing cmdlet"), `binding` while
     * it bound or converted the parameters ("Invalid Operation"); the two are enveloped differently.
     */
    readonly phase: FailurePhase = "execution",
  ) {
    super(message);
  }
}

export type FailurePhase = "execution" | "binding" | "bindingWithDetails";

/** A cmdlet this tenant doesn't know (or the app's role doesn't grant): Exchange answers 403 with a NUL body. */
export class UnknownCmdletError extends CmdletError {
  constructor(readonly cmdletName: string) {
    super(403, "", `The term '${cmdletName}' is not recognized as the name of a cmdlet.`);
  }
}
