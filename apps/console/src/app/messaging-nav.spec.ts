import { navFor } from '@cadenza/web/shared/data-access-api';
import { CONSOLE_MESSAGING_NAV } from './messaging-nav';
import { CONSOLE_PEOPLE_NAV } from './people-nav';

describe('console navigation: messaging and people', () => {
  const labels = (user: Parameters<typeof navFor>[1]) => navFor({ nav: [...CONSOLE_MESSAGING_NAV, ...CONSOLE_PEOPLE_NAV] }, user).map((e) => e.label);

  it('offers the messaging settings and People to admins only, a teacher their students, safeguarding to the lead', () => {
    expect(labels({ roles: ['admin'], safeguardingLead: true })).toEqual(['Messages', 'Safeguarding', 'Messaging settings', 'Delivery log', 'People']);
    expect(labels({ roles: ['admin'], safeguardingLead: false })).toEqual(['Messages', 'Messaging settings', 'Delivery log', 'People']);
    expect(labels({ roles: ['teacher'], safeguardingLead: false })).toEqual(['Messages', 'My students']);
    expect(labels({ roles: ['admin', 'teacher'], safeguardingLead: false })).toEqual(['Messages', 'Messaging settings', 'Delivery log', 'People']);
    expect(labels({ roles: ['accompanist'], safeguardingLead: false })).toEqual(['Messages']);
  });
});
