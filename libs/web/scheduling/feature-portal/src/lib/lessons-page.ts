import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { FreeSlot, Lesson, LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import {
  dateAndTimeIn,
  formatSlot,
  fromWallClock,
  instantAt,
  LessonsStore,
  minutesBetween,
  nameOf,
  nearestSlots,
  plusMinutes,
  previewCancellation,
  SchedulingApi,
  toWallClock,
  type CancellationPreview,
} from '@cadenza/web/scheduling/data-access';
import { CalendarPeriodNav, CancellationPolicyNotice, LessonTimetable, RequestPendingNote } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import {
  CalendarDatePipe,
  CalendarView,
  DateAdapter,
  provideCalendar,
  type CalendarEvent,
} from 'angular-calendar';
import { adapterFactory } from 'angular-calendar/date-adapters/date-fns';
import { addDays, endOfDay, endOfWeek, startOfDay, startOfWeek } from 'date-fns';
import { catchError, forkJoin, of } from 'rxjs';
import { FamilyContext } from './family-context';

interface NewLessonRequest {
  studentId: string;
  teacherId: string;
  date: string;
  time: string;
  duration: number;
  message: string;
}

type Panel = { lessonId: string; kind: 'reschedule' | 'cancel' } | null;

/** My lessons (or my children's), as a list or a calendar; ask to reschedule or cancel, or for a new lesson. */
@Component({
  selector: 'cz-lessons-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    CalendarDatePipe,
    CancellationPolicyNotice,
    ProblemAlert,
    CalendarPeriodNav,
    LessonTimetable,
    RouterLink,
    RequestPendingNote,
  ],
  providers: [provideCalendar({ provide: DateAdapter, useFactory: adapterFactory }), LessonsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './portal.scss',
  template: `
    <header class="head">
      <h1>{{ family.isParent() ? "Your children's lessons" : 'My lessons' }}</h1>
      @if (family.changeableStudents().length) {
        <button matButton="filled" type="button" (click)="openNewRequest()">Request a lesson</button>
      }
    </header>
    @if (viewOnly(); as names) {
      <p class="zone" data-testid="view-only">You can see {{ names }}'s lessons but not change them: your access is view only. A guardian with full access, or the school, can change them.</p>
    }

    <div class="controls">
      <mat-button-toggle-group aria-label="Show as" [value]="mode()" (change)="mode.set($event.value)" hideSingleSelectionIndicator>
        <mat-button-toggle value="list">List</mat-button-toggle>
        <mat-button-toggle value="calendar">Calendar</mat-button-toggle>
      </mat-button-toggle-group>
      @if (showStudent()) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Student</mat-label>
          <select matNativeControl [ngModel]="studentId()" (ngModelChange)="studentId.set($event)">
            <option value="">Everyone</option>
            @for (s of family.students(); track s.id) {
              <option [value]="s.id">{{ s.name }}</option>
            }
          </select>
        </mat-form-field>
      }
    </div>
    <p class="zone">Times in {{ timeZone() }}.</p>

    <cz-problem-alert class="block" [problem]="store.problem()" />
    <p class="status" role="status" data-testid="lessons-status">{{ status() }}</p>

    @if (newRequestOpen()) {
      <section class="card" aria-labelledby="new-request">
        <h2 id="new-request">Request a lesson</h2>
        @if (!teachers().length) {
          <p>Ask the school to arrange your first lesson; requests go to a teacher you already have lessons with.</p>
        } @else {
          <div class="fields">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>For</mat-label>
              <select matNativeControl [ngModel]="newRequest().studentId" (ngModelChange)="patchNew({ studentId: $event })">
                @for (s of family.changeableStudents(); track s.id) {
                  <option [value]="s.id">{{ s.name }}</option>
                }
              </select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Teacher</mat-label>
              <select matNativeControl [ngModel]="newRequest().teacherId" (ngModelChange)="patchNew({ teacherId: $event })">
                @for (t of teachers(); track t; let i = $index) {
                  <option [value]="t">{{ teacherName(t, i) }}</option>
                }
              </select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Date</mat-label>
              <input matInput type="date" [ngModel]="newRequest().date" (ngModelChange)="patchNew({ date: $event })" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Start time</mat-label>
              <input matInput type="time" [ngModel]="newRequest().time" (ngModelChange)="patchNew({ time: $event })" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Minutes</mat-label>
              <input matInput type="number" min="5" max="480" step="5" [ngModel]="newRequest().duration" (ngModelChange)="patchNew({ duration: $event })" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
              <mat-label>Message (optional)</mat-label>
              <input matInput [ngModel]="newRequest().message" (ngModelChange)="patchNew({ message: $event })" maxlength="500" />
            </mat-form-field>
          </div>
          <cz-problem-alert class="block" [problem]="requestProblem()" />
          <button matButton="filled" type="button" [disabled]="sending()" (click)="requestNewLesson()">Send request</button>
        }
        <button matButton type="button" (click)="newRequestOpen.set(false)">Close</button>
      </section>
    }

    @if (mode() === 'calendar') {
      <cz-calendar-period-nav class="cal-nav" [view]="calendarView()" [viewDate]="viewDate()" (viewDateChange)="viewDate.set($event)" />
      <h2 class="period">{{ viewDate() | calendarDate: calendarView() + 'ViewTitle' : 'en-GB' : 1 }}</h2>
      <cz-lesson-timetable [view]="calendarView()" [viewDate]="viewDate()" [events]="events()" [loadedFor]="loadedFor()" weekLabel="Week of lessons" dayLabel="Day of lessons" />
    }

    @if (mode() === 'list') {
      <ul class="lessons" data-testid="lesson-list">
        @for (lesson of upcoming(); track lesson.id) {
          <li class="card" data-testid="lesson" [attr.data-start]="lesson.start">
            <p class="when">{{ slot(lesson.start, lesson.end) }}</p>
            <p>{{ titleOf(lesson) }} · {{ lesson.status }}</p>
            @if (lesson.openRequests?.length) {
              <cz-request-pending-note>
                <a routerLink="/requests">{{ pendingWords(lesson) }}</a>
              </cz-request-pending-note>
            }
            @if (canChange(lesson)) {
              <div class="actions">
                @if (!isOpen(lesson, 'reschedule')) {
                  <button matButton="outlined" type="button" (click)="open(lesson, 'reschedule')">Reschedule</button>
                }
                @if (!isOpen(lesson, 'cancellation')) {
                  <button matButton="outlined" type="button" (click)="open(lesson, 'cancel')">Cancel</button>
                }
              </div>
            }
            @if (panel(); as p) {
              @if (p.lessonId === lesson.id && p.kind === 'reschedule') {
                <fieldset>
                  <legend>Move this lesson to</legend>
                  @for (s of slots(); track s.start) {
                    <label class="choice">
                      <input type="radio" name="slot" [value]="s.start" [checked]="chosenSlot() === s.start" (change)="chosenSlot.set(s.start)" />
                      {{ slot(s.start, s.end) }}
                    </label>
                  }
                  <label class="choice">
                    <input type="radio" name="slot" value="" [checked]="chosenSlot() === ''" (change)="chosenSlot.set('')" />
                    Another time
                  </label>
                  @if (chosenSlot() === '') {
                    <div class="fields">
                      <mat-form-field appearance="outline" subscriptSizing="dynamic">
                        <mat-label>New date</mat-label>
                        <input matInput type="date" [ngModel]="otherDate()" (ngModelChange)="otherDate.set($event)" />
                      </mat-form-field>
                      <mat-form-field appearance="outline" subscriptSizing="dynamic">
                        <mat-label>New start time</mat-label>
                        <input matInput type="time" [ngModel]="otherTime()" (ngModelChange)="otherTime.set($event)" />
                      </mat-form-field>
                    </div>
                  }
                  <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
                    <mat-label>Message (optional)</mat-label>
                    <input matInput [ngModel]="message()" (ngModelChange)="message.set($event)" maxlength="500" />
                  </mat-form-field>
                  <cz-problem-alert class="block" [problem]="requestProblem()" />
                  <div class="actions">
                    <button matButton="filled" type="button" [disabled]="sending()" (click)="requestReschedule(lesson)">Request reschedule</button>
                    <button matButton type="button" (click)="panel.set(null)">Back</button>
                  </div>
                </fieldset>
              }
              @if (p.lessonId === lesson.id && p.kind === 'cancel') {
                <fieldset>
                  <legend>Cancel this lesson</legend>
                  <cz-cancellation-policy-notice [preview]="preview(lesson)" />
                  <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
                    <mat-label>Reason (optional)</mat-label>
                    <input matInput [ngModel]="message()" (ngModelChange)="message.set($event)" maxlength="500" />
                  </mat-form-field>
                  <cz-problem-alert class="block" [problem]="requestProblem()" />
                  <div class="actions">
                    <button matButton="filled" type="button" [disabled]="sending()" (click)="requestCancellation(lesson)">Confirm cancellation</button>
                    <button matButton type="button" (click)="panel.set(null)">Keep the lesson</button>
                  </div>
                </fieldset>
              }
            }
          </li>
        } @empty {
          <li data-testid="lessons-empty">{{ loadedFor() ? 'No upcoming lessons in the next 8 weeks.' : 'Loading lessons…' }}</li>
        }
      </ul>
    }
  `,
})
export class LessonsPage {
  private readonly api = inject(SchedulingApi);
  protected readonly store = inject(LessonsStore);
  protected readonly family = inject(FamilyContext);
  protected readonly CalendarView = CalendarView;

  protected readonly mode = signal<'list' | 'calendar'>('list');
  /** Phones get a day at a time; wider screens a week. */
  protected readonly calendarView = signal(typeof matchMedia === 'function' && matchMedia('(max-width: 599.98px)').matches ? CalendarView.Day : CalendarView.Week);
  protected readonly viewDate = signal(new Date());
  protected readonly studentId = signal('');
  protected readonly lessons = this.store.lessons;
  /** What `lessons` were loaded for (period and student); empty until the first answer. */
  protected readonly loadedFor = this.store.loadedFor;
  /** A request the server refused: shown beside the form that sent it. */
  protected readonly requestProblem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly panel = signal<Panel>(null);
  protected readonly slots = signal<FreeSlot[]>([]);
  protected readonly chosenSlot = signal('');
  protected readonly otherDate = signal('');
  protected readonly otherTime = signal('');
  protected readonly message = signal('');
  protected readonly sending = signal(false);
  protected readonly newRequestOpen = signal(false);
  protected readonly newRequest = signal<NewLessonRequest>({ studentId: '', teacherId: '', date: '', time: '16:00', duration: 30, message: '' });

  protected readonly timeZone = this.family.timeZone;
  protected readonly showStudent = computed(() => this.family.students().length > 1);
  /** The names of the children a parent may only view ("Isla Nowak and Ava Smith"), or '' when there are none. */
  protected readonly viewOnly = computed(() => {
    if (!this.family.isParent() || !this.family.familiesLoaded()) return '';
    const names = this.family.students().filter((s) => !this.family.changeable().has(s.id)).map((s) => s.name);
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  });
  protected readonly teachers = computed(() => [...new Set(this.lessons().map((l) => l.teacherId))]);
  protected readonly events = computed<CalendarEvent<Lesson>[]>(() =>
    this.lessons().map((l) => ({ id: l.id, start: toWallClock(l.start, this.timeZone()), end: toWallClock(l.end, this.timeZone()), title: this.titleOf(l), meta: l })),
  );
  protected readonly upcoming = computed(() => this.lessons().filter((l) => Date.parse(l.end) >= Date.now()));

  constructor() {
    this.family.load();
    this.store.follow(() => {
      const tz = this.timeZone();
      let from: Date;
      let to: Date;
      if (this.mode() === 'list') {
        from = startOfDay(new Date());
        to = addDays(from, 56);
      } else if (this.calendarView() === CalendarView.Day) {
        from = startOfDay(this.viewDate());
        to = endOfDay(this.viewDate());
      } else {
        from = startOfWeek(this.viewDate(), { weekStartsOn: 1 });
        to = endOfWeek(this.viewDate(), { weekStartsOn: 1 });
      }
      return { from: fromWallClock(from, tz), to: fromWallClock(to, tz), studentId: this.studentId() || null };
    });
  }

  /** Who, what, with whom and where: "Amelia Patel: Piano 30 with Clara Wieck · Studio 1". */
  protected titleOf(lesson: Lesson): string {
    const who = lesson.studentIds.map((id) => nameOf(this.family.names(), id, '')).filter(Boolean).join(', ');
    const what = (lesson.lessonTypeId && this.family.lessonTypeNames().get(lesson.lessonTypeId)) || 'Lesson';
    const teacher = this.family.teacherNames().get(lesson.teacherId);
    const room = lesson.roomId ? this.family.roomNames().get(lesson.roomId) : undefined;
    return `${who ? `${who}: ` : ''}${what}${teacher ? ` with ${teacher}` : ''}${room ? ` · ${room}` : ''}${lesson.status === 'cancelled' ? ' (cancelled)' : ''}`;
  }

  protected teacherName(id: string, index: number): string {
    return this.family.teacherNames().get(id) ?? (index === 0 ? 'Usual teacher' : `Teacher ${index + 1}`);
  }

  protected slot(start: string, end: string | null = null): string {
    return formatSlot(start, end, this.timeZone());
  }

  /** Whether a request of this kind about the lesson is open already (one at a time: a second would be refused). */
  protected isOpen(lesson: Lesson, kind: 'reschedule' | 'cancellation'): boolean {
    return !!lesson.openRequests?.some((r) => r.kind === kind);
  }

  protected pendingWords(lesson: Lesson): string {
    const kinds = new Set((lesson.openRequests ?? []).map((r) => r.kind));
    const words = [kinds.has('reschedule') ? 'a new time' : null, kinds.has('cancellation') ? 'a cancellation' : null].filter(Boolean).join(' and ');
    return `You asked for ${words || 'a change'}: see Requests`;
  }

  protected canChange(lesson: Lesson): boolean {
    return lesson.status === 'scheduled' && Date.parse(lesson.start) > Date.now() && this.family.mayChange(lesson.studentIds);
  }

  protected preview(lesson: Lesson): CancellationPreview | null {
    const policy = this.family.policy();
    return policy ? previewCancellation(policy, lesson.start, new Date()) : null;
  }

  protected open(lesson: Lesson, kind: 'reschedule' | 'cancel'): void {
    this.panel.set({ lessonId: lesson.id, kind });
    this.message.set('');
    this.status.set('');
    this.requestProblem.set(null);
    this.slots.set([]);
    this.chosenSlot.set('');
    const { date, time } = dateAndTimeIn(lesson.start, this.timeZone());
    this.otherDate.set(date);
    this.otherTime.set(time);
    if (kind === 'reschedule') {
      // The free times nearest the lesson: the search answers the earliest first, so it is asked twice, for the day
      // before the lesson and for the week after its start, and the nearest of both are offered.
      const duration = minutesBetween(lesson.start, lesson.end);
      const at = Date.parse(lesson.start);
      const soonest = Date.now() + 60 * 60_000;
      const search = (from: number, to: number, limit: number) =>
        to <= from
          ? of([] as FreeSlot[])
          : this.api
              .freeSlots({ teacherId: lesson.teacherId, durationMinutes: duration, from: new Date(from).toISOString(), to: new Date(to).toISOString(), studentId: lesson.studentIds[0], limit })
              .pipe(catchError(() => of([] as FreeSlot[])));
      forkJoin([search(Math.max(soonest, at - 86_400_000), at, 50), search(Math.max(soonest, at), at + 7 * 86_400_000, 8)]).subscribe(([before, after]) =>
        this.slots.set(nearestSlots([...before, ...after], lesson.start, 8)),
      );
    }
  }

  protected requestReschedule(lesson: Lesson): void {
    let start: string;
    let end: string;
    const chosen = this.slots().find((s) => s.start === this.chosenSlot());
    if (chosen) {
      ({ start, end } = chosen);
    } else {
      if (!this.otherDate() || !this.otherTime()) return;
      start = instantAt(this.otherDate(), this.otherTime(), this.timeZone());
      end = plusMinutes(start, minutesBetween(lesson.start, lesson.end));
    }
    const message = this.message().trim();
    this.send(this.api.createRequest({ kind: 'reschedule', lessonId: lesson.id, start, end, ...(message ? { message } : {}) }), (r) =>
      `Reschedule requested for ${this.slot(r.proposed?.start ?? start, r.proposed?.end ?? end)}. The teacher will confirm.`,
    );
  }

  protected requestCancellation(lesson: Lesson): void {
    const message = this.message().trim();
    this.send(this.api.createRequest({ kind: 'cancellation', lessonId: lesson.id, ...(message ? { message } : {}) }), (r) => {
      const credit = r.policy ? (r.policy.creditWillBeGranted ? ' If it is approved, a makeup credit is granted.' : ' If it is approved, it counts as late: no makeup credit.') : '';
      return `Cancellation requested: the school will confirm.${credit}`;
    });
  }

  protected patchNew(patch: Partial<NewLessonRequest>): void {
    this.newRequest.update((r) => ({ ...r, ...patch }));
  }

  protected openNewRequest(): void {
    const tomorrow = dateAndTimeIn(new Date(Date.now() + 86_400_000), this.timeZone()).date;
    this.newRequest.set({
      studentId: this.family.changeableStudents()[0]?.id ?? '',
      teacherId: this.teachers()[0] ?? '',
      date: tomorrow,
      time: '16:00',
      duration: 30,
      message: '',
    });
    this.newRequestOpen.set(true);
  }

  protected requestNewLesson(): void {
    const r = this.newRequest();
    if (!r.studentId || !r.teacherId || !r.date || !r.time) return;
    const start = instantAt(r.date, r.time, this.timeZone());
    const message = r.message.trim();
    this.send(
      this.api.createRequest({ kind: 'new_lesson', studentId: r.studentId, teacherId: r.teacherId, start, end: plusMinutes(start, Number(r.duration) || 30), ...(message ? { message } : {}) }),
      () => `Lesson requested for ${this.slot(start)}. The teacher will confirm.`,
    );
  }

  private send(call: ReturnType<SchedulingApi['createRequest']>, done: (r: LessonRequest) => string): void {
    this.sending.set(true);
    this.requestProblem.set(null);
    call.subscribe({
      next: (request) => {
        this.sending.set(false);
        this.panel.set(null);
        this.newRequestOpen.set(false);
        this.status.set(done(request));
        // The lesson now reads "request pending".
        if (request.lessonId) this.store.reload();
      },
      error: (e: unknown) => {
        this.sending.set(false);
        this.requestProblem.set(toProblem(e));
      },
    });
  }
}
