import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { LessonRegister, RegisterChange } from '@cadenza/shared/contracts';
import { ATTENDANCE_API } from '@cadenza/web/attendance/data-access';
import { LessonRegisterCard } from './lesson-register-card';
import { registerProgress } from './register-day';

const counts = { students: 2, marked: 1, present: 0, late: 0, absentWithNotice: 0, absentWithoutNotice: 1, excused: 0 };
const lesson: LessonRegister = {
  lessonId: 'l-1',
  teacherId: 't-1',
  accompanistId: null,
  studentIds: ['s-1', 's-2'],
  start: '2026-11-02T16:00:00Z',
  end: '2026-11-02T16:45:00Z',
  cancelled: false,
  startedAt: '2026-11-02T16:01:00Z',
  endedAt: null,
  complete: false,
  delivered: false,
  counts,
  entries: [{ studentId: 's-1', status: 'absent_no_notice', lateMinutes: null, note: null, markedBy: 't-1', markedAt: '2026-11-02T16:02:00Z' }],
};
const names = new Map([
  ['s-1', 'Amelia Patel'],
  ['s-2', 'Oliver Okafor'],
  ['t-1', 'Clara Wieck'],
]);

describe('LessonRegisterCard', () => {
  let fixture: ComponentFixture<LessonRegisterCard>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let changed: LessonRegister[];

  function open(correction: boolean): void {
    TestBed.configureTestingModule({ imports: [LessonRegisterCard], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LessonRegisterCard);
    fixture.componentRef.setInput('lesson', lesson);
    fixture.componentRef.setInput('viewer', { me: 'a-1', names, timeZone: 'Europe/London' });
    fixture.componentRef.setInput('correction', correction);
    changed = [];
    fixture.componentInstance.changed.subscribe((l) => changed.push(l));
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }
  afterEach(() => backend.verify());

  const button = (name: string) => [...element.querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(name)) as HTMLButtonElement;
  const typeReason = (text: string) => {
    const input = element.querySelector('input[name="reason"]') as HTMLInputElement;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  };

  it('asks no reason while the window is open, and marks in two taps', () => {
    open(false);
    expect(element.querySelector('input[name="reason"]')).toBeNull();
    button('Oliver Okafor').click();
    fixture.detectChanges();
    button('Present').click();
    const request = backend.expectOne(`${ATTENDANCE_API}/lessons/l-1/marks`);
    expect(request.request.body).toEqual({ marks: [{ studentId: 's-2', status: 'present' }] });
    request.flush({ ...lesson, counts: { ...counts, marked: 2 } });
    expect(changed).toHaveLength(1);
  });

  it('sends the reason of a correction, and shows the refusal of one without a reason in the card, under the field', async () => {
    open(true);
    button('Amelia Patel').click();
    fixture.detectChanges();
    button('Absent, told us').click();
    const refused = backend.expectOne(`${ATTENDANCE_API}/lessons/l-1/marks`);
    expect(refused.request.body).toEqual({ marks: [{ studentId: 's-1', status: 'absent_notice' }] });
    refused.flush(
      { type: 'about:blank', title: 'A reason is required', status: 400, code: 'ATTENDANCE.REASON_REQUIRED', detail: 'Say why the register changes after its window.', errors: [{ field: 'reason', message: 'Say why.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('A reason is required');
    expect(element.textContent).toContain('Reason: Say why.');
    expect(changed).toHaveLength(0);

    typeReason('The parent had emailed the office');
    await fixture.whenStable();
    button('Absent, told us').click();
    const corrected = backend.expectOne(`${ATTENDANCE_API}/lessons/l-1/marks`);
    expect(corrected.request.body).toEqual({ marks: [{ studentId: 's-1', status: 'absent_notice' }], reason: 'The parent had emailed the office' });
    corrected.flush(lesson);
    fixture.detectChanges();
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(changed).toHaveLength(1);
  });

  it('lists the history: who changed whom from what to what, and why', () => {
    open(true);
    button('History').click();
    const change: RegisterChange = {
      studentId: 's-1',
      from: { status: 'absent_no_notice', lateMinutes: null, note: null },
      to: { status: 'absent_notice', lateMinutes: null, note: null },
      changedBy: 'a-1',
      changedAt: '2026-11-20T09:00:00Z',
      reason: 'The parent had emailed the office',
    };
    backend.expectOne(`${ATTENDANCE_API}/lessons/l-1/history`).flush([{ ...change, from: null, to: change.from, changedBy: 't-1', reason: null }, change]);
    fixture.detectChanges();
    const items = [...element.querySelectorAll('.history li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toMatch(/Clara Wieck: Amelia Patel Absent$/);
    expect(items[1]).toMatch(/You: Amelia Patel Absent → Absent, told us — “The parent had emailed the office”$/);
    // A change heard later reads the shown history again.
    fixture.componentRef.setInput('lesson', { ...lesson, entries: [] });
    fixture.detectChanges();
    backend.expectOne(`${ATTENDANCE_API}/lessons/l-1/history`).flush([]);
  });
});

describe('registerProgress', () => {
  const at = (iso: string) => new Date(iso);
  it('says where a register stands as the day register does', () => {
    expect(registerProgress({ ...lesson, cancelled: true }, at('2026-11-02T17:00:00Z'))).toBe('cancelled');
    expect(registerProgress({ ...lesson, complete: true }, at('2026-11-02T15:00:00Z'))).toBe('complete');
    expect(registerProgress(lesson, at('2026-11-02T15:59:00Z'))).toBe('upcoming');
    expect(registerProgress(lesson, at('2026-11-02T16:30:00Z'))).toBe('in_progress');
    expect(registerProgress(lesson, at('2026-11-02T16:45:00Z'))).toBe('missing');
  });
});
