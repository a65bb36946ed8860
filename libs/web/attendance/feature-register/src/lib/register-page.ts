import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { REALTIME_EVENTS, type AttendanceMark, type AttendanceStatus, type LessonRegister } from '@cadenza/shared/contracts';
import { AttendanceApi, statusText, STATUS_LABELS } from '@cadenza/web/attendance/data-access';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { AuthStore, RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import type { Observable } from 'rxjs';

/** The choices a tap on a student offers: the second tap marks. */
const CHOICES: { label: string; mark: Omit<AttendanceMark, 'studentId'> }[] = [
  { label: STATUS_LABELS.present, mark: { status: 'present' } },
  { label: 'Late 5 min', mark: { status: 'late', lateMinutes: 5 } },
  { label: 'Late 15 min', mark: { status: 'late', lateMinutes: 15 } },
  { label: STATUS_LABELS.absent_notice, mark: { status: 'absent_notice' } },
  { label: STATUS_LABELS.absent_no_notice, mark: { status: 'absent_no_notice' } },
  { label: STATUS_LABELS.excused, mark: { status: 'excused' } },
];

const timeOf = (iso: string) => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/**
 * A teacher's register for today, made for a phone between lessons: each lesson with its students; a tap on a student
 * offers the statuses and a second tap marks it; "All present" marks everyone not yet marked; Start and End lesson
 * record the actual times. The server's refusal is shown above the lesson; marks made elsewhere arrive over the socket
 * (`register.changed.v1`).
 */
@Component({
  selector: 'cz-register-page',
  imports: [MatButtonModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 720px;
    }
    h1 {
      margin: 0 0 16px;
      font: var(--mat-sys-headline-small);
    }
    .lesson {
      margin: 0 0 16px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .lesson h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .state {
      margin: 4px 0 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 8px 0;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .student {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 8px;
      width: 100%;
      min-height: 48px;
      padding: 8px 4px;
      border: 0;
      background: none;
      color: inherit;
      font: var(--mat-sys-body-large);
      text-align: start;
      cursor: pointer;
    }
    .status {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-primary);
      white-space: nowrap;
    }
    .status.unmarked {
      color: var(--mat-sys-on-surface-variant);
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 8px;
      padding: 0 0 12px;
    }
    .choices button {
      min-height: 48px;
    }
  `,
  template: `
    <h1>Register</h1>
    <cz-problem-alert [problem]="problem()" />
    @if (lessons() === null) {
      <p role="status">Loading today's lessons…</p>
    } @else {
      @for (lesson of lessons(); track lesson.lessonId) {
        <section class="lesson" [attr.aria-labelledby]="'lesson-' + lesson.lessonId" [attr.data-testid]="'register-' + lesson.lessonId">
          <h2 [id]="'lesson-' + lesson.lessonId">{{ time(lesson) }}</h2>
          <p class="state" aria-live="polite">{{ state(lesson) }}</p>
          @if (!lesson.cancelled) {
            <div class="actions">
              @if (!lesson.startedAt) {
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="start(lesson)">Start lesson</button>
              } @else if (!lesson.endedAt) {
                <button mat-stroked-button type="button" [disabled]="busy()" (click)="end(lesson)">End lesson</button>
              }
              @if (unmarked(lesson).length > 0) {
                <button mat-flat-button type="button" [disabled]="busy()" (click)="allPresent(lesson)">All present</button>
              }
            </div>
            <ul [attr.aria-label]="'Students of the lesson at ' + time(lesson)">
              @for (studentId of lesson.studentIds; track studentId) {
                <li>
                  <button
                    type="button"
                    class="student"
                    [attr.aria-expanded]="open() === lesson.lessonId + studentId"
                    [attr.aria-controls]="'choices-' + lesson.lessonId + '-' + studentId"
                    (click)="toggle(lesson.lessonId + studentId)"
                  >
                    <span>{{ name(studentId) }}</span>
                    <span class="status" [class.unmarked]="!isMarked(lesson, studentId)">{{ status(lesson, studentId) }}</span>
                  </button>
                  @if (open() === lesson.lessonId + studentId) {
                    <div class="choices" role="group" [id]="'choices-' + lesson.lessonId + '-' + studentId" [attr.aria-label]="'Mark ' + name(studentId)">
                      @for (choice of choices; track choice.label) {
                        <button mat-stroked-button type="button" [disabled]="busy()" (click)="mark(lesson, studentId, choice.mark)">{{ choice.label }}</button>
                      }
                    </div>
                  }
                </li>
              }
            </ul>
          }
        </section>
      } @empty {
        <p>No lessons today.</p>
      }
    }
  `,
})
export class RegisterPage {
  private readonly api = inject(AttendanceApi);
  private readonly auth = inject(AuthStore);
  protected readonly choices = CHOICES;
  protected readonly lessons = signal<LessonRegister[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  /** The student whose choices are showing (lesson id + student id). */
  protected readonly open = signal<string | null>(null);
  private readonly names = signal(new Map<string, string>());
  private readonly me = computed(() => this.auth.user()?.id ?? null);

  constructor() {
    const from = new Date();
    from.setHours(0, 0, 0, 0);
    const to = new Date(from);
    to.setDate(to.getDate() + 1);
    this.api.lessons(from, to).subscribe({ next: (lessons) => this.lessons.set(lessons), error: (error) => this.fail(error) });
    // Marks made on another device (or by the office) show here as they are made.
    inject(RealtimeClient)
      .on(REALTIME_EVENTS.registerChanged)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(({ lessonId }) => {
        if (!this.lessons()?.some((l) => l.lessonId === lessonId)) return;
        this.api.lesson(lessonId).subscribe({ next: (updated) => this.replace(updated), error: () => undefined });
      });
    // Names only: a list that fails leaves "Student" or "their teacher" in its place.
    this.api.students().subscribe({ next: (people) => this.addNames(people), error: () => undefined });
    this.api.teachers().subscribe({ next: (people) => this.addNames(people), error: () => undefined });
  }

  protected time(lesson: LessonRegister): string {
    return `${timeOf(lesson.start)}–${timeOf(lesson.end)}`;
  }

  protected name(studentId: string): string {
    return this.names().get(studentId) ?? 'Student';
  }

  protected isMarked(lesson: LessonRegister, studentId: string): boolean {
    return lesson.entries.some((e) => e.studentId === studentId);
  }

  protected status(lesson: LessonRegister, studentId: string): string {
    return statusText(lesson, studentId);
  }

  protected unmarked(lesson: LessonRegister): string[] {
    return lesson.studentIds.filter((id) => !this.isMarked(lesson, id));
  }

  protected state(lesson: LessonRegister): string {
    if (lesson.cancelled) return 'Cancelled';
    const { marked, students } = lesson.counts;
    const started = lesson.endedAt ? `ended ${timeOf(lesson.endedAt)}` : lesson.startedAt ? `started ${timeOf(lesson.startedAt)}` : 'not started';
    const teaching = lesson.teacherId === this.me() ? '' : ` · with ${this.names().get(lesson.teacherId) ?? 'their teacher'}`;
    return `${marked} of ${students} marked · ${started}${lesson.delivered ? ' · delivered' : ''}${teaching}`;
  }

  private addNames(people: readonly { id: string; name: string }[]): void {
    this.names.update((known) => new Map([...known, ...people.map((p) => [p.id, p.name] as const)]));
  }

  protected toggle(key: string): void {
    this.open.set(this.open() === key ? null : key);
  }

  protected mark(lesson: LessonRegister, studentId: string, mark: Omit<AttendanceMark, 'studentId'>): void {
    this.send(this.api.mark(lesson.lessonId, [{ studentId, ...mark }]));
  }

  protected allPresent(lesson: LessonRegister): void {
    this.send(this.api.mark(lesson.lessonId, this.unmarked(lesson).map((studentId) => ({ studentId, status: 'present' as AttendanceStatus }))));
  }

  protected start(lesson: LessonRegister): void {
    this.send(this.api.start(lesson.lessonId));
  }

  protected end(lesson: LessonRegister): void {
    this.send(this.api.end(lesson.lessonId));
  }

  private send(request: Observable<LessonRegister>): void {
    this.busy.set(true);
    this.problem.set(null);
    request.subscribe({
      next: (updated) => {
        this.replace(updated);
        this.open.set(null);
        this.busy.set(false);
      },
      error: (error) => {
        this.fail(error);
        this.busy.set(false);
      },
    });
  }

  private replace(updated: LessonRegister): void {
    this.lessons.update((all) => (all ?? []).map((l) => (l.lessonId === updated.lessonId ? updated : l)));
  }

  private fail(error: unknown): void {
    this.problem.set(toProblem(error));
  }
}
