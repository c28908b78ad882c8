// Entra ID's refusals, as MSAL reports them, become one AuthenticationError with a message that says
// what to fix. Entra's own text is included only after every known secret has been cut out of it.
import { AuthError } from "@azure/msal-node";
import { AuthenticationError, type AuthenticationFailure } from "../errors.js";

export interface AuthErrorContext {
  appId: string;
  tenant: string;
  /** Values that must never appear in a message (secret, PFX password). */
  secrets: readonly string[];
}

interface KnownFailure {
  reason: AuthenticationFailure;
  message: (context: AuthErrorContext) => string;
}

const known: Record<string, KnownFailure> = {
  "7000215": {
    reason: "invalidSecret",
    message: ({ appId }) =>
      `Entra ID rejected the client secret of app '${appId}' (AADSTS7000215: invalid client secret). Use the secret's Value, not its Secret ID, and check that it has not been deleted.`,
  },
  "7000222": {
    reason: "expiredSecret",
    message: ({ appId }) =>
      `The client secret of app '${appId}' has expired (AADSTS7000222). Create a new secret in the app registration and update the configuration.`,
  },
  "700016": {
    reason: "unknownApp",
    message: ({ appId, tenant }) =>
      `Entra ID does not know app '${appId}' in tenant '${tenant}' (AADSTS700016). Check the AppId and TenantID, and that the app is registered or consented in this tenant.`,
  },
  "90002": {
    reason: "unknownTenant",
    message: ({ tenant }) => `Entra ID does not know tenant '${tenant}' (AADSTS90002). Check the TenantID.`,
  },
  "900023": {
    reason: "unknownTenant",
    message: ({ tenant }) =>
      `'${tenant}' is not a valid tenant id or domain (AADSTS900023). Check the TenantID.`,
  },
  "700027": {
    reason: "invalidCertificate",
    message: ({ appId }) =>
      `Entra ID rejected the certificate of app '${appId}' (AADSTS700027). Check that this certificate is uploaded to the app registration (Certificates & secrets) and has not expired; right after a rotation this can take a few minutes.`,
  },
  "700024": {
    reason: "invalidCertificate",
    message: () =>
      "Entra ID rejected the signed client assertion as outside its valid time (AADSTS700024). Check this machine's clock.",
  },
};

export function authenticationErrorFrom(error: unknown, context: AuthErrorContext): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  const description = error instanceof AuthError ? entraDescription(error) : String(error);
  const code = /AADSTS(\d+)/.exec(description)?.[1] ?? serverErrorNumber(error);
  const aadstsCode = code ? `AADSTS${code}` : undefined;
  const fields = { code: error instanceof AuthError ? error.errorCode : undefined, cmdlet: "token request" };
  const failure = code ? known[code] : undefined;
  if (failure) return new AuthenticationError(failure.message(context), failure.reason, aadstsCode, fields);
  return new AuthenticationError(
    `Entra ID did not issue a token for app '${context.appId}' in tenant '${context.tenant}': ${redact(description, context.secrets)}`,
    "other",
    aadstsCode,
    fields,
  );
}

/** The readable part of MSAL's `Error(s): … - Description: AADSTS…: text Trace ID: … - Correlation ID: …`. */
function entraDescription(error: AuthError): string {
  const text = error.errorMessage || error.errorCode;
  const described = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(text)?.[1] ?? text;
  return described.split(/\s*(?:\r?\n|Trace ID:)/)[0]?.trim() || error.errorCode;
}

function serverErrorNumber(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const number = (error as { errorNo?: unknown }).errorNo;
  return number === undefined || number === null || number === "" ? undefined : String(number);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret.length > 0)
    .reduce((clean, secret) => clean.split(secret).join("[redacted]"), text);
}
