import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import type { PeoplePage, PersonRow } from '@cadenza/shared/contracts';
import { aMe, openPage, textOf as text } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { PeopleList } from './people-list';

const row = (id: string, name: string, extra: Partial<PersonRow> = {}): PersonRow => ({
  id,
  name,
  email: `${id}@example.test`,
  roles: ['student'],
  dateOfBirth: '2014-03-02',
  minor: true,
  leftSchoolOn: null,
  teachers: [{ id: 't-1', name: 'Tess Teacher' }],
  ...extra,
});

describe('PeopleList', () => {
  let http: HttpTestingController;
  let element: HTMLElement;

  let settle: () => Promise<void>;
  const asked = (): TestRequest => http.expectOne((r) => r.url === PEOPLE_API.people);
  const params = (request: TestRequest) => Object.fromEntries(request.request.params.keys().map((k) => [k, request.request.params.get(k)]));
  const answer = async (request: TestRequest, page: PeoplePage) => {
    request.flush(page);
    await settle();
  };

  /** Types into a field, then waits out the pause before the server is asked. */
  const typeInto = async (selector: string, value: string) => {
    const input = element.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle();
  };

  async function open(kind: 'students' | 'staff', roles: ('admin' | 'teacher')[] = ['admin']) {
    ({ http, element, settle } = await openPage(PeopleList, { kind }, aMe({ id: 'me', roles })));
  }
  afterEach(() => http.verify());

  it('asks the server for the first page of students and shows it with the total', async () => {
    await open('students');
    http.expectOne(PEOPLE_API.teachers).flush([{ id: 't-1', name: 'Tess Teacher', roles: ['teacher'] }]);
    const first = asked();
    expect(params(first)).toEqual({ kind: 'students', status: 'active', sort: 'name', direction: 'asc', offset: '0', limit: '25' });
    await answer(first, { total: 60, items: [row('s-1', 'Ada Able'), row('s-2', 'Ben Best', { minor: false, leftSchoolOn: '2026-07-20' })] });
    expect(text(element.querySelector('[data-testid="person-s-1"] a'))).toBe('Ada Able');
    expect(text(element.querySelector('[data-testid="person-s-1"] .tag'))).toBe('under 18');
    expect(text(element.querySelector('[data-testid="person-s-2"] .tag'))).toBe('left');
    expect(text(element.querySelector('[data-testid="person-s-1"]'))).toContain('Tess Teacher');
    expect(text(element.querySelector('[data-testid="person-s-2"]'))).toContain('20 July 2026');
    expect(element.querySelector('[data-testid="person-s-1"] a')?.getAttribute('href')).toBe('/people/students/s-1');
    expect(text(element.querySelector('.summary'))).toBe('1–2 of 60 students.');
  });

  it('sorts by a column, pages, and searches after a pause from the first page', async () => {
    await open('students');
    http.expectOne(PEOPLE_API.teachers).flush([]);
    await answer(asked(), { total: 60, items: [row('s-1', 'Ada Able')] });

    (element.querySelector('th[mat-sort-header]:nth-of-type(3) .mat-sort-header-container') as HTMLElement).click();
    await settle();
    const sorted = asked();
    expect([params(sorted)['sort'], params(sorted)['direction']]).toEqual(['dateOfBirth', 'asc']);
    await answer(sorted, { total: 60, items: [row('s-1', 'Ada Able')] });

    (element.querySelector('button.mat-mdc-paginator-navigation-next') as HTMLButtonElement).click();
    await settle();
    const next = asked();
    expect([params(next)['offset'], params(next)['sort']]).toEqual(['25', 'dateOfBirth']);
    await answer(next, { total: 60, items: [row('s-26', 'Zed Zed')] });
    expect(text(element.querySelector('.summary'))).toBe('26–26 of 60 students.');

    await typeInto('input[type="search"]', 'zed');
    const found = asked();
    expect([params(found)['q'], params(found)['offset']]).toEqual(['zed', '0']);
    await answer(found, { total: 0, items: [] });
    expect(text(element.querySelector('.summary'))).toBe('Nobody matches.');

    await typeInto('input[name="instrument"]', ' Cello ');
    const played = asked();
    expect([params(played)['q'], params(played)['instrument'], params(played)['offset']]).toEqual(['zed', 'Cello', '0']);
    await answer(played, { total: 0, items: [] });
  });

  it('shows an answer only for the query last asked', async () => {
    await open('staff');
    const stale = asked();
    expect(params(stale)['kind']).toBe('staff');
    await typeInto('input[type="search"]', 'tess');
    const fresh = asked();
    await answer(fresh, { total: 1, items: [row('t-1', 'Tess Teacher', { roles: ['teacher'], teachers: [] })] });
    await answer(stale, { total: 2, items: [row('a-1', 'Ada Admin', { roles: ['admin'] }), row('t-1', 'Tess Teacher', { roles: ['teacher'] })] });
    expect([...element.querySelectorAll('td a')].map((a) => text(a))).toEqual(['Tess Teacher']);
    expect(element.querySelector('td a')?.getAttribute('href')).toBe('/people/staff/t-1');
  });

  it('gives a teacher no teacher filter: the server lists theirs', async () => {
    await open('students', ['teacher']);
    const first = asked();
    expect(params(first)['teacherId']).toBeUndefined();
    await answer(first, { total: 1, items: [row('s-1', 'Ada Able')] });
    expect([...element.querySelectorAll('mat-label')].map((l) => text(l))).toEqual(['Find by name or email', 'Instrument', 'Age', 'Status']);
  });
});
