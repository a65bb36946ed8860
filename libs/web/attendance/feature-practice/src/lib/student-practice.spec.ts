import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Assignment, PracticeHistory, StudentProgress } from '@cadenza/shared/contracts';
import { PRACTICE_API } from '@cadenza/web/attendance/data-access-practice';
import { StudentPractice } from './student-practice';

const grade = { id: 'g-2', name: 'Grade 2' };
const progress = (viewer: StudentProgress['viewer']): StudentProgress => ({
  studentId: 's-1',
  today: '2026-12-08',
  viewer,
  practiceWeeks: [
    { weekOf: '2026-11-30', minutes: 120 },
    { weekOf: '2026-12-07', minutes: 60 },
  ],
  attendance: { present: 8, late: 1, absentWithNotice: 1, absentWithoutNotice: 0, excused: 0 },
  assignments: { total: 2, done: 1, open: 1, overdue: 0 },
  scale: { name: 'ABRSM grades', levels: [{ id: 'g-1', name: 'Grade 1' }, grade] },
  currentLevel: grade,
  achievements: [{ id: 'a-1', studentId: 's-1', levelId: 'g-2', levelName: 'Grade 2', achievedOn: '2026-10-01', piece: 'Minuet in G', note: null, recordedBy: 't-1' }],
  targets: [],
});
const assignment: Assignment = { id: 'as-1', studentId: 's-1', setBy: 't-1', title: 'Scales in G', description: null, dueOn: '2026-12-14', pieces: ['G major'], links: [], setAt: '2026-12-07T16:00:00Z', done: false, doneAt: null };
const history = (viewer: PracticeHistory['viewer']): PracticeHistory => ({
  from: '2026-11-11',
  to: '2026-12-08',
  viewer,
  logs: [{ id: 'l-1', studentId: 's-1', assignmentId: 'as-1', practisedOn: '2026-12-07', minutes: 30, note: 'Slowly', loggedBy: 's-1', loggedAt: '2026-12-07T18:00:00Z', comments: [{ id: 'c-1', authorId: 't-1', body: 'Good', at: '2026-12-08T08:00:00Z' }] }],
});

describe('StudentPractice', () => {
  let fixture: ComponentFixture<StudentPractice>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  function open(viewer: StudentProgress['viewer']): void {
    TestBed.configureTestingModule({ imports: [StudentPractice], providers: [provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StudentPractice);
    fixture.componentRef.setInput('studentId', 's-1');
    element = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne(`${PRACTICE_API}/students/s-1/progress`).flush(progress(viewer));
    backend.expectOne(`${PRACTICE_API}/students/s-1/assignments`).flush([assignment]);
    backend.expectOne((r) => r.url === `${PRACTICE_API}/students/s-1/logs`).flush(history(viewer));
    fixture.detectChanges();
  }
  afterEach(() => backend.verify());

  const forms = () => [...element.querySelectorAll('form')].map((f) => f.getAttribute('aria-label'));

  it('shows a reader the level, the weeks, the assignments and the history with comments, and no form at all', () => {
    open({ canLog: false, canTeach: false });
    expect(element.querySelector('[aria-label="Progress in figures"]')?.textContent).toContain('Grade 2');
    expect(element.querySelectorAll('.weeks dt')).toHaveLength(2);
    expect(element.textContent).toContain('Scales in G');
    expect(element.querySelector('[aria-label="Teacher’s comments"]')?.textContent).toContain('Good');
    expect(forms()).toEqual([]);
    expect(element.textContent).not.toContain('Mark done');
  });

  it('gives the student the logging form, and sends the log with the assignment chosen', () => {
    open({ canLog: true, canTeach: false });
    expect(forms()).toEqual(['Log practice']);
    const form = element.querySelector('form[aria-label="Log practice"]') as HTMLFormElement;
    const minutes = form.querySelector('input[name="minutes"]') as HTMLInputElement;
    minutes.value = '25';
    minutes.dispatchEvent(new Event('input'));
    const select = form.querySelector('select[name="assignmentId"]') as HTMLSelectElement;
    select.value = 'as-1';
    select.dispatchEvent(new Event('change'));
    form.dispatchEvent(new Event('submit'));
    const sent = backend.expectOne(`${PRACTICE_API}/students/s-1/logs`);
    expect(sent.request.method).toBe('POST');
    expect(sent.request.body).toEqual({ practisedOn: '2026-12-08', minutes: 25, note: undefined, assignmentId: 'as-1' });
    sent.flush(history({ canLog: true, canTeach: false }).logs[0]);
    backend.expectOne(`${PRACTICE_API}/students/s-1/progress`).flush(progress({ canLog: true, canTeach: false }));
    backend.expectOne(`${PRACTICE_API}/students/s-1/assignments`).flush([assignment]);
    backend.expectOne((r) => r.url === `${PRACTICE_API}/students/s-1/logs`).flush(history({ canLog: true, canTeach: false }));
  });

  it('gives a teacher the assignment, level, target and comment forms and Mark done, but no logging form', () => {
    open({ canLog: false, canTeach: true });
    expect(forms().slice(0, 3)).toEqual(['Record a level reached', 'Set a target', 'Set an assignment']);
    expect(forms().slice(3).map((label) => label?.startsWith('Comment on '))).toEqual([true]);
    (element.querySelector('.card button') as HTMLButtonElement).click();
    const marked = backend.expectOne(`${PRACTICE_API}/assignments/as-1`);
    expect(marked.request.body).toEqual({ done: true });
  });
});
