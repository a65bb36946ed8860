import { GrantRevoked } from '@cadenza/server/calendar-sync/domain';
import { GoogleCalendarFake } from '@cadenza/tools/fakes/google-calendar';
import { GoogleCalendarSettings } from './google-calendar-settings.js';
import { GOOGLE_CALENDAR_SCOPES, GoogleapisGoogleAccounts } from './googleapis-google-accounts.js';

/**
 * Connecting through the official client against the local Google fake: the consent page sends the browser back with
 * a code and the state, asking offline access and the narrow scopes; the code gives a grant once; the account's
 * calendars are listed and a Cadenza calendar made; a revoked grant is `GrantRevoked`, and revoking twice is no failure.
 */
const REDIRECT = 'http://127.0.0.1:9/console/calendar-sync/google';
let fake: GoogleCalendarFake;
let accounts: GoogleapisGoogleAccounts;

beforeAll(async () => {
  fake = await new GoogleCalendarFake().start();
  accounts = new GoogleapisGoogleAccounts(new GoogleCalendarSettings(fake.clientId, fake.clientSecret, REDIRECT, fake.rootUrl, fake.oauthEndpoints));
});
afterAll(() => fake?.stop());

describe('Google accounts through googleapis', () => {
  it('connects: consent with state and offline access, the code once, calendars listed and one made, then revoked', async () => {
    const url = new URL(accounts.consentUrl('state-123', 'tess@example.org'));
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([...GOOGLE_CALENDAR_SCOPES]);
    const consent = await fetch(url, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('state-123');
    const code = back.searchParams.get('code') ?? '';
    const grant = await accounts.exchange(code);
    expect(grant?.refreshToken).toBeTruthy();
    expect(await accounts.exchange(code)).toBeNull();
    if (!grant) return;
    fake.addCalendar('tess@example.org', 'Choir');
    const made = await accounts.createCalendar(grant, 'Cadenza', 'Europe/London');
    const calendars = await accounts.calendars(grant);
    expect(calendars.map((c) => [c.summary, c.primary, c.writable])).toEqual([
      ['tess@example.org', true, true],
      ['Choir', false, true],
      ['Cadenza', false, true],
    ]);
    expect(calendars.find((c) => c.id === made)?.summary).toBe('Cadenza');
    await accounts.revoke(grant);
    await expect(accounts.calendars(grant)).rejects.toBeInstanceOf(GrantRevoked);
    await expect(accounts.revoke(grant)).resolves.toBeUndefined();
  });
});
