import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Assignment, PracticeHistory, ProblemDetails, StudentProgress } from '@cadenza/shared/contracts';
import { PracticeApi } from '@cadenza/web/attendance/data-access-practice';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { forkJoin, type Observable } from 'rxjs';

const dayInWords = (date: string) => new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
const shortDay = (date: string) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
/** A submitted form's fields by name, as strings ('' when absent). */
const formValues = (event: Event) => {
  const data = new FormData(event.target as HTMLFormElement);
  return (name: string) => String(data.get(name) ?? '').trim();
};
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

/**
 * One student's assignments, practice and progress, as the caller may see them: the student and full-access guardians
 * of a minor log practice; the student's teachers (and admins) set assignments, mark them done and comment on logs;
 * everyone who sees the student reads all of it. What the caller may do comes from the server (`viewer`), which
 * refuses anything else.
 */
@Component({
  selector: 'cz-student-practice',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    section {
      margin: 0 0 24px;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .figures {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
      gap: 8px;
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }
    .figures li,
    .card {
      padding: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    .figure {
      display: block;
      font: var(--mat-sys-headline-small);
    }
    .weeks {
      display: grid;
      grid-template-columns: 4.5em 1fr 5em;
      gap: 4px 8px;
      align-items: center;
      margin: 0;
    }
    .weeks dt,
    .weeks dd {
      margin: 0;
      white-space: nowrap;
    }
    .bar {
      height: 12px;
      border-radius: 6px;
      background: var(--mat-sys-primary);
    }
    .list {
      display: grid;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .meta {
      margin: 4px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .done {
      color: var(--mat-sys-primary);
      font-weight: 500;
    }
    .comments {
      margin: 8px 0 0;
      padding: 0 0 0 12px;
      border-left: 3px solid var(--mat-sys-outline-variant);
      list-style: none;
    }
    form {
      display: grid;
      gap: 4px;
      max-width: 480px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .row > mat-form-field {
      flex: 1 1 140px;
    }
    a {
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <cz-problem-alert [problem]="problem()" />
    @if (progress(); as p) {
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <ul class="figures" aria-label="Progress in figures">
          <li><span class="figure">{{ p.currentLevel?.name ?? 'Not yet graded' }}</span>Level ({{ p.scale.name }})</li>
          <li><span class="figure">{{ weekMinutes() }} min</span>Practice this week</li>
          <li><span class="figure">{{ p.assignments.done }} of {{ p.assignments.total }}</span>Assignments done</li>
          <li><span class="figure">{{ attended() }} of {{ marked() }}</span>Lessons attended</li>
        </ul>
        <h3 id="weeks-heading">Practice per week</h3>
        <dl class="weeks" aria-labelledby="weeks-heading">
          @for (w of p.practiceWeeks; track w.weekOf) {
            <dt>{{ short(w.weekOf) }}</dt>
            <dd><div class="bar" [style.width.%]="barWidth(w.minutes)"></div></dd>
            <dd>{{ w.minutes }} min</dd>
          }
        </dl>
        <p class="meta">
          Attendance: {{ p.attendance.present }} present, {{ p.attendance.late }} late, {{ p.attendance.absentWithNotice }} absent with notice,
          {{ p.attendance.absentWithoutNotice }} absent without notice, {{ p.attendance.excused }} excused.
        </p>
        @if (p.achievements.length > 0) {
          <h3 id="levels-heading">Levels reached</h3>
          <ul class="list" aria-labelledby="levels-heading">
            @for (a of p.achievements; track a.id) {
              <li>{{ a.levelName }} · {{ day(a.achievedOn) }}@if (a.piece) { · {{ a.piece }}}@if (a.note) { · {{ a.note }}}</li>
            }
          </ul>
        }
        @if (p.targets.length > 0) {
          <h3 id="targets-heading">Targets</h3>
          <ul class="list" aria-labelledby="targets-heading">
            @for (t of p.targets; track t.id) {
              <li>{{ t.description }} · by {{ day(t.dueOn) }}</li>
            }
          </ul>
        }
        @if (p.viewer.canTeach) {
          @if (p.scale.levels.length > 0) {
            <form (submit)="recordLevel($event)" aria-label="Record a level reached">
              <h3>Record a level reached</h3>
              <div class="row">
                <mat-form-field>
                  <mat-label>Level</mat-label>
                  <select matNativeControl name="levelId" required>
                    @for (l of p.scale.levels; track l.id) {
                      <option [value]="l.id">{{ l.name }}</option>
                    }
                  </select>
                </mat-form-field>
                <mat-form-field>
                  <mat-label>Reached on</mat-label>
                  <input matInput type="date" name="achievedOn" required [max]="p.today" [value]="p.today" />
                </mat-form-field>
              </div>
              <mat-form-field>
                <mat-label>Piece</mat-label>
                <input matInput name="piece" maxlength="200" />
              </mat-form-field>
              <div class="row"><button mat-stroked-button type="submit" [disabled]="busy()">Record level</button></div>
            </form>
          }
          <form (submit)="setTarget($event)" aria-label="Set a target">
            <h3>Set a target</h3>
            <mat-form-field>
              <mat-label>Target</mat-label>
              <input matInput name="description" required maxlength="500" />
              @if (errors()['description']; as e) { <mat-error>{{ e }}</mat-error> }
            </mat-form-field>
            <div class="row">
              @if (p.scale.levels.length > 0) {
                <mat-form-field>
                  <mat-label>Level (optional)</mat-label>
                  <select matNativeControl name="levelId">
                    <option value="">None</option>
                    @for (l of p.scale.levels; track l.id) {
                      <option [value]="l.id">{{ l.name }}</option>
                    }
                  </select>
                </mat-form-field>
              }
              <mat-form-field>
                <mat-label>By</mat-label>
                <input matInput type="date" name="dueOn" required [min]="p.today" />
              </mat-form-field>
            </div>
            <div class="row"><button mat-stroked-button type="submit" [disabled]="busy()">Set target</button></div>
          </form>
        }
      </section>

      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">Assignments</h2>
        @if (assignments().length === 0) {
          <p class="meta">No assignments yet.</p>
        }
        <ul class="list" aria-labelledby="assignments-heading">
          @for (a of assignments(); track a.id) {
            <li class="card">
              <h3>{{ a.title }}</h3>
              <p class="meta">
                Due {{ day(a.dueOn) }}@if (a.done) { · <span class="done">Done</span>}
              </p>
              @if (a.description) {
                <p>{{ a.description }}</p>
              }
              @if (a.pieces.length > 0) {
                <p>Pieces: {{ a.pieces.join(', ') }}</p>
              }
              @for (link of a.links; track link) {
                <p><a [href]="link" target="_blank" rel="noopener">{{ link }}</a></p>
              }
              @if (p.viewer.canTeach) {
                <button mat-stroked-button type="button" (click)="markDone(a, !a.done)">{{ a.done ? 'Reopen' : 'Mark done' }}</button>
              }
            </li>
          }
        </ul>
        @if (p.viewer.canTeach) {
          <h3>Set an assignment</h3>
          <form (submit)="setAssignment($event)" aria-label="Set an assignment">
            <mat-form-field>
              <mat-label>Title</mat-label>
              <input matInput name="title" required maxlength="200" [value]="draft().title" (input)="draftField('title', $event)" />
              @if (errors()['title']; as e) { <mat-error>{{ e }}</mat-error> }
            </mat-form-field>
            <mat-form-field>
              <mat-label>Due</mat-label>
              <input matInput type="date" name="dueOn" required [min]="p.today" [value]="draft().dueOn" (input)="draftField('dueOn', $event)" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Pieces or topics (one a line)</mat-label>
              <textarea matInput name="pieces" rows="2" [value]="draft().pieces" (input)="draftField('pieces', $event)"></textarea>
            </mat-form-field>
            <mat-form-field>
              <mat-label>What to work on</mat-label>
              <textarea matInput name="description" rows="2" maxlength="4000" [value]="draft().description" (input)="draftField('description', $event)"></textarea>
            </mat-form-field>
            <div class="row"><button mat-flat-button type="submit" [disabled]="busy()">Set assignment</button></div>
          </form>
        }
      </section>

      <section aria-labelledby="practice-heading">
        <h2 id="practice-heading">Practice</h2>
        @if (p.viewer.canLog) {
          <form (submit)="logPractice($event)" aria-label="Log practice">
            <div class="row">
              <mat-form-field>
                <mat-label>Day</mat-label>
                <input matInput type="date" name="practisedOn" required [max]="p.today" [value]="entry().practisedOn || p.today" (input)="entryField('practisedOn', $event)" />
              </mat-form-field>
              <mat-form-field>
                <mat-label>Minutes</mat-label>
                <input matInput type="number" name="minutes" required min="1" max="1440" [value]="entry().minutes" (input)="entryField('minutes', $event)" />
                @if (errors()['minutes']; as e) { <mat-error>{{ e }}</mat-error> }
              </mat-form-field>
            </div>
            <mat-form-field>
              <mat-label>Assignment</mat-label>
              <select matNativeControl name="assignmentId" [value]="entry().assignmentId" (change)="entryField('assignmentId', $event)">
                <option value="">Free practice</option>
                @for (a of openAssignments(); track a.id) {
                  <option [value]="a.id">{{ a.title }}</option>
                }
              </select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Note</mat-label>
              <input matInput name="note" maxlength="1000" [value]="entry().note" (input)="entryField('note', $event)" />
            </mat-form-field>
            <div class="row"><button mat-flat-button type="submit" [disabled]="busy()">Log practice</button></div>
          </form>
        }
        <h3 id="history-heading">Practice history</h3>
        @if ((history()?.logs ?? []).length === 0) {
          <p class="meta">No practice logged in the last four weeks.</p>
        }
        <ul class="list" aria-labelledby="history-heading">
          @for (log of history()?.logs ?? []; track log.id) {
            <li class="card">
              <strong>{{ day(log.practisedOn) }} · {{ log.minutes }} min</strong>
              @if (log.assignmentId) {
                <span class="meta"> · {{ titleOf(log.assignmentId) }}</span>
              }
              @if (log.note) {
                <p>{{ log.note }}</p>
              }
              @if (log.comments.length > 0) {
                <ul class="comments" aria-label="Teacher’s comments">
                  @for (c of log.comments; track c.id) {
                    <li>{{ c.body }}</li>
                  }
                </ul>
              }
              @if (p.viewer.canTeach) {
                <form class="row" (submit)="comment($event, log.id)" [attr.aria-label]="'Comment on ' + day(log.practisedOn)">
                  <mat-form-field>
                    <mat-label>Comment</mat-label>
                    <input matInput name="comment" maxlength="2000" required />
                  </mat-form-field>
                  <button mat-stroked-button type="submit" [disabled]="busy()">Comment</button>
                </form>
              }
            </li>
          }
        </ul>
      </section>
    } @else if (!problem()) {
      <p class="meta">Loading…</p>
    }
  `,
})
export class StudentPractice {
  readonly studentId = input.required<string>();

  private readonly api = inject(PracticeApi);
  protected readonly progress = signal<StudentProgress | null>(null);
  protected readonly assignments = signal<Assignment[]>([]);
  protected readonly history = signal<PracticeHistory | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly errors = computed(() => fieldErrors(this.problem()));
  protected readonly draft = signal({ title: '', dueOn: '', pieces: '', description: '' });
  protected readonly entry = signal({ practisedOn: '', minutes: '', assignmentId: '', note: '' });

  protected readonly openAssignments = computed(() => this.assignments().filter((a) => !a.done));
  protected readonly weekMinutes = computed(() => this.progress()?.practiceWeeks.at(-1)?.minutes ?? 0);
  protected readonly marked = computed(() => Object.values(this.progress()?.attendance ?? {}).reduce((a, b) => a + b, 0));
  protected readonly attended = computed(() => (this.progress()?.attendance.present ?? 0) + (this.progress()?.attendance.late ?? 0));
  private readonly busiestWeek = computed(() => Math.max(1, ...(this.progress()?.practiceWeeks.map((w) => w.minutes) ?? [])));

  protected readonly day = dayInWords;
  protected readonly short = shortDay;

  constructor() {
    effect(() => {
      const id = this.studentId();
      untracked(() => this.load(id));
    });
  }

  protected barWidth(minutes: number): number {
    return Math.round((minutes / this.busiestWeek()) * 100);
  }

  protected titleOf(assignmentId: string): string {
    return this.assignments().find((a) => a.id === assignmentId)?.title ?? 'An assignment';
  }

  protected draftField(field: 'title' | 'dueOn' | 'pieces' | 'description', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected entryField(field: 'practisedOn' | 'minutes' | 'assignmentId' | 'note', event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.entry.update((e) => ({ ...e, [field]: value }));
  }

  protected setAssignment(event: Event): void {
    event.preventDefault();
    const d = this.draft();
    this.send(this.api.setAssignment(this.studentId(), { title: d.title, dueOn: d.dueOn, description: d.description || undefined, pieces: lines(d.pieces) }), () =>
      this.draft.set({ title: '', dueOn: '', pieces: '', description: '' }),
    );
  }

  protected markDone(assignment: Assignment, done: boolean): void {
    this.send(this.api.markAssignment(assignment.id, done));
  }

  protected logPractice(event: Event): void {
    event.preventDefault();
    const e = this.entry();
    const today = this.progress()?.today ?? '';
    this.send(this.api.log(this.studentId(), { practisedOn: e.practisedOn || today, minutes: Number(e.minutes), note: e.note || undefined, assignmentId: e.assignmentId || undefined }), () =>
      this.entry.set({ practisedOn: '', minutes: '', assignmentId: '', note: '' }),
    );
  }

  protected recordLevel(event: Event): void {
    event.preventDefault();
    const form = formValues(event);
    this.send(this.api.recordAchievement(this.studentId(), { levelId: form('levelId'), achievedOn: form('achievedOn'), piece: form('piece') || undefined }), () => (event.target as HTMLFormElement).reset());
  }

  protected setTarget(event: Event): void {
    event.preventDefault();
    const form = formValues(event);
    this.send(this.api.setTarget(this.studentId(), { description: form('description'), dueOn: form('dueOn'), levelId: form('levelId') || undefined }), () => (event.target as HTMLFormElement).reset());
  }

  protected comment(event: Event, logId: string): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const field = form.elements.namedItem('comment') as HTMLInputElement;
    this.send(this.api.comment(logId, field.value), () => (field.value = ''));
  }

  /** Sends a change; on success clears its form and reads everything again (figures depend on it). */
  private send(request: Observable<unknown>, done: () => void = () => undefined): void {
    this.busy.set(true);
    request.subscribe({
      next: () => {
        this.problem.set(null);
        done();
        this.load(this.studentId());
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.busy.set(false);
      },
    });
  }

  private load(studentId: string): void {
    forkJoin({ progress: this.api.progress(studentId), assignments: this.api.assignments(studentId), history: this.api.logs(studentId) }).subscribe({
      next: ({ progress, assignments, history }) => {
        this.progress.set(progress);
        this.assignments.set(assignments);
        this.history.set(history);
        this.busy.set(false);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.busy.set(false);
      },
    });
  }
}
