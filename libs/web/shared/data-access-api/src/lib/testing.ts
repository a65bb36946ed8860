import type { Me, Session } from '@cadenza/shared/contracts';
import type { AppProfile } from './app-profile';

/** A signed-in user for specs; override what the test is about. */
export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-1',
    email: 'teacher1@demo.cadenza.school',
    name: 'Tess Teacher',
    roles: ['teacher'],
    safeguardingLead: false,
    timeZone: 'Europe/London',
    locale: 'en-GB',
    school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
    ...overrides,
  };
}

export function aSession(accessToken = 'token-1', me: Me = aMe()): Session {
  return { accessToken, accessTokenExpiresAt: '2030-01-01T00:00:00.000Z', me };
}

/** The staff console's profile for specs, without navigation; override what the test is about. */
export function aConsoleProfile(overrides: Partial<AppProfile> = {}): AppProfile {
  return { product: 'Console', audience: 'staff', audienceDescription: 'for staff', otherApp: { name: 'family portal', url: '/' }, nav: [], ...overrides };
}
