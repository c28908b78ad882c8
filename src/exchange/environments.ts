// Endpoints per Microsoft cloud (docs/EXCHANGE-API.md, 'Endpoints per cloud').

/** The Microsoft clouds, as Connect-ExchangeOnline's -ExchangeEnvironmentName names them (O365China: China). */
export const exchangeEnvironments = ["Global", "USGovGCCHigh", "USGovDoD", "China"] as const;
export type ExchangeEnvironment = (typeof exchangeEnvironments)[number];

export interface CloudEndpoints {
  adminApiUrl: string;
  authorityUrl: string;
}

export const environments: Readonly<Record<ExchangeEnvironment, CloudEndpoints>> = {
  Global: { adminApiUrl: "https://outlook.office365.com", authorityUrl: "https://login.microsoftonline.com" },
  USGovGCCHigh: {
    adminApiUrl: "https://outlook.office365.us",
    authorityUrl: "https://login.microsoftonline.us",
  },
  USGovDoD: {
    adminApiUrl: "https://outlook-dod.office365.us",
    authorityUrl: "https://login.microsoftonline.us",
  },
  // 21Vianet: Microsoft's Admin API documentation (learn.microsoft.com/exchange/reference/admin-api-get-started)
  // and cisagov/ScubaGear name outlook.office365.cn for the REST API; partner.outlook.cn is the old remote
  // PowerShell host of Connect-ExchangeOnline's O365China environment.
  China: { adminApiUrl: "https://outlook.office365.cn", authorityUrl: "https://login.chinacloudapi.cn" },
};

/**
 * The token scope: the cloud's Exchange resource. It stays the same when `adminApiUrl` is overridden
 * (a regional host, a proxy, a simulator), because the token's audience is the resource, not the host.
 */
export function scopeFor(environment: ExchangeEnvironment): string {
  return `${environments[environment].adminApiUrl}/.default`;
}
