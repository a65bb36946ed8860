import { admits, navFor } from './app-profile';

describe('app profile', () => {
  it('admits staff to the console and families to the portal', () => {
    expect(admits({ audience: 'staff' }, { roles: ['teacher'] })).toBe(true);
    expect(admits({ audience: 'staff' }, { roles: ['parent'] })).toBe(false);
    expect(admits({ audience: 'family' }, { roles: ['student'] })).toBe(true);
    expect(admits({ audience: 'family' }, { roles: ['admin'] })).toBe(false);
    expect(admits({ audience: 'family' }, null)).toBe(false);
  });

  it('shows only the navigation a role may use', () => {
    const nav = [
      { label: 'Home', path: '/' },
      { label: 'People', path: '/people', roles: ['admin' as const] },
    ];
    expect(navFor({ nav }, { roles: ['teacher'] }).map((e) => e.label)).toEqual(['Home']);
    expect(navFor({ nav }, { roles: ['admin'] }).map((e) => e.label)).toEqual(['Home', 'People']);
    expect(navFor({ nav }, null)).toEqual([]);
  });

  it('hides an entry whose condition on the user fails', () => {
    const nav = [{ label: 'Safeguarding', path: '/safeguarding', roles: ['admin' as const], visible: (u: { safeguardingLead?: boolean }) => u.safeguardingLead === true }];
    expect(navFor({ nav }, { roles: ['admin'], safeguardingLead: true }).map((e) => e.label)).toEqual(['Safeguarding']);
    expect(navFor({ nav }, { roles: ['admin'], safeguardingLead: false }).map((e) => e.label)).toEqual([]);
  });
});
