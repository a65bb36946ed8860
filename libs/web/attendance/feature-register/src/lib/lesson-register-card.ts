import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { AttendanceMark, AttendanceStatus, LessonRegister, ProblemDetails, RegisterChange } from '@cadenza/shared/contracts';
import { AttendanceApi, statusText, STATUS_LABELS } from '@cadenza/web/attendance/data-access';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { finalize, type Observable } from 'rxjs';

/** The choices a tap on a student offers: the second tap marks. */
const CHOICES: { label: string; mark: Omit<AttendanceMark, 'studentId'> }[] = [
  { label: STATUS_LABELS.present, mark: { status: 'present' } },
  { label: 'Late 5 min', mark: { status: 'late', lateMinutes: 5 } },
  { label: 'Late 15 min', mark: { status: 'late', lateMinutes: 15 } },
  { label: STATUS_LABELS.absent_notice, mark: { status: 'absent_notice' } },
  { label: STATUS_LABELS.absent_no_notice, mark: { status: 'absent_no_notice' } },
  { label: STATUS_LABELS.excused, mark: { status: 'excused' } },
];

/** What a register card knows of who looks at it. */
export interface RegisterViewer {
  /** Who is looking: "you" in the history, and no "with …" on their own lessons. */
  me: string | null;
  /** Names of the school's people known to the page (students, teachers, anyone the history may name). */
  names: ReadonlyMap<string, string>;
  /** The school's time zone, in which times are shown (the browser's without one). */
  timeZone: string | undefined;
}

/** A mark in words, as the history shows it. */
function markText(mark: RegisterChange['to']): string {
  return mark.status === 'late' ? `Late ${mark.lateMinutes} min` : STATUS_LABELS[mark.status];
}

/**
 * One lesson's register, made for a phone between lessons: a tap on a student offers the statuses and a second tap
 * marks it; "All present" marks everyone not yet marked; Start and End lesson record the actual times. Where the
 * marking window has closed (`correction`), a reason is asked first and sent with every change, as an admin's late
 * correction needs. The server's refusal is shown in the card, beside what was tried. **History** lists every change,
 * who made it and why. The page owns the lesson: each answer goes out through `changed`.
 */
@Component({
  selector: 'cz-lesson-register-card',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'region', '[attr.aria-labelledby]': "'lesson-' + lesson().lessonId", '[attr.data-testid]': "'register-' + lesson().lessonId" },
  styles: `
    :host {
      display: block;
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 12px 16px;
      margin: 0 0 16px;
    }
    h2 {
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
    cz-problem-alert {
      display: block;
      margin: 8px 0;
    }
    .reason {
      width: 100%;
    }
    .error {
      margin: 0 0 8px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .students li + li {
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
    .history {
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
    }
    .history li {
      padding: 6px 0;
      overflow-wrap: anywhere;
    }
    .history .when {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    <h2 [id]="'lesson-' + lesson().lessonId">{{ time() }}</h2>
    <p class="state" aria-live="polite">{{ state() }}</p>
    <cz-problem-alert [problem]="problem()" />
    @if (!lesson().cancelled) {
      <div class="actions">
        @if (!lesson().startedAt && !over()) {
          <button mat-stroked-button type="button" [disabled]="busy()" (click)="start()">Start lesson</button>
        } @else if (!lesson().endedAt) {
          <button mat-stroked-button type="button" [disabled]="busy()" (click)="end()">End lesson</button>
        }
        @if (unmarked().length > 0) {
          <button mat-flat-button type="button" [disabled]="busy()" (click)="allPresent()">All present</button>
        }
        <button mat-button type="button" [attr.aria-expanded]="history() !== null" [attr.aria-controls]="'history-' + lesson().lessonId" (click)="toggleHistory()">
          {{ history() === null ? 'History' : 'Hide history' }}
        </button>
      </div>
      @if (correction()) {
        <mat-form-field class="reason" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Reason for the correction</mat-label>
          <input matInput name="reason" maxlength="500" [ngModel]="reason()" (ngModelChange)="reason.set($event)" [attr.aria-invalid]="errors()['reason'] ? 'true' : null" />
          <mat-hint>The marking window has closed: a change needs a reason, kept in the history.</mat-hint>
        </mat-form-field>
        @if (errors()['reason']; as message) {
          <p class="error" role="alert">Reason: {{ message }}</p>
        }
      }
      <ul class="students" [attr.aria-label]="'Students of the lesson at ' + time()">
        @for (studentId of lesson().studentIds; track studentId) {
          <li>
            <button
              type="button"
              class="student"
              [attr.aria-expanded]="open() === studentId"
              [attr.aria-controls]="'choices-' + lesson().lessonId + '-' + studentId"
              (click)="open.set(open() === studentId ? null : studentId)"
            >
              <span>{{ name(studentId) }}</span>
              <span class="status" [class.unmarked]="!isMarked(studentId)">{{ status(studentId) }}</span>
            </button>
            @if (open() === studentId) {
              <div class="choices" role="group" [id]="'choices-' + lesson().lessonId + '-' + studentId" [attr.aria-label]="'Mark ' + name(studentId)">
                @for (choice of choices; track choice.label) {
                  <button mat-stroked-button type="button" [disabled]="busy()" (click)="mark(studentId, choice.mark)">{{ choice.label }}</button>
                }
              </div>
            }
          </li>
        }
      </ul>
    }
    @if (history(); as changes) {
      <section class="history" [id]="'history-' + lesson().lessonId" [attr.aria-label]="'History of the lesson at ' + time()">
        <ul>
          @for (change of changes; track $index) {
            <li>
              <span class="when">{{ when(change.changedAt) }}</span> · {{ who(change.changedBy) }}: {{ name(change.studentId) }} {{ change.from ? from(change) + ' → ' : '' }}{{ to(change) }}
              @if (change.reason) {
                — “{{ change.reason }}”
              }
            </li>
          } @empty {
            <li>No marks yet.</li>
          }
        </ul>
      </section>
    }
  `,
})
export class LessonRegisterCard {
  private readonly api = inject(AttendanceApi);
  readonly lesson = input.required<LessonRegister>();
  /** Who is looking, the names the page knows and the school's time zone (see `RegisterViewer`). */
  readonly viewer = input<RegisterViewer>({ me: null, names: new Map(), timeZone: undefined });
  private readonly names = computed(() => this.viewer().names);
  private readonly me = computed(() => this.viewer().me);
  private readonly timeZone = computed(() => this.viewer().timeZone);
  /** The marking window has closed and the viewer may still correct: a reason is asked and sent. */
  readonly correction = input(false);
  readonly changed = output<LessonRegister>();

