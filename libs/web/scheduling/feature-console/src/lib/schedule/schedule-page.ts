import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ConflictProblem, FreeSlot, Lesson, ProblemDetails } from '@cadenza/shared/contracts';
import {
  conflictProblemOf,
  formatSlot,
  fromWallClock,
  LessonsStore,
  minutesBetween,
  nameOf,
  onlySoftConflicts,
  plusMinutes,
  SchedulingApi,
  toWallClock,
} from '@cadenza/web/scheduling/data-access';
import { CalendarPeriodNav, ConflictList, LessonTimetable } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import {
  CalendarDatePipe,
  CalendarView,
  DateAdapter,
  provideCalendar,
  type CalendarEvent,
  type CalendarEventTimesChangedEvent,
} from 'angular-calendar';
import { adapterFactory } from 'angular-calendar/date-adapters/date-fns';
import { endOfDay, endOfMonth, endOfWeek, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { Router, RouterLink } from '@angular/router';
import type { MoveLessonResult } from '@cadenza/shared/contracts';
import { MoveLessonDialog, type MoveLessonDialogData } from '../lesson/move-lesson-dialog';
import { StaffDirectory } from '../staff-directory';
import { BookLessonDialog } from './book-lesson-dialog';
import { SeriesDialog } from './series-dialog';

interface PendingMove {
  lesson: Lesson;
  start: string;
  end: string;
  problem: ConflictProblem;
}

/** The staff timetable: week, day and month views of lessons, filters, drag to move, booking. */
@Component({
  selector: 'cz-schedule-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    CalendarDatePipe,
    ConflictList,
    ProblemAlert,
    CalendarPeriodNav,
    LessonTimetable,
    RouterLink,
  ],
  providers: [provideCalendar({ provide: DateAdapter, useFactory: adapterFactory }), LessonsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './schedule-page.scss',
  template: `
    <header class="head">
      <h1>Schedule</h1>
      @if (canEdit()) {
        <div class="actions">
          <button matButton="filled" type="button" (click)="bookLesson()">New lesson</button>
          <button matButton="outlined" type="button" (click)="createSeries()">New series</button>
        </div>
      }
    </header>

    <section class="filters" aria-label="Filters">
      @for (filter of filters(); track filter.label) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ filter.label }}</mat-label>
          <select matNativeControl [ngModel]="filter.value()" (ngModelChange)="filter.value.set($event)">
            <option value="">{{ filter.all }}</option>
            @for (option of filter.options; track option.id) {
              <option [value]="option.id">{{ option.name }}</option>
            }
          </select>
        </mat-form-field>
      }
    </section>

    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status" data-testid="schedule-status">{{ status() }}</p>

    @if (pendingMove(); as pending) {
      <section class="block move" aria-labelledby="move-refused">
        <h2 id="move-refused">The lesson could not be moved to {{ describe({ start: pending.start, end: pending.end }) }}</h2>
        <cz-conflict-list
          [conflicts]="pending.problem.conflicts"
          [suggestions]="pending.problem.suggestions"
          [timeZone]="timeZone()"
          [roomNames]="directory.roomNames()"
          [disabled]="moving()"
          title="Conflicts"
          (picked)="pickSuggestion($event)"
        />
        @if (canOverride()) {
          <div class="override">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Reason to override</mat-label>
              <input matInput [ngModel]="overrideReason()" (ngModelChange)="overrideReason.set($event)" maxlength="300" />
            </mat-form-field>
            <button matButton="outlined" type="button" [disabled]="moving() || !overrideReason().trim()" (click)="overrideMove()">Move anyway</button>
          </div>
        }
        <button matButton type="button" (click)="dismissMove()">Keep the lesson where it is</button>
      </section>
    }

    <div class="toolbar">
      <cz-calendar-period-nav [view]="view()" [viewDate]="viewDate()" (viewDateChange)="viewDate.set($event)" />
      <h2 class="period" data-testid="schedule-period">{{ viewDate() | calendarDate: view() + 'ViewTitle' : 'en-GB' : 1 }}</h2>
      <mat-button-toggle-group aria-label="View" [value]="view()" (change)="setView($event.value)" hideSingleSelectionIndicator>
        <mat-button-toggle [value]="CalendarView.Day">Day</mat-button-toggle>
        <mat-button-toggle [value]="CalendarView.Week">Week</mat-button-toggle>
        <mat-button-toggle [value]="CalendarView.Month">Month</mat-button-toggle>
      </mat-button-toggle-group>
    </div>
    <p class="zone">Times in {{ timeZone() }}.@if (canEdit()) { Drag a lesson to move it.}</p>

    <cz-lesson-timetable
      [view]="view()"
      [viewDate]="viewDate()"
      [events]="events()"
      [loadedFor]="loadedFor()"
      weekLabel="Week timetable"
      dayLabel="Day timetable"
      [quarterHours]="true"
      (eventClicked)="eventClicked($event)"
      (eventTimesChanged)="eventTimesChanged($event)"
      (dayClicked)="viewDate.set($event); setView(CalendarView.Day)"
    />

    <section class="block list" aria-labelledby="lesson-list">
      <h2 id="lesson-list">Lessons in this period ({{ lessons().length }})</h2>
      <ul>
        @for (lesson of lessons(); track lesson.id) {
          <li>
            <a matButton class="lesson-link" [routerLink]="['/lessons', lesson.id]">{{ describe(lesson) }}: {{ titleOf(lesson) }}</a>
          </li>
        } @empty {
          <li>No lessons.</li>
        }
      </ul>
    </section>
  `,
})
export class SchedulePage {
  private readonly api = inject(SchedulingApi);
  private readonly dialog = inject(MatDialog);
  private readonly store = inject(LessonsStore);
  private readonly router = inject(Router);
  protected readonly directory = inject(StaffDirectory);
  protected readonly CalendarView = CalendarView;

  protected readonly view = signal<CalendarView>(CalendarView.Week);
  /** A wall-clock date in the viewer's zone. */
  protected readonly viewDate = signal(new Date());
  protected readonly teacherId = signal('');
  protected readonly roomId = signal('');
  protected readonly studentId = signal('');
  protected readonly lessons = this.store.lessons;
  /** The period and filters `lessons` were loaded for. */
  protected readonly loadedFor = this.store.loadedFor;
  /** A move the server refused for another reason than a conflict. */
  private readonly moveProblem = signal<ProblemDetails | null>(null);
  protected readonly problem = computed(() => this.store.problem() ?? this.moveProblem());
  protected readonly status = signal('');
  protected readonly pendingMove = signal<PendingMove | null>(null);
  protected readonly moving = signal(false);
  protected readonly overrideReason = signal('');

  protected readonly timeZone = this.directory.timeZone;
  /** The filters above the timetable: the teacher (admins only), the room and the student. */
  protected readonly filters = computed(() => [
    ...(this.directory.isAdmin() ? [{ label: 'Teacher', all: 'All teachers', options: this.directory.teachers(), value: this.teacherId }] : []),
    { label: 'Room', all: 'All rooms', options: this.directory.rooms(), value: this.roomId },
    { label: 'Student', all: 'All students', options: this.directory.students(), value: this.studentId },
  ]);
  protected readonly canEdit = computed(() => this.directory.isAdmin() || this.directory.isTeacher());
  protected readonly canOverride = computed(() => {
    const pending = this.pendingMove();
    return this.directory.isAdmin() && !!pending && onlySoftConflicts(pending.problem.conflicts);
  });

  private readonly range = computed(() => {
    const date = this.viewDate();
    const [from, to] =
      this.view() === CalendarView.Month
        ? [startOfWeek(startOfMonth(date), { weekStartsOn: 1 }), endOfWeek(endOfMonth(date), { weekStartsOn: 1 })]
        : this.view() === CalendarView.Day
          ? [startOfDay(date), endOfDay(date)]
          : [startOfWeek(date, { weekStartsOn: 1 }), endOfWeek(date, { weekStartsOn: 1 })];
    return { from: fromWallClock(from, this.timeZone()), to: fromWallClock(to, this.timeZone()) };
  });

  protected readonly events = computed<CalendarEvent<Lesson>[]>(() => {
    const tz = this.timeZone();
    const me = this.directory.user();
    return this.lessons().map((lesson) => ({
      id: lesson.id,
      start: toWallClock(lesson.start, tz),
      end: toWallClock(lesson.end, tz),
      title: this.titleOf(lesson),
      cssClass: `cz-lesson cz-lesson-${lesson.status}`,
      draggable: lesson.status === 'scheduled' && (this.directory.isAdmin() || (this.directory.isTeacher() && lesson.teacherId === me?.id)),
      meta: lesson,
    }));
  });

  constructor() {
    this.directory.load();
    const me = this.directory.user();
    // Teachers and accompanists start on their own timetable; admins on everyone's.
    if (me && !me.roles.includes('admin')) {
      if (me.roles.includes('teacher')) this.teacherId.set(me.id);
    }
    this.store.follow(() => {
      const me = this.directory.user();
      const accompanistOnly = !!me && !me.roles.includes('admin') && !me.roles.includes('teacher');
      return {
        ...this.range(),
        teacherId: this.teacherId() || null,
        roomId: this.roomId() || null,
        studentId: this.studentId() || null,
        accompanistId: accompanistOnly ? me.id : null,
      };
    });
  }

  protected reload(): void {
    this.store.reload();
  }

  protected setView(view: CalendarView): void {
    this.view.set(view);
  }

  protected titleOf(lesson: Lesson): string {
    const names = this.directory.names();
    const students = lesson.studentIds.map((id) => nameOf(names, id, 'Student')).join(', ');
    const room = lesson.roomId ? this.directory.roomNames().get(lesson.roomId) : null;
    const teacher = nameOf(names, lesson.teacherId, 'Teacher');
    const cancelled = lesson.status === 'cancelled' ? ' (cancelled)' : '';
    const pending = lesson.openRequests?.length ? ' · request pending' : '';
    return `${students} with ${teacher}${room ? ` · ${room}` : ''}${cancelled}${pending}`;
  }

  protected describe(lesson: { start: string; end: string }): string {
    return formatSlot(lesson.start, lesson.end, this.timeZone());
  }

  protected eventClicked(event: CalendarEvent<Lesson>): void {
    if (event.meta) void this.router.navigate(['/lessons', event.meta.id]);
  }

  protected eventTimesChanged({ event, newStart }: CalendarEventTimesChangedEvent<Lesson>): void {
    const lesson = event.meta;
    if (!lesson || !this.canEdit()) return;
    const start = fromWallClock(newStart, this.timeZone());
    if (start === new Date(lesson.start).toISOString()) return;
    // A lesson of a series asks which lessons move: this one, or this and the following.
    if (lesson.seriesId) this.moveInDialog(lesson, start);
    else this.move(lesson, start, plusMinutes(start, minutesBetween(lesson.start, lesson.end)));
  }

  private moveInDialog(lesson: Lesson, start: string): void {
    const data: MoveLessonDialogData = { lesson, start };
    this.dialog
      .open(MoveLessonDialog, { data, width: '560px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((result?: MoveLessonResult) => {
        const [moved] = result?.lessons ?? [];
        if (moved && result) this.status.set(`Lesson moved to ${formatSlot(moved.start, moved.end, this.timeZone())}${result.lessons.length > 1 ? ` and ${result.lessons.length - 1} following` : ''}.`);
        this.reload(); // moved, or back where it was
      });
  }

  protected pickSuggestion(slot: FreeSlot): void {
    const pending = this.pendingMove();
    if (pending) this.move(pending.lesson, slot.start, slot.end, slot.roomId ?? undefined);
  }

  protected overrideMove(): void {
    const pending = this.pendingMove();
    const reason = this.overrideReason().trim();
    if (pending && reason) this.move(pending.lesson, pending.start, pending.end, undefined, reason);
  }

  protected dismissMove(): void {
    this.pendingMove.set(null);
    this.overrideReason.set('');
  }

  private move(lesson: Lesson, start: string, end: string, roomId?: string, overrideReason?: string): void {
    this.moving.set(true);
    this.status.set('');
    this.moveProblem.set(null);
    this.api
      .moveLesson(lesson.id, {
        start,
        end,
        scope: 'this',
        ...(roomId !== undefined ? { roomId } : {}),
        ...(overrideReason ? { override: { reason: overrideReason } } : {}),
      })
      .subscribe({
        next: ({ lessons }) => {
          this.moving.set(false);
          this.pendingMove.set(null);
          this.overrideReason.set('');
          const [moved] = lessons;
          const more = lessons.length > 1 ? ` and ${lessons.length - 1} following` : '';
          this.status.set(moved ? `Lesson moved to ${formatSlot(moved.start, moved.end, this.timeZone())}${more}.` : 'Lesson moved.');
          this.reload();
        },
        error: (error: unknown) => {
          this.moving.set(false);
          const conflicts = conflictProblemOf(error);
          if (conflicts) {
            this.pendingMove.set({ lesson, start, end, problem: conflicts });
          } else {
            this.moveProblem.set(toProblem(error));
          }
          this.reload(); // puts the dragged lesson back where it is
        },
      });
  }

  protected bookLesson(): void {
    this.dialog
      .open(BookLessonDialog, { width: '640px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((lesson?: Lesson) => {
        if (lesson) {
          this.status.set(`Lesson booked for ${formatSlot(lesson.start, lesson.end, this.timeZone())}.`);
          this.reload();
        }
      });
  }

  protected createSeries(): void {
    this.dialog
      .open(SeriesDialog, { width: '720px', maxWidth: '95vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((result?: { lessons: Lesson[]; skipped: string[] }) => {
        if (result) {
          const skipped = result.skipped.length ? `, ${result.skipped.length} skipped` : '';
          this.status.set(`Series created: ${result.lessons.length} lessons${skipped}.`);
          this.reload();
        }
      });
  }
}
