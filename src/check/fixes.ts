// What to change for each way Entra ID or Exchange can refuse the connector, in the words of the README's
// set-up steps ("Entra ID app registration and Exchange role", "Behind a proxy").
import {
  AuthenticationError,
  ConnectionError,
  DeadlineExceededError,
  ExchangeError,
  ForbiddenError,
  ProxyError,
  UnauthorizedError,
} from "../exchange/index.js";

export const GRANT_MANAGE_AS_APP =
  "Add the API permission Office 365 Exchange Online › Exchange.ManageAsApp (API permissions › Add a permission › APIs my organization uses, Application permissions) and grant admin consent for it.";

export const ASSIGN_EXCHANGE_ROLE =
  "Assign the Exchange Recipient Administrator role to the app (Roles and administrators › Exchange Recipient Administrator › Add assignments); a new assignment can take up to an hour to apply.";

const AUTHENTICATION: Record<AuthenticationError["reason"], string> = {
  invalidSecret:
    "Use the secret's Value, not its ID: create a new client secret (Certificates & secrets › New client secret) if the value is no longer shown, and paste it into AppSecret.",
  expiredSecret:
    "Create a new client secret (Certificates & secrets › New client secret) and paste its Value into AppSecret.",
  unknownApp:
    "Copy the Application (client) ID into AppId and the Directory (tenant) ID into TenantID from the app registration's overview page.",
  unknownTenant: "Copy the Directory (tenant) ID from the app registration's overview page into TenantID.",
  invalidCertificate:
    "Upload the certificate's public part (exo.cer) under Certificates & secrets › Certificates of this app, or paste the PFX of the certificate that is uploaded there into AppCertificateBase64String.",
  unreadableCertificate:
    'Paste the PFX as base64 ([Convert]::ToBase64String([IO.File]::ReadAllBytes("exo.pfx"))) into AppCertificateBase64String and its password into AppCertificatePassword.',
  other: "Check TenantID, AppId and the credential against the app registration.",
};

/**
 * The problem and what to change. Where the check knows the cause, the problem is said briefly and the
 * change in the set-up steps' words; otherwise the error's own message (which says what to do) stands.
 */
export function whatToChange(error: unknown): { problem: string; change: string } {
  if (!(error instanceof ExchangeError)) throw error;
  const problem = error.message.endsWith(".") ? error.message : `${error.message}.`;
  if (error instanceof AuthenticationError && error.reason !== "other") {
    const code = error.aadstsCode ? ` (${error.aadstsCode})` : "";
    return { problem: `Entra ID refused the credential${code}.`, change: AUTHENTICATION[error.reason] };
  }
  if (error instanceof UnauthorizedError) {
    return { problem: `Exchange Online refused the app's token (401).`, change: GRANT_MANAGE_AS_APP };
  }
  if (error instanceof ForbiddenError) {
    return {
      problem: `Exchange Online refused ${error.cmdlet ?? "the cmdlet"} (403): the app has no Exchange role that allows it.`,
      change: ASSIGN_EXCHANGE_ROLE,
    };
  }
  if (error instanceof ProxyError) {
    return {
      problem,
      change:
        "Set ProxyUrl to the proxy this agent must use, as http://user:password@host:port when it asks for a user name and password.",
    };
  }
  if (error instanceof ConnectionError) {
    return {
      problem,
      change:
        "Check that this machine reaches login.microsoftonline.com and outlook.office365.com on port 443, directly or through the proxy in ProxyUrl.",
    };
  }
  if (error instanceof DeadlineExceededError) {
    return {
      problem,
      change: "Run the check again; if it keeps happening, Exchange Online or the network is slow.",
    };
  }
  return { problem, change: "" };
}
