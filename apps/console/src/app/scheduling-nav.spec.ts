import { navFor } from '@cadenza/web/shared/data-access-api';
import { CONSOLE_SCHEDULING_NAV } from './scheduling-nav';

describe('console navigation', () => {
  const labels = (roles: Parameters<typeof navFor>[1]) => navFor({ nav: CONSOLE_SCHEDULING_NAV }, roles).map((e) => e.label);

  it('shows each role only what it may use', () => {
    expect(labels({ roles: ['admin'] })).toEqual(['Schedule', 'Requests', 'Availability', 'Makeup credits', 'Settings']);
    expect(labels({ roles: ['teacher'] })).toEqual(['Schedule', 'Requests', 'Availability']);
    expect(labels({ roles: ['accompanist'] })).toEqual(['Schedule', 'Availability']);
  });
});
