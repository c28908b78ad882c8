// MSAL fetches the OpenID configuration and runs instance discovery before its first token request
// unless it is handed both; building them locally from the authority URL makes a token cost exactly
// one POST per process. The endpoints follow Entra ID's fixed layout.

export interface MsalAuthorityOptions {
  authority: string;
  knownAuthorities: string[];
  authorityMetadata: string;
  cloudDiscoveryMetadata: string;
}

export function msalAuthorityOptions(authorityUrl: string, tenant: string): MsalAuthorityOptions {
  const { origin, host } = new URL(authorityUrl);
  const authority = `${origin}/${tenant}`;
  return {
    authority,
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${authority}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
      "api-version": "1.1",
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  };
}