  protected readonly choices = CHOICES;
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly errors = computed(() => fieldErrors(this.problem()));
  protected readonly busy = signal(false);
  protected readonly open = signal<string | null>(null);
  protected readonly reason = signal('');
  /** The register's changes while the history is shown, else null. */
  protected readonly history = signal<RegisterChange[] | null>(null);
  protected readonly unmarked = computed(() => this.lesson().studentIds.filter((id) => !this.isMarked(id)));

  constructor() {
    // A register that changed (here, on another device, or at the office) reads its history again if it is shown.
    effect(() => {
      this.lesson();
      untracked(() => {
        if (this.history() !== null) this.loadHistory();
      });
    });
  }

  /** Past its scheduled end: it can no longer be started. */
  protected over(): boolean {
    return Date.now() >= new Date(this.lesson().end).getTime();
  }

  protected time(): string {
    const { start, end } = this.lesson();
    const format = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: this.timeZone() });
    return `${format.format(new Date(start))}–${format.format(new Date(end))}`;
  }

  protected when(iso: string): string {
    return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: this.timeZone() }).format(new Date(iso));
  }

  private clock(iso: string): string {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone: this.timeZone() }).format(new Date(iso));
  }

  protected name(studentId: string): string {
    return this.names().get(studentId) ?? 'Student';
  }

  protected who(userId: string): string {
    return userId === this.me() ? 'You' : (this.names().get(userId) ?? 'Someone at the school');
  }

  protected from(change: RegisterChange): string {
    return change.from ? markText(change.from) : '';
  }

  protected to(change: RegisterChange): string {
    return markText(change.to);
  }

  protected isMarked(studentId: string): boolean {
    return this.lesson().entries.some((e) => e.studentId === studentId);
  }

  protected status(studentId: string): string {
    return statusText(this.lesson(), studentId);
  }

  protected state(): string {
    const lesson = this.lesson();
    if (lesson.cancelled) return 'Cancelled';
    const { marked, students } = lesson.counts;
    const started = lesson.endedAt ? `ended ${this.clock(lesson.endedAt)}` : lesson.startedAt ? `started ${this.clock(lesson.startedAt)}` : 'not started';
    const teaching = lesson.teacherId === this.me() ? '' : ` · with ${this.names().get(lesson.teacherId) ?? 'their teacher'}`;
    return `${marked} of ${students} marked · ${started}${lesson.delivered ? ' · delivered' : ''}${teaching}`;
  }

  protected mark(studentId: string, mark: Omit<AttendanceMark, 'studentId'>): void {
    this.send(this.api.mark(this.lesson().lessonId, [{ studentId, ...mark }], this.givenReason()));
  }

  protected allPresent(): void {
    const marks = this.unmarked().map((studentId) => ({ studentId, status: 'present' as AttendanceStatus }));
    this.send(this.api.mark(this.lesson().lessonId, marks, this.givenReason()));
  }

  protected start(): void {
    this.send(this.api.start(this.lesson().lessonId));
  }

  protected end(): void {
    this.send(this.api.end(this.lesson().lessonId));
  }

  protected toggleHistory(): void {
    if (this.history() === null) this.loadHistory();
    else this.history.set(null);
  }

  private loadHistory(): void {
    this.api.history(this.lesson().lessonId).subscribe({ next: (changes) => this.history.set(changes), error: (error) => this.problem.set(toProblem(error)) });
  }

  /** The reason typed, sent only with a correction (an empty one is left out for the server to ask for). */
  private givenReason(): string | undefined {
    return this.correction() ? this.reason().trim() || undefined : undefined;
  }

  /** One change at a time: its answer replaces the lesson, its refusal shows in the card. */
  private send(request: Observable<LessonRegister>): void {
    this.busy.set(true);
    this.problem.set(null);
    request.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: (updated) => (this.open.set(null), this.changed.emit(updated)),
      error: (error) => this.problem.set(toProblem(error)),
    });
  }
}
