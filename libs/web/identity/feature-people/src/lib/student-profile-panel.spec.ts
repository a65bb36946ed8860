import type { Student } from '@cadenza/shared/contracts';
import { aMe, openPage, textOf as text, type PageHarness } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { StudentProfilePanel, studentProfileChange, type StudentProfileValues } from './student-profile-panel';

const ada: Student = {
  id: 's-1',
  email: null,
  name: 'Ada Able',
  roles: ['student'],
  safeguardingLead: false,
  dateOfBirth: '2014-03-02',
  minor: true,
  leftSchoolOn: null,
  signsIn: false,
  instruments: ['Cello'],
  level: 'Grade 2',
  schoolYear: null,
  staffNotes: null,
  medicalNotes: 'Asthma: inhaler in her bag.',
  emergencyContact: { name: 'Pat Able', phone: '+44 7700 900123', relation: 'Father' },
};
const unchanged: StudentProfileValues = { instruments: 'Cello', level: 'Grade 2', schoolYear: '', staffNotes: '', medicalNotes: 'Asthma: inhaler in her bag.', contactName: 'Pat Able', contactPhone: '+44 7700 900123', contactRelation: 'Father' };

describe('StudentProfilePanel', () => {
  let page: PageHarness<StudentProfilePanel>;
  const terms = () => [...page.element.querySelectorAll('dl dd')].map((d) => text(d));
  const area = (name: string) => page.element.querySelector(`textarea[name="${name}"]`) as HTMLTextAreaElement;

  const changed: Student[] = [];
  async function open(canEdit: boolean, student: Student = ada) {
    page = await openPage(StudentProfilePanel, { student, canEdit }, aMe({ id: 'admin', roles: ['admin'] }));
    page.fixture.componentInstance.changed.subscribe((s) => {
      changed.push(s);
      page.fixture.componentRef.setInput('student', s);
    });
    await page.settle();
  }
  afterEach(() => page.http.verify());

  it('shows what they learn and the notes and contact the server answers', async () => {
    await open(false);
    expect(terms()).toEqual(['Cello', 'Grade 2', 'Not recorded', 'None', 'Asthma: inhaler in her bag.', 'Pat Able (Father), +44 7700 900123']);
  });

  it('leaves out what the server did not answer the viewer, and offers no edit to others than admins', async () => {
    await open(false, { ...ada, staffNotes: undefined, medicalNotes: undefined, emergencyContact: undefined });
    expect(terms()).toEqual(['Cello', 'Grade 2', 'Not recorded']);
    expect(page.element.querySelector('button')).toBeNull();
  });

  it('lets an admin edit every part in place, sending only what changed, and names a refused phone', async () => {
    await open(true);
    page.button('Edit student profile').click();
    await page.settle();
    page.field('instruments').value = 'Cello, Piano';
    page.field('schoolYear').value = 'Year 7';
    area('staffNotes').value = 'Prefers mornings.';
    page.field('contactPhone').value = '12';
    page.button('Save student profile').click();
    const refused = page.http.expectOne(`${PEOPLE_API.students}/s-1`);
    expect([refused.request.method, refused.request.body]).toEqual([
      'PATCH',
      { instruments: ['Cello', 'Piano'], schoolYear: 'Year 7', staffNotes: 'Prefers mornings.', emergencyContact: { name: 'Pat Able', phone: '12', relation: 'Father' } },
    ]);
    refused.flush({ type: 'about:blank', title: 'Check', status: 400, code: 'IDENTITY.INVALID_PHONE', errors: [{ field: 'emergencyContact.phone', message: 'Enter a phone number of 6 to 15 digits.' }] }, { status: 400, statusText: 'Bad Request' });
    await page.settle();
    expect(text(page.element.querySelector('[role="alert"][data-field="emergencyContact.phone"]'))).toBe('Emergency contact’s phone: Enter a phone number of 6 to 15 digits.');
    page.field('contactPhone').value = '+44 7700 900123';
    page.button('Save student profile').click();
    const saved = page.http.expectOne(`${PEOPLE_API.students}/s-1`);
    expect(saved.request.body).toEqual({ instruments: ['Cello', 'Piano'], schoolYear: 'Year 7', staffNotes: 'Prefers mornings.' });
    saved.flush({ ...ada, instruments: ['Cello', 'Piano'], schoolYear: 'Year 7', staffNotes: 'Prefers mornings.' });
    await page.settle();
    expect(terms().slice(0, 4)).toEqual(['Cello, Piano', 'Grade 2', 'Year 7', 'Prefers mornings.']);
    expect(text(page.element.querySelector('[role="status"]'))).toBe('Student profile saved.');
    expect(changed.map((s) => s.schoolYear)).toEqual(['Year 7']);
  });

  it('clears the emergency contact when its three parts are emptied, and sends nothing when nothing changed', () => {
    expect(studentProfileChange(ada, unchanged)).toEqual({});
    expect(studentProfileChange(ada, { ...unchanged, contactName: ' ', contactPhone: '', contactRelation: '' })).toEqual({ emergencyContact: null });
    expect(studentProfileChange({ ...ada, emergencyContact: null }, { ...unchanged, contactName: 'Kim', contactPhone: '01632 960001', contactRelation: 'Aunt' })).toEqual({ emergencyContact: { name: 'Kim', phone: '01632 960001', relation: 'Aunt' } });
  });
});
