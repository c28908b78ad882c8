// The InvokeCommand body: `{"CmdletInput":{"CmdletName":…,"Parameters":{…}}}`, read as strictly as ODataLib
// reads the action's parameters (docs/EXCHANGE-API.md, 'InvokeCommand request').
import type { CmdletParameters } from "../cmdlets/types.js";
import { isJsonObject } from "./https.js";
import { canonicalJson } from "./paging.js";

export interface CmdletInput {
  cmdlet: string;
  parameters: CmdletParameters;
  /** The body in canonical form: a nextLink continues only for the same body. */
  canonical: string;
}

/** A body that cannot run; the cmdlet name and parameters are kept when readable, for faults and the log. */
export interface InvalidCmdletInput {
  error: string;
  cmdlet?: string;
  parameters?: CmdletParameters;
}

const nullNotAllowed = (property: string, type: string): string =>
  `A null value was found for the property named '${property}', which has the expected type '${type}[Nullable=False]'. ` +
  `The expected type '${type}[Nullable=False]' does not allow null values.`;

/** Unknown properties are errors, as for any OData action whose parameter types are closed. */
export function parseCmdletInput(text: string): CmdletInput | InvalidCmdletInput {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { error: `The request body is not valid JSON: ${(error as Error).message}` };
  }
  if (!isJsonObject(body)) {
    return { error: "The request body must be a JSON object with a CmdletInput property." };
  }
  const input = body.CmdletInput;
  const cmdlet = isJsonObject(input) && typeof input.CmdletName === "string" ? input.CmdletName : undefined;
  const parameters = isJsonObject(input) && isJsonObject(input.Parameters) ? input.Parameters : undefined;
  const fail = (error: string): InvalidCmdletInput => ({
    error,
    ...(cmdlet ? { cmdlet } : {}),
    ...(parameters ? { parameters } : {}),
  });
  const extra = Object.keys(body).find((key) => key !== "CmdletInput");
  if (extra !== undefined) {
    return fail(
      `The parameter '${extra}' in the request payload is not a valid parameter for the operation 'InvokeCommand'.`,
    );
  }
  if (input === undefined || input === null) {
    return fail(nullNotAllowed("CmdletInput", "Exchange.CmdletInvokeInputType"));
  }
  if (!isJsonObject(input)) {
    return fail("The value of CmdletInput must be an object of type 'Exchange.CmdletInvokeInputType'.");
  }
  const unknown = Object.keys(input).find(
    (key) => !["CmdletName", "Parameters", "@odata.type"].includes(key),
  );
  if (unknown !== undefined) {
    return fail(
      `The property '${unknown}' does not exist on type 'Exchange.CmdletInvokeInputType'. ` +
        "Make sure to only use property names that are defined by the type or mark the type as open type.",
    );
  }
  if (input.CmdletName === undefined || input.CmdletName === null) {
    return fail(nullNotAllowed("CmdletName", "Edm.String"));
  }
  if (cmdlet === undefined || cmdlet.trim() === "") return fail("CmdletName must be a non-empty string.");
  if (input.Parameters !== undefined && input.Parameters !== null && !parameters) {
    return fail("Parameters must be an object of type 'Exchange.GenericHashTable'.");
  }
  return { cmdlet, parameters: parameters ?? {}, canonical: canonicalJson(body) };
}
