import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ConflictProblem, EditLessonRequest, FreeSlot, LessonDetail, LessonHistoryEntry, MoveLessonResult, ProblemDetails } from '@cadenza/shared/contracts';
import { conflictProblemOf, dateAndTimeIn, formatSlot, minutesBetween, onlySoftConflicts, plusMinutes, recurrenceInWords, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { ConflictList, RequestPendingNote } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { switchMap, type Observable } from 'rxjs';
import { REQUEST_KIND_LABELS } from '../requests/requests-page';
import { LessonPeopleFields, lessonPeopleControls } from '../schedule/lesson-people-fields';
import { StaffDirectory } from '../staff-directory';
import { historyInWords } from './lesson-words';
import { MoveLessonDialog, type MoveLessonDialogData } from './move-lesson-dialog';

type Panel = 'edit' | 'cancel' | 'end' | null;

/**
 * One lesson, opened from the calendar or at `/lessons/:id`: when, what, with whom, where, its series, open
 * requests and history; and, for an admin or its teacher, change it (people, room, type, length: this one or
 * this and the following), move it (a dialog), cancel it or the rest of its series with a reason, end its series.
 */
@Component({
  selector: 'cz-lesson-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, ConflictList, ProblemAlert, LessonPeopleFields, RequestPendingNote],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../_page.scss', '../schedule/dialog.scss', './lesson-page.scss'],
  template: `
    <a routerLink="/schedule" class="back">Back to the schedule</a>
    @if (detail.error()) {
      <h1>Lesson</h1>
      <cz-problem-alert class="block" [problem]="loadProblem()" />
      <button matButton="outlined" type="button" (click)="detail.reload()">Try again</button>
    } @else if (detail.value(); as d) {
      <h1 data-testid="lesson-title">{{ title(d) }}</h1>
      <p class="lead">{{ when(d) }} · <span [class.cancelled]="d.lesson.status === 'cancelled'">{{ d.lesson.status }}</span></p>
      @if (d.requests.length) {
        <cz-request-pending-note>
          <a href="#requests-title">{{ d.requests.length === 1 ? KINDS[d.requests[0].kind] + ' request' : d.requests.length + ' requests' }} waiting for an answer</a>
        </cz-request-pending-note>
      }
      @if (d.lesson.cancellation; as c) {
        <p>Cancelled by {{ name(d, c.by) }}: “{{ c.reason }}”.@if (c.creditGranted) { A makeup credit was granted.}</p>
      }
      <dl class="facts">
        <dt>Type</dt>
        <dd>{{ d.lessonType ? d.lessonType.name : 'None' }}</dd>
        <dt>Teacher</dt>
        <dd>{{ name(d, d.lesson.teacherId) }}</dd>
        <dt>Accompanist</dt>
        <dd>{{ d.lesson.accompanistId ? name(d, d.lesson.accompanistId) : 'None' }}</dd>
        <dt>Students</dt>
        <dd>{{ students(d) }}</dd>
        <dt>Room</dt>
        <dd>{{ d.room ? d.room.name : 'No room' }}</dd>
        <dt>Series</dt>
        <dd>{{ d.series ? recurrence(d) : 'A single lesson' }}</dd>
      </dl>

      <p class="status" role="status" data-testid="lesson-status">{{ status() }}</p>
      <cz-problem-alert class="block" [problem]="problem()" />

      @if (d.canChange && d.lesson.status === 'scheduled') {
        <div class="actions" role="group" aria-label="Change the lesson">
          <button matButton="filled" type="button" (click)="open('edit', d)" [attr.aria-expanded]="panel() === 'edit'">Edit</button>
          <button matButton="outlined" type="button" (click)="move(d)">Move…</button>
          <button matButton="outlined" type="button" (click)="open('cancel', d)" [attr.aria-expanded]="panel() === 'cancel'">Cancel lesson</button>
          @if (d.series) {
            <button matButton="outlined" type="button" (click)="open('end', d)" [attr.aria-expanded]="panel() === 'end'">End series</button>
          }
        </div>
      }

      @if (panel() === 'edit') {
        <section class="panel" aria-labelledby="edit-title">
          <h2 id="edit-title">Edit the lesson</h2>
          <form [formGroup]="editForm" (ngSubmit)="saveEdit(d)" novalidate>
            @if (conflicts(); as c) {
              <cz-conflict-list
                class="block"
                [conflicts]="c.conflicts"
                [suggestions]="c.suggestions"
                [timeZone]="directory.timeZone()"
                [roomNames]="directory.roomNames()"
                [disabled]="pending()"
                title="The changed lesson clashes"
                (picked)="pickForEdit(d, $event)"
              />
              @if (canOverride()) {
                <mat-form-field appearance="outline" class="wide">
                  <mat-label>Reason to override</mat-label>
                  <input matInput formControlName="overrideReason" maxlength="300" />
                </mat-form-field>
              }
            }
            <div class="grid">
              <cz-lesson-people-fields [group]="editForm" />
              <mat-form-field appearance="outline">
                <mat-label>Accompanist</mat-label>
                <select matNativeControl formControlName="accompanistId">
                  <option value="">None</option>
                  @for (a of accompanists(); track a.id) {
                    <option [value]="a.id">{{ a.name }}</option>
                  }
                </select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Duration (minutes)</mat-label>
                <input matInput type="number" min="5" max="480" step="5" formControlName="durationMinutes" required />
              </mat-form-field>
            </div>
            @if (d.series) {
              <fieldset>
                <legend>Which lessons</legend>
                <div class="choices">
                  <label class="choice"><input type="radio" formControlName="scope" value="this" /> This lesson only</label>
                  <label class="choice"><input type="radio" formControlName="scope" value="following" /> This and the following lessons of the series</label>
                </div>
              </fieldset>
            }
            <div class="actions">
              <button matButton="filled" type="submit" [disabled]="pending()">Save changes</button>
              @if (canOverride()) {
                <button matButton="outlined" type="button" [disabled]="pending() || !editForm.controls.overrideReason.value.trim()" (click)="saveEdit(d, true)">Save anyway</button>
              }
              <button matButton type="button" (click)="close()">Close</button>
            </div>
          </form>
        </section>
      }

      @if (panel() === 'cancel') {
        <section class="panel" aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel the lesson</h2>
          <p class="hint">The school cancelling grants each student a makeup credit, as the school's policy says.</p>
          <form [formGroup]="cancelForm" (ngSubmit)="cancel(d)" novalidate>
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Reason</mat-label>
              <input matInput formControlName="reason" maxlength="300" required />
              @if (cancelForm.controls.reason.touched && cancelForm.controls.reason.invalid) {
                <mat-error>Say why the lesson is cancelled.</mat-error>
              }
            </mat-form-field>
            @if (d.series) {
              <fieldset>
                <legend>Which lessons</legend>
                <div class="choices">
                  <label class="choice"><input type="radio" formControlName="scope" value="this" /> This lesson only</label>
                  <label class="choice"><input type="radio" formControlName="scope" value="following" /> This and the rest of the series</label>
                </div>
              </fieldset>
            }
            <div class="actions">
              <button matButton="filled" type="submit" [disabled]="pending()">Cancel the lesson</button>
              <button matButton type="button" (click)="close()">Keep it</button>
            </div>
          </form>
        </section>
      }

      @if (panel() === 'end' && d.series; as series) {
        <section class="panel" aria-labelledby="end-title">
          <h2 id="end-title">End the series</h2>
          <p class="hint">Its lessons after the last day are cancelled, without makeup credits. It now runs until {{ series.untilDate }}.</p>
          <form [formGroup]="endForm" (ngSubmit)="endSeries(d)" novalidate>
            <div class="grid">
              <mat-form-field appearance="outline">
                <mat-label>Last day</mat-label>
                <input matInput type="date" formControlName="lastDate" required />
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Reason</mat-label>
                <input matInput formControlName="reason" maxlength="300" required />
              </mat-form-field>
            </div>
            <div class="actions">
              <button matButton="filled" type="submit" [disabled]="pending()">End the series</button>
              <button matButton type="button" (click)="close()">Keep it</button>
            </div>
          </form>
        </section>
      }

      @if (d.requests.length) {
        <section aria-labelledby="requests-title">
          <h2 id="requests-title" tabindex="-1">Open requests</h2>
          <ul>
            @for (r of d.requests; track r.id) {
              <li>{{ KINDS[r.kind] }} asked by {{ r.requesterName ?? 'someone' }} ({{ r.status === 'countered' ? 'another time proposed' : r.status }})@if (r.message) {: “{{ r.message }}”}</li>
            }
          </ul>
          <p><a routerLink="/requests">Answer {{ d.requests.length === 1 ? 'it' : 'them' }} in Requests</a></p>
        </section>
      }

      @if (d.history) {
        <section aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ol class="history">
            @for (h of d.history; track $index) {
              <li>{{ at(h.at) }}: {{ h.actorId ? name(d, h.actorId) : 'The school' }} {{ describeChange(h) }}</li>
            } @empty {
              <li>No changes recorded.</li>
            }
          </ol>
        </section>
      }
    } @else {
      <h1>Lesson</h1>
      <p role="status">Loading the lesson…</p>
    }
  `,
})
export class LessonPage {
  /** The route's `:id`. */
  readonly id = input.required<string>();
  private readonly api = inject(SchedulingApi);
  private readonly dialog = inject(MatDialog);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly directory = inject(StaffDirectory);
  protected readonly KINDS = REQUEST_KIND_LABELS;

