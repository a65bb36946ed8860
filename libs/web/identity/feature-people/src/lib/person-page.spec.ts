import type { AuditEvent, Family, UserSummary } from '@cadenza/shared/contracts';
import { aMe, openPage, textOf as text, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { HISTORY_API, PEOPLE_API } from '@cadenza/web/identity/data-access';
import { PersonPage, studentChange } from './person-page';
import { eventInWords } from './person-history';

const student: UserSummary = { id: 's-1', email: 'ada@example.test', name: 'Ada Able', roles: ['student'], safeguardingLead: false, dateOfBirth: '2014-03-02', minor: true, leftSchoolOn: null };
const family: Family = {
  id: 'f-1',
  name: 'Able family',
  guardians: [{ userId: 'p-1', name: 'Pat Able' }],
  children: [{ userId: 's-1', name: 'Ada Able', minor: true, access: [{ guardianId: 'p-1', level: 'full' }] }],
};
const event = (id: string, action: string, actorId: string | null, before: unknown, after: unknown): AuditEvent => ({ id, occurredAt: '2026-12-01T09:30:00.000Z', actorId, action, entityType: 'user', entityId: 's-1', ip: null, userAgent: null, before, after });
const other: Family = { id: 'f-2', name: 'Other family', guardians: [], children: [] };

describe('PersonPage', () => {
  let page: PageHarness<PersonPage>;
  let http: PageHarness<PersonPage>['http'];
  let element: HTMLElement;
  let settle: () => Promise<void>;
  let button: (name: string) => HTMLButtonElement;
  let field: (name: string) => HTMLInputElement;

  beforeEach(async () => {
    page = await openPage(PersonPage, { id: 's-1', kind: 'students' }, aMe({ id: 'admin', roles: ['admin'] }));
    ({ http, element, settle, button, field } = page);
    http.expectOne(`${PEOPLE_API.students}/s-1`).flush(student);
    http.expectOne(PEOPLE_API.families).flush([other, family]);
    await settle();
    http.expectOne(`${PEOPLE_API.users}?status=all`).flush([{ ...student, id: 'p-1', name: 'Pat Able' }]);
    const history = http.expectOne((r) => r.url === HISTORY_API.auditEvents);
    expect([history.request.params.get('entityId'), history.request.params.get('limit'), history.request.params.get('cursor')]).toEqual(['s-1', '10', null]);
    history.flush({ items: [event('e-2', 'identity.student.updated', 'admin', { name: 'Ada Abel', dateOfBirth: '2014-03-02' }, { name: 'Ada Able', dateOfBirth: '2014-03-02', profileFields: ['instruments'] })], next: 'older' });
    await settle();
  });
  afterEach(() => {
    // Each change on the page has the history read its newest events again.
    for (const again of http.match((r) => r.url === HISTORY_API.auditEvents)) again.flush({ items: [], next: null });
    http.verify();
  });

  it('shows the profile and the families the person is in', () => {
    expect(text(element.querySelector('h1'))).toBe('Ada Able');
    expect(text(element.querySelector('dl'))).toContain('2 March 2014');
    expect([...element.querySelectorAll('ul[aria-label="Families"] li')].map((li) => [text(li.querySelector('a')), text(li.querySelector('.detail'))])).toEqual([['Able family', 'Child; guardians: Pat Able']]);
  });

  it('shows the history, newest first, who did what and when, and the older events when asked', async () => {
    const lines = () => [...element.querySelectorAll('ol[aria-label="History"] li')].map((li) => text(li));
    expect(lines()).toEqual(['1 Dec 2026, 09:30 Profile changed: name, instruments · you']);
    button('Show older').click();
    const older = http.expectOne((r) => r.url === HISTORY_API.auditEvents);
    expect(older.request.params.get('cursor')).toBe('older');
    older.flush({ items: [event('e-1', 'identity.student.created', 'p-1', null, { name: 'Ada Abel' }), event('e-0', 'identity.user.created', null, null, {})], next: null });
    await settle();
    expect(lines().slice(1)).toEqual(['1 Dec 2026, 09:30 Recorded as a student · Pat Able', '1 Dec 2026, 09:30 Joined the school · the school']);
    expect(button('Show older')).toBeUndefined();
  });

  it('words an event by its action and the fields it changed, never their values', () => {
    expect(eventInWords({ action: 'identity.person.archived', before: { leftSchoolOn: null }, after: { leftSchoolOn: '2026-07-20' } })).toBe('Archived (left the school): day they left');
    expect(eventInWords({ action: 'identity.user.roles_changed', before: { roles: ['parent'] }, after: { roles: ['parent', 'teacher'] } })).toBe('Roles changed: roles');
    expect(eventInWords({ action: 'scheduling.availability.set', before: null, after: { weekly: [] } })).toBe('Weekly availability set');
    expect(eventInWords({ action: 'billing.credit_note.issued', before: null, after: 'x' })).toBe('Credit note issued');
  });

  it('lets an admin edit in place, sending only what changed', async () => {
    button('Edit profile').click();
    await settle();
    expect(field('leftSchoolOn')).toBeNull();
    field('name').value = 'Ada Abel';
    field('dateOfBirth').value = '2014-03-03';
    button('Save').click();
    const patch = http.expectOne(`${PEOPLE_API.students}/s-1`);
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { name: 'Ada Abel', dateOfBirth: '2014-03-03' }]);
    patch.flush({ ...student, name: 'Ada Abel', dateOfBirth: '2014-03-03' });
    await settle();
    expect(text(element.querySelector('h1'))).toBe('Ada Abel');
    expect(text(element.querySelector('dl'))).toContain('3 March 2014');
    expect(text(element.querySelector('[role="status"]'))).toBe('Saved.');
  });

  it('keeps the form and names the field the server refused', async () => {
    button('Edit profile').click();
    await settle();
    field('dateOfBirth').value = '2099-01-01';
    button('Save').click();
    http.expectOne(`${PEOPLE_API.students}/s-1`).flush(
      { type: 'about:blank', title: 'Check the student', status: 400, code: 'IDENTITY.INVALID_DATE_OF_BIRTH', errors: [{ field: 'dateOfBirth', message: 'Enter a past date as YYYY-MM-DD.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(element.querySelector('[role="alert"][data-field="dateOfBirth"]'))).toBe('Date of birth: Enter a past date as YYYY-MM-DD.');
    expect(field('dateOfBirth')).toBeTruthy();
    expect(text(element.querySelector('h1'))).toBe('Ada Able');
  });

  it('makes a change of the fields that differ only, an empty day clearing it', () => {
    expect(studentChange(student, { name: ' Ada Able ', dateOfBirth: '2014-03-02', leftSchoolOn: '' })).toEqual({});
    expect(studentChange({ ...student, leftSchoolOn: '2026-01-01' }, { name: 'Ada Able', dateOfBirth: '', leftSchoolOn: '' })).toEqual({ dateOfBirth: null, leftSchoolOn: null });
  });

  it('archives after showing the lessons still to come, cancelling them, and restores', async () => {
    button('Archive…').click();
    http.expectOne(`${PEOPLE_API.users}/s-1/archive-preview`).flush({
      person: student,
      lessons: [
        { id: 'l-1', start: '2026-09-15T15:00:00.000Z', end: '2026-09-15T15:30:00.000Z', role: 'student', otherStudents: 0 },
        { id: 'l-2', start: '2026-09-22T15:00:00.000Z', end: '2026-09-22T15:30:00.000Z', role: 'student', otherStudents: 2 },
      ],
    });
    await settle();
    expect([...element.querySelectorAll('ul[aria-label="Lessons still to come"] li')].map((li) => text(li))).toEqual(['Tue, 15 Sept 2026, 16:00', 'Tue, 22 Sept 2026, 16:00 (with 2 other students)']);
    field('leftOn').value = '2026-07-20';
    button('Archive Ada Able').click();
    const archive = http.expectOne(`${PEOPLE_API.users}/s-1/archive`);
    expect(archive.request.body).toEqual({ leftOn: '2026-07-20', cancelFutureLessons: true, reason: undefined });
    archive.flush({ ...student, leftSchoolOn: '2026-07-20', archived: true });
    await settle();
    expect(text(element.querySelector('.tag'))).toBe('Left on 20 July 2026');

    button('Restore Ada Able').click();
    const restore = http.expectOne(`${PEOPLE_API.users}/s-1/restore`);
    expect(restore.request.method).toBe('POST');
    restore.flush({ ...student, leftSchoolOn: null, archived: false });
    await settle();
    expect(button('Archive…')).toBeTruthy();
  });

  it('shows a refusal to archive, and leaves the person as they were', async () => {
    button('Archive…').click();
    http.expectOne(`${PEOPLE_API.users}/s-1/archive-preview`).flush({ person: student, lessons: [] });
    await settle();
    expect(text(element.querySelector('form[aria-label="Archive"]'))).toContain('No lesson still to come.');
    button('Archive Ada Able').click();
    const archive = http.expectOne(`${PEOPLE_API.users}/s-1/archive`);
    expect(archive.request.body.cancelFutureLessons).toBe(false);
    archive.flush({ type: 'about:blank', title: 'Conflict', status: 409, code: 'IDENTITY.LAST_ADMIN', detail: 'The school needs an admin.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(text(element.querySelector('cz-archive-panel [role="alert"]'))).toContain('The school needs an admin.');
    expect(element.querySelector('.tag')).toBeNull();
  });
});
