import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { REGISTER_PROGRESS, type AttendanceSettings, type DayRegisterLesson, type RegisterProgress, type TeacherSummary } from '@cadenza/shared/contracts';
import { AttendanceApi } from '@cadenza/web/attendance/data-access';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { LessonRegisterCard } from './lesson-register-card';
import { DayNav } from './day-nav';
import { RegisterDay } from './register-day';
import { REGISTER_PAGE_STYLES } from './register-styles';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What each standing is called on screen. */
const PROGRESS_LABELS: Record<RegisterProgress, string> = { missing: 'Missing', in_progress: 'In progress', complete: 'Complete', upcoming: 'Upcoming', cancelled: 'Cancelled' };

/**
 * The admins' day register: every teacher's lessons of a school day (today in the school's time zone unless
 * `?date=` says), narrowed to one teacher (`?teacher=`) or one standing (`?state=`: missing, in progress, complete…),
 * with how many stand where. Each register may be marked and corrected; once its marking window has closed (the
 * school's setting), a change asks for a reason, and the history shows who changed what and why.
 */
@Component({
  selector: 'cz-day-register-page',
  imports: [DayNav, LessonRegisterCard, MatFormFieldModule, MatInputModule, ProblemAlert],
  providers: [RegisterDay],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    REGISTER_PAGE_STYLES,
    `
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0 12px;
      }
      .filters mat-form-field {
        flex: 1 1 200px;
      }
      .summary {
        margin: 0 0 16px;
        color: var(--mat-sys-on-surface-variant);
      }
      .teacher {
        margin: 24px 0 8px;
        font: var(--mat-sys-title-large);
      }
    `,
  ],
  template: `
    <h1>Day register</h1>
    <cz-problem-alert [problem]="register.problem()" />
    <div class="filters" role="search" aria-label="Which lessons">
      <mat-form-field appearance="outline">
        <mat-label>Day</mat-label>
        <input matInput type="date" name="date" [value]="register.day()?.date ?? date() ?? ''" (change)="choose({ date: $any($event.target).value || null })" />
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Teacher</mat-label>
        <select matNativeControl name="teacher" [value]="teacher() ?? ''" (change)="choose({ teacher: $any($event.target).value || null })">
          <option value="">Every teacher</option>
          @for (person of teachers(); track person.id) {
            <option [value]="person.id" [selected]="person.id === teacher()">{{ person.name }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Register</mat-label>
        <select matNativeControl name="state" [value]="state() ?? ''" (change)="choose({ state: $any($event.target).value || null })">
          <option value="">Any</option>
          @for (progress of progresses; track progress) {
            <option [value]="progress" [selected]="progress === state()">{{ labels[progress] }}</option>
          }
        </select>
      </mat-form-field>
    </div>
    @if (register.day(); as day) {
      <cz-day-nav [date]="day.date" [today]="!date()" />
      <p class="summary" role="status">{{ summary() }}</p>
      @for (group of byTeacher(); track group.teacherId) {
        <h2 class="teacher">{{ teacherName(group.teacherId) }}</h2>
        @for (lesson of group.lessons; track lesson.lessonId) {
          <cz-lesson-register-card [lesson]="lesson" [viewer]="register.viewer()" [correction]="windowClosed(lesson)" (changed)="register.replace($event)" />
        }
      } @empty {
        <p>No lessons {{ teacher() || state() ? 'match these filters' : 'that day' }}.</p>
      }
    } @else if (!register.problem()) {
      <p role="status">Loading the day's lessons…</p>
    }
  `,
})
export class DayRegisterPage {
  private readonly api = inject(AttendanceApi);
  private readonly router = inject(Router);
  protected readonly register = inject(RegisterDay);
  protected readonly progresses = REGISTER_PROGRESS;
  protected readonly labels = PROGRESS_LABELS;
  /** `?date=YYYY-MM-DD`, `?teacher=<id>`, `?state=<standing>`: the day and the filters, kept in the address. */
  readonly date = input<string | undefined>(undefined);
  readonly teacher = input<string | undefined>(undefined);
  readonly state = input<RegisterProgress | undefined>(undefined);
  protected readonly teachers = signal<TeacherSummary[]>([]);
  private readonly settings = signal<AttendanceSettings | null>(null);

  /** The lessons in the order of their teachers' names, then of their times. */
  protected readonly byTeacher = computed(() => {
    const groups = new Map<string, DayRegisterLesson[]>();
    for (const lesson of this.register.day()?.lessons ?? []) groups.set(lesson.teacherId, [...(groups.get(lesson.teacherId) ?? []), lesson]);
    return [...groups]
      .map(([teacherId, lessons]) => ({ teacherId, lessons }))
      .sort((a, b) => this.teacherName(a.teacherId).localeCompare(this.teacherName(b.teacherId)));
  });

  protected readonly summary = computed(() => {
    const lessons = this.register.day()?.lessons ?? [];
    const counts = REGISTER_PROGRESS.map((p) => [p, lessons.filter((l) => l.state === p).length] as const).filter(([, n]) => n > 0);
    const total = `${lessons.length} ${lessons.length === 1 ? 'lesson' : 'lessons'}`;
    return counts.length === 0 ? total : `${total}: ${counts.map(([p, n]) => `${n} ${PROGRESS_LABELS[p].toLowerCase()}`).join(', ')}`;
  });

  constructor() {
    this.register.loadNames(true);
    this.api.teachers().subscribe({ next: (people) => this.teachers.set([...people].sort((a, b) => a.name.localeCompare(b.name))), error: () => undefined });
    this.api.settings().subscribe({ next: (settings) => this.settings.set(settings), error: () => undefined });
    effect(() => this.register.load({ date: this.date(), teacherId: this.teacher(), state: this.state() }));
  }

  /** Whether the lesson's marking window has closed, so a change needs a reason (the server decides; this asks for it). */
  protected windowClosed(lesson: DayRegisterLesson): boolean {
    const days = this.settings()?.markingWindowDays;
    return days !== undefined && Date.now() > new Date(lesson.end).getTime() + days * DAY_MS;
  }

  protected teacherName(teacherId: string): string {
    return this.register.names().get(teacherId) ?? 'A teacher';
  }

  protected choose(change: { date?: string | null; teacher?: string | null; state?: string | null }): void {
    void this.router.navigate([], { queryParams: change, queryParamsHandling: 'merge' });
  }
}
