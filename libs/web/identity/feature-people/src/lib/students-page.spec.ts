import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { UserSummary } from '@cadenza/shared/contracts';
import { API, AuthStore } from '@cadenza/web/shared/data-access-api';
import { aMe, aSession } from '@cadenza/web/shared/data-access-api/testing';
import { PEOPLE_API } from '@cadenza/web/identity/data-access';
import { dayInWords, StudentsPage, todayIn } from './students-page';

const student = (id: string, name: string, leftSchoolOn: string | null = null): UserSummary => ({
  id,
  email: `${id}@demo.cadenza.school`,
  name,
  roles: ['student'],
  safeguardingLead: false,
  dateOfBirth: null,
  minor: false,
  leftSchoolOn,
});

const adminSession = aSession('token', aMe({ id: 'admin', email: 'admin@demo.cadenza.school', name: 'Ada Admin', roles: ['admin'], safeguardingLead: true }));

describe('StudentsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<StudentsPage>;
  let element: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const row = (id: string) => element.querySelector(`[data-testid="student-${id}"]`) as HTMLElement;
  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [StudentsPage], providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login('admin@demo.cadenza.school', 'pw').subscribe();
    http.expectOne(API.login).flush(adminSession);
    fixture = TestBed.createComponent(StudentsPage);
    element = fixture.nativeElement as HTMLElement;
    await settle();
    http.expectOne(`${PEOPLE_API.students}?status=all`).flush([student('s-2', 'Zoe Zed', '2026-07-20'), student('s-1', 'Ada Able')]);
    await settle();
  });
  afterEach(() => http.verify());

  it('lists the students by name, saying who left and when, with what it means for retention', () => {
    expect([...element.querySelectorAll('li .name')].map((n) => n.textContent?.trim())).toEqual(['Ada Able', 'Zoe Zed']);
    expect(text(row('s-1'))).toContain('At the school');
    expect(text(row('s-2'))).toContain('Left on 20 July 2026');
    expect(text(element.querySelector('.intro'))).toContain('deleted, with its files, once the retention period');
    expect(text(row('s-1'))).not.toContain('Clear');
  });

  it('sets the day a student left with PATCH and shows it', async () => {
    const input = row('s-1').querySelector('input[type="date"]') as HTMLInputElement;
    input.value = '2026-06-30';
    (row('s-1').querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const patch = http.expectOne(`${PEOPLE_API.students}/s-1`);
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { leftSchoolOn: '2026-06-30' }]);
    patch.flush(student('s-1', 'Ada Able', '2026-06-30'));
    await settle();
    expect(text(row('s-1'))).toContain('Left on 30 June 2026');
    expect(text(row('s-1').querySelector('[role="status"]'))).toBe('Saved.');
  });

  it('clears the day when the student is back', async () => {
    (row('s-2').querySelector('button[aria-label="Zoe Zed is back: clear the day they left"]') as HTMLButtonElement).click();
    const patch = http.expectOne(`${PEOPLE_API.students}/s-2`);
    expect(patch.request.body).toEqual({ leftSchoolOn: null });
    patch.flush(student('s-2', 'Zoe Zed', null));
    await settle();
    expect(text(row('s-2'))).toContain('At the school');
  });

  it('shows the server’s refusal beside the student, naming the field’s problem', async () => {
    const input = row('s-1').querySelector('input[type="date"]') as HTMLInputElement;
    input.value = '2099-01-01';
    (row('s-1').querySelector('button[type="submit"]') as HTMLButtonElement).click();
    http.expectOne(`${PEOPLE_API.students}/s-1`).flush(
      { type: 'about:blank', title: 'Check the student', status: 400, code: 'IDENTITY.INVALID_LEAVING_DAY', errors: [{ field: 'leftSchoolOn', message: 'Today or earlier.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(row('s-1').querySelector('[role="alert"]'))).toBe('Today or earlier.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(text(row('s-1'))).toContain('At the school');
  });

  it('finds a student by name or email', async () => {
    const find = element.querySelector('input[type="search"]') as HTMLInputElement;
    find.value = 'zoe';
    find.dispatchEvent(new Event('input'));
    await settle();
    expect([...element.querySelectorAll('li .name')].map((n) => n.textContent?.trim())).toEqual(['Zoe Zed']);
  });

  it('says days in words and today in a zone', () => {
    expect(dayInWords('2026-07-20')).toBe('20 July 2026');
    expect(todayIn('Pacific/Auckland', new Date('2026-11-23T12:00:00Z'))).toBe('2026-11-24');
  });
});