  protected readonly detail = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.lesson(params) });
  protected readonly loadProblem = computed(() => (this.detail.error() ? toProblem(this.detail.error()) : null));
  protected readonly panel = signal<Panel>(null);
  protected readonly pending = signal(false);
  protected readonly status = signal('');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly conflicts = signal<ConflictProblem | null>(null);
  protected readonly canOverride = computed(() => {
    const c = this.conflicts();
    return this.directory.isAdmin() && !!c && onlySoftConflicts(c.conflicts);
  });
  /** The accompanists an admin may pick (others see only themself, if they are one). */
  protected readonly accompanists = computed(() => this.directory.accompanists());

  protected readonly editForm = this.fb.group({ ...lessonPeopleControls(this.directory), accompanistId: [''], scope: ['this' as 'this' | 'following'], overrideReason: [''] });
  protected readonly cancelForm = this.fb.group({ reason: ['', [Validators.required, Validators.maxLength(300)]], scope: ['this' as 'this' | 'following'] });
  protected readonly endForm = this.fb.group({ lastDate: ['', Validators.required], reason: ['', [Validators.required, Validators.maxLength(300)]] });

  constructor() {
    this.directory.load();
  }

  protected name(d: LessonDetail, id: string): string {
    return d.people.find((p) => p.id === id)?.name ?? this.directory.names().get(id) ?? 'Someone';
  }
  protected students(d: LessonDetail): string {
    return d.lesson.studentIds.map((id) => this.name(d, id)).join(', ') || 'None';
  }
  protected title(d: LessonDetail): string {
    return `${d.lessonType?.name ?? 'Lesson'}: ${this.students(d)} with ${this.name(d, d.lesson.teacherId)}`;
  }
  protected when(d: LessonDetail): string {
    return `${formatSlot(d.lesson.start, d.lesson.end, this.directory.timeZone())} (${this.directory.timeZone()})`;
  }
  protected recurrence(d: LessonDetail): string {
    return d.series ? `${recurrenceInWords(d.series.rrule)} at ${d.series.startTime}, ${d.series.firstDate} to ${d.series.untilDate}` : '';
  }
  protected at(instant: string): string {
    return formatSlot(instant, null, this.directory.timeZone());
  }
  protected describeChange(entry: LessonHistoryEntry): string {
    return historyInWords(entry);
  }

  protected open(panel: Exclude<Panel, null>, d: LessonDetail): void {
    this.panel.set(this.panel() === panel ? null : panel);
    this.conflicts.set(null);
    this.problem.set(null);
    const l = d.lesson;
    if (panel === 'edit') {
      this.editForm.reset({
        teacherId: l.teacherId,
        studentIds: [...l.studentIds],
        roomId: l.roomId ?? '',
        lessonTypeId: l.lessonTypeId ?? '',
        durationMinutes: minutesBetween(l.start, l.end),
        accompanistId: l.accompanistId ?? '',
        scope: 'this',
        overrideReason: '',
      });
    }
    if (panel === 'cancel') this.cancelForm.reset({ reason: '', scope: 'this' });
    if (panel === 'end') this.endForm.reset({ lastDate: dateAndTimeIn(l.start, this.directory.timeZone()).date, reason: '' });
  }

  protected close(): void {
    this.panel.set(null);
    this.conflicts.set(null);
  }

  /** Only what differs from the lesson is sent: an edit changes what it names. */
  private editBody(d: LessonDetail, override: boolean): Partial<EditLessonRequest> {
    const v = this.editForm.getRawValue();
    const l = d.lesson;
    const body: Partial<EditLessonRequest> = { scope: v.scope };
    if (v.teacherId !== l.teacherId) body.teacherId = v.teacherId;
    if ([...v.studentIds].sort().join() !== [...l.studentIds].sort().join()) body.studentIds = v.studentIds;
    if ((v.roomId || null) !== l.roomId) body.roomId = v.roomId || null;
    if ((v.lessonTypeId || null) !== l.lessonTypeId) body.lessonTypeId = v.lessonTypeId || null;
    if ((v.accompanistId || null) !== l.accompanistId) body.accompanistId = v.accompanistId || null;
    if (Number(v.durationMinutes) !== minutesBetween(l.start, l.end)) body.durationMinutes = Number(v.durationMinutes);
    if (override && v.overrideReason.trim()) body.override = { reason: v.overrideReason.trim() };
    return body;
  }

  protected saveEdit(d: LessonDetail, override = false): void {
    if (this.pending()) return;
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      return;
    }
    this.send(this.api.editLesson(d.lesson.id, this.editBody(d, override)), (r) => `Lesson changed${r.lessons.length > 1 ? `, and ${r.lessons.length - 1} following` : ''}.`);
  }

  /** A free time offered for the changed lesson: move it there, then change it. */
  protected pickForEdit(d: LessonDetail, slot: FreeSlot): void {
    const length = minutesBetween(d.lesson.start, d.lesson.end);
    const moved = this.api.moveLesson(d.lesson.id, { start: slot.start, end: plusMinutes(slot.start, length), scope: 'this', ...(slot.roomId ? { roomId: slot.roomId } : {}) });
    this.send(moved.pipe(switchMap(() => this.api.editLesson(d.lesson.id, this.editBody(d, false)))), () => `Lesson moved to ${formatSlot(slot.start, slot.end, this.directory.timeZone())} and changed.`);
  }

  protected move(d: LessonDetail): void {
    const data: MoveLessonDialogData = { lesson: d.lesson };
    this.dialog
      .open(MoveLessonDialog, { data, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((result?: MoveLessonResult) => {
        if (!result) return;
        const [moved] = result.lessons;
        this.status.set(moved ? `Lesson moved to ${formatSlot(moved.start, moved.end, this.directory.timeZone())}${result.lessons.length > 1 ? `, and ${result.lessons.length - 1} following` : ''}.` : 'Lesson moved.');
        this.detail.reload();
      });
  }

  protected cancel(d: LessonDetail): void {
    if (this.pending()) return;
    if (this.cancelForm.invalid) {
      this.cancelForm.markAllAsTouched();
      return;
    }
    const v = this.cancelForm.getRawValue();
    this.send(this.api.cancelLesson(d.lesson.id, { reason: v.reason.trim(), scope: v.scope }), (r) => {
      const lessons = r.lessons.length > 1 ? `${r.lessons.length} lessons cancelled` : 'Lesson cancelled';
      const credits = r.credits.length ? `; ${r.credits.length} makeup credit${r.credits.length > 1 ? 's' : ''} granted` : '';
      return `${lessons}${credits}.`;
    });
  }

  protected endSeries(d: LessonDetail): void {
    if (this.pending() || !d.series) return;
    if (this.endForm.invalid) {
      this.endForm.markAllAsTouched();
      return;
    }
    const v = this.endForm.getRawValue();
    this.send(this.api.endSeries(d.series.id, { lastDate: v.lastDate, reason: v.reason.trim() }), (r) => `Series ended on ${r.series.untilDate}; ${r.cancelled.length} later lesson${r.cancelled.length === 1 ? '' : 's'} cancelled.`);
  }

  private send<T>(request: Observable<T>, done: (result: T) => string): void {
    this.pending.set(true);
    this.problem.set(null);
    this.status.set('');
    request.subscribe({
      next: (result) => {
        this.pending.set(false);
        this.panel.set(null);
        this.conflicts.set(null);
        this.status.set(done(result));
        this.detail.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const conflicts = conflictProblemOf(error);
        this.conflicts.set(conflicts);
        if (!conflicts) this.problem.set(toProblem(error));
      },
    });
  }
}
