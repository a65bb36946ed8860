import type { UserSummary } from '@cadenza/shared/contracts';
import { aMe, openPage, textOf as text, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { RolesPanel } from './roles-panel';

const teacher: UserSummary = { id: 't-1', email: 'tia@example.test', name: 'Tia Tune', roles: ['teacher'], safeguardingLead: false, dateOfBirth: null, minor: false, leftSchoolOn: null };

describe('RolesPanel', () => {
  let page: PageHarness<RolesPanel>;
  const changed: UserSummary[] = [];
  const box = (label: string) => [...page.element.querySelectorAll('mat-checkbox')].find((b) => text(b)?.startsWith(label))?.querySelector('input') as HTMLInputElement;

  async function open(person: UserSummary) {
    page = await openPage(RolesPanel, { person }, aMe({ id: 'admin', roles: ['admin'] }));
    page.fixture.componentInstance.changed.subscribe((p) => changed.push(p));
  }
  afterEach(() => {
    page.http.verify();
    changed.length = 0;
  });

  it('ticks the roles held and sends the ones chosen, in order, once something changed', async () => {
    await open(teacher);
    expect(box('Teacher').checked).toBe(true);
    expect(box('Admin').checked).toBe(false);
    expect(page.button('Save roles').disabled).toBe(true);
    box('Admin').click();
    box('Accompanist').click();
    await page.settle();
    page.button('Save roles').click();
    const put = page.http.expectOne(`${PEOPLE_API.users}/t-1/roles`);
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ roles: ['admin', 'teacher', 'accompanist'] });
    put.flush({ ...teacher, roles: ['teacher', 'admin', 'accompanist'] });
    await page.settle();
    expect(changed.map((p) => p.roles)).toEqual([['teacher', 'admin', 'accompanist']]);
    expect(text(page.element.querySelector('[role="status"]'))).toContain('Roles saved');
  });

  it('shows the server’s refusal named on the roles, and never offers one’s own admin role', async () => {
    await open({ ...teacher, id: 'admin', roles: ['admin', 'parent'] });
    expect(box('Admin').disabled).toBe(true);
    expect(text(page.element)).toContain('You cannot take away your own admin role');
    box('Parent').click();
    await page.settle();
    page.button('Save roles').click();
    page.http
      .expectOne(`${PEOPLE_API.users}/admin/roles`)
      .flush(
        { type: 'about:blank', title: 'Conflict', status: 409, code: 'IDENTITY.STILL_GUARDIAN', detail: 'This person is a guardian in a family.', errors: [{ field: 'roles', message: 'This person is a guardian in a family.' }] },
        { status: 409, statusText: 'Conflict' },
      );
    await page.settle();
    expect(text(page.element.querySelector('[role="alert"]'))).toBe('This person is a guardian in a family.');
    expect(changed).toEqual([]);
  });

  it('offers nothing for an archived person', async () => {
    await open({ ...teacher, leftSchoolOn: '2026-11-01', archived: true });
    expect(page.element.querySelector('form')).toBeNull();
    expect(text(page.element)).toContain('Restore them to change their roles.');
  });
});
