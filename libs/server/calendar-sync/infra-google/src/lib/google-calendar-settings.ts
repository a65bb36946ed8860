/**
 * How Cadenza reaches Google: its OAuth client, and where the Calendar API and the OAuth endpoints are (Google's own
 * when null; the local fake's in tests and the embedded default).
 */
export class GoogleCalendarSettings {
  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    readonly redirectUri: string,
    readonly apiRootUrl: string | null = null,
    readonly oauthEndpoints: { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string } | null = null,
    /** Events a page of `events.list` asks for (Google: 250 by default, at most 2500). */
    readonly pageSize = 250,
  ) {}
}
