import type { TeacherProfile } from '@cadenza/shared/contracts';
import { aMe, openPage, textOf as text, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { TeachingPanel, teachingChange } from './teaching-panel';

const tia: TeacherProfile = { id: 't-1', name: 'Tia Tune', roles: ['teacher'], instruments: ['Piano'], levels: ['Beginner'], bio: null, phone: null, email: null };

describe('TeachingPanel', () => {
  let page: PageHarness<TeachingPanel>;
  const terms = () => [...page.element.querySelectorAll('dl dd')].map((d) => text(d));

  async function open(canEdit: boolean, profile: TeacherProfile = tia) {
    page = await openPage(TeachingPanel, { personId: 't-1', canEdit }, aMe({ id: 'admin', roles: ['admin'] }));
    page.http.expectOne(`${PEOPLE_API.teachers}/t-1`).flush(profile);
    await page.settle();
  }
  afterEach(() => page.http.verify());

  it('shows what they teach, the levels, the bio and the work contact, and what is not recorded', async () => {
    await open(false, { ...tia, instruments: ['Piano', 'Theory'], levels: ['Beginner', 'Grade 5'], bio: 'Plays in the city orchestra.', phone: '+44 20 7946 0001' });
    expect(terms()).toEqual(['Piano, Theory', 'Beginner, Grade 5', 'Plays in the city orchestra.', '+44 20 7946 0001', 'Not recorded']);
    expect(page.element.querySelector('button')).toBeNull();
  });

  it('lets an admin edit it in place, sending only what changed, and names a refused phone', async () => {
    await open(true);
    page.button('Edit teaching profile').click();
    await page.settle();
    page.field('instruments').value = 'Piano,  Violin , ';
    (page.element.querySelector('textarea[name="bio"]') as HTMLTextAreaElement).value = 'Teaches all ages.';
    page.field('phone').value = '12';
    page.button('Save teaching profile').click();
    const refused = page.http.expectOne(`${PEOPLE_API.teachers}/t-1`);
    expect([refused.request.method, refused.request.body]).toEqual(['PATCH', { instruments: ['Piano', 'Violin'], bio: 'Teaches all ages.', phone: '12' }]);
    refused.flush({ type: 'about:blank', title: 'Check', status: 400, code: 'IDENTITY.INVALID_PHONE', errors: [{ field: 'phone', message: 'Enter a phone number of 6 to 15 digits.' }] }, { status: 400, statusText: 'Bad Request' });
    await page.settle();
    expect(text(page.element.querySelector('[role="alert"][data-field="phone"]'))).toBe('Work phone: Enter a phone number of 6 to 15 digits.');
    page.field('phone').value = '';
    page.button('Save teaching profile').click();
    const saved = page.http.expectOne(`${PEOPLE_API.teachers}/t-1`);
    expect(saved.request.body).toEqual({ instruments: ['Piano', 'Violin'], bio: 'Teaches all ages.' });
    saved.flush({ ...tia, instruments: ['Piano', 'Violin'], bio: 'Teaches all ages.' });
    await page.settle();
    expect(terms().slice(0, 3)).toEqual(['Piano, Violin', 'Beginner', 'Teaches all ages.']);
    expect(text(page.element.querySelector('[role="status"]'))).toBe('Teaching profile saved.');
  });

  it('sends nothing when nothing changed', () => {
    expect(teachingChange(tia, { instruments: ' Piano ', levels: 'Beginner', bio: ' ', phone: '', email: '' })).toEqual({});
  });
});
