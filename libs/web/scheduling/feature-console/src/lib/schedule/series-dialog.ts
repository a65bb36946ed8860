import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, signal, untracked, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CreateSeriesRequest, ProblemDetails } from '@cadenza/shared/contracts';
import {
  dateAndTimeIn,
  onlySoftConflicts,
  SchedulingApi,
  WEEKDAYS,
  weeklyRrule,
  type CreatedSeries,
} from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { LessonPeopleFields, lessonPeopleControls } from './lesson-people-fields';
import { resolutionsFrom, SeriesConflictChoices, takeSeriesConflict, type SeriesChoices, type SeriesOccurrence } from './series-conflict-choices';

/**
 * Creates a weekly series in a term. When occurrences conflict, each is listed with its
 * conflicts, and the admin chooses per date to skip it or move it to a suggested slot.
 */
@Component({
  selector: 'cz-series-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, LessonPeopleFields, ProblemAlert, SeriesConflictChoices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog.scss',
  template: `
    <h2 mat-dialog-title>New weekly series</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <cz-problem-alert class="block" [problem]="problem()" />
        @if (occurrences().length) {
          <section class="block" aria-labelledby="series-conflicts" data-testid="series-conflicts">
            <h3 id="series-conflicts" role="alert" tabindex="-1" #conflictsHeading>{{ occurrences().length }} {{ occurrences().length === 1 ? 'date conflicts' : 'dates conflict' }}</h3>
            <p>Choose for each date whether to skip it or move it to a free slot, then create the series again.</p>
            <cz-series-conflict-choices [occurrences]="occurrences()" [timeZone]="directory.timeZone()" [(choices)]="choices" />
            @if (canOverride()) {
              <mat-form-field appearance="outline" class="wide">
                <mat-label>Reason to override</mat-label>
                <input matInput formControlName="overrideReason" maxlength="300" />
              </mat-form-field>
            }
          </section>
        }
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>Term</mat-label>
            <select matNativeControl formControlName="termId" required>
              @for (t of directory.terms(); track t.id) {
                <option [value]="t.id">{{ t.name }} ({{ t.startDate }} – {{ t.endDate }})</option>
              }
            </select>
          </mat-form-field>
          <cz-lesson-people-fields [group]="form" />
        </div>
        <fieldset>
          <legend>Repeats weekly on</legend>
          <div class="weekdays">
            @for (d of WEEKDAYS; track d.value) {
              <label class="choice">
                <input type="checkbox" [checked]="weekdays().includes(d.value)" (change)="toggleWeekday(d.value, $any($event.target).checked)" />
                {{ d.label }}
              </label>
            }
          </div>
          @if (weekdayError()) {
            <p class="error" role="alert">Choose at least one weekday.</p>
          }
        </fieldset>
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>Every</mat-label>
            <select matNativeControl formControlName="interval">
              <option value="1">Every week</option>
              <option value="2">Every 2 weeks</option>
              <option value="3">Every 3 weeks</option>
              <option value="4">Every 4 weeks</option>
            </select>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Start time</mat-label>
            <input matInput type="time" formControlName="startTime" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Duration (minutes)</mat-label>
            <input matInput type="number" min="5" max="480" step="5" formControlName="durationMinutes" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>First date</mat-label>
            <input matInput type="date" formControlName="firstDate" required />
          </mat-form-field>
        </div>
        <p class="hint">Rule: <code data-testid="rrule">{{ rrule() || '—' }}</code> · times in the school's zone ({{ directory.user()?.school?.timeZone }}).</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        @if (unresolved(); as left) {
          <p class="blocked" data-testid="series-blocked">
            <a href="#series-conflicts" (click)="$event.preventDefault(); showConflicts()">Choose skip or move for {{ left }} {{ left === 1 ? 'date' : 'dates' }}</a>
            to create the series.
          </p>
        }
        <button matButton type="button" mat-dialog-close>Cancel</button>
        @if (canOverride()) {
          <button matButton="outlined" type="button" [disabled]="pending() || !form.controls.overrideReason.value.trim()" (click)="submit(true)">
            Create anyway
          </button>
        }
        <button matButton="filled" type="submit" [disabled]="pending() || !allChosen()">Create series</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class SeriesDialog {
  private readonly api = inject(SchedulingApi);
  private readonly ref = inject<MatDialogRef<SeriesDialog, CreatedSeries>>(MatDialogRef);
  protected readonly directory = inject(StaffDirectory);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly conflictsHeading = viewChild<ElementRef<HTMLElement>>('conflictsHeading');
  protected readonly WEEKDAYS = WEEKDAYS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    termId: [this.currentTermId(), Validators.required],
    ...lessonPeopleControls(this.directory),
    interval: ['1'],
    startTime: ['16:00', Validators.required],
    firstDate: [this.defaultFirstDate(), Validators.required],
    overrideReason: [''],
  });
  protected readonly weekdays = signal<number[]>([]);
  private readonly interval = signal(1);
  protected readonly rrule = computed(() => (this.weekdays().length ? weeklyRrule(this.weekdays(), this.interval()) : ''));
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly weekdayError = signal(false);
  protected readonly occurrences = signal<SeriesOccurrence[]>([]);
  /** Per conflicting date: `skip`, or the index of the chosen suggestion. */
  protected readonly choices = signal<SeriesChoices>({});
  protected readonly canOverride = computed(
    () => this.directory.isAdmin() && this.occurrences().length > 0 && this.occurrences().every((o) => onlySoftConflicts(o.conflicts)),
  );

  constructor() {
    this.form.controls.interval.valueChanges.subscribe((v) => this.interval.set(Number(v) || 1));
    // Opened before the school's terms and teachers arrived: take the current term (and its first date) and the
    // first teacher once they do, as a dialog opened later would.
    effect(() => {
      const terms = this.directory.terms();
      const teachers = this.directory.teachers();
      untracked(() => {
        const { termId, firstDate, teacherId } = this.form.controls;
        if (!termId.value && terms.length) {
          termId.setValue(this.currentTermId());
          if (!firstDate.dirty) firstDate.setValue(this.defaultFirstDate());
        }
        if (!teacherId.value && teachers.length) teacherId.setValue(teachers[0].id);
      });
    });
  }

  private currentTermId(): string {
    const today = dateAndTimeIn(new Date(), this.directory.timeZone()).date;
    const terms = this.directory.terms();
    return (terms.find((t) => t.startDate <= today && today <= t.endDate) ?? terms.find((t) => t.startDate > today) ?? terms[0])?.id ?? '';
  }

  private defaultFirstDate(): string {
    const today = dateAndTimeIn(new Date(), this.directory.timeZone()).date;
    const term = this.directory.terms().find((t) => t.id === this.currentTermId());
    return term && term.startDate > today ? term.startDate : today;
  }

  protected toggleWeekday(day: number, checked: boolean): void {
    this.weekdays.update((days) => (checked ? [...days.filter((d) => d !== day), day] : days.filter((d) => d !== day)));
    this.weekdayError.set(false);
  }

  protected allChosen(): boolean {
    return this.unresolved() === 0;
  }

  /** How many conflicting dates still need a choice: "Create series" waits for them, and says so beside it. */
  protected readonly unresolved = computed(() => this.occurrences().filter((o) => !this.choices()[o.date]).length);

  /** Moves focus to the first field to correct (a weekday, when none is chosen), which scrolls it into view. */
  private showFirstInvalid(): void {
    const field = this.host.nativeElement.querySelector<HTMLElement>('select.ng-invalid, input.ng-invalid, .weekdays input');
    field?.focus();
  }

  /** Brings the conflicting dates into view (at the top of the dialog's scrolled content) and moves focus to them. */
  protected showConflicts(): void {
    const heading = this.conflictsHeading()?.nativeElement;
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }

  protected submit(override = false): void {
    if (this.pending()) return;
    if (!this.weekdays().length) this.weekdayError.set(true);
    if (this.form.invalid || !this.weekdays().length) {
      this.form.markAllAsTouched();
      afterNextRender(() => this.showFirstInvalid(), { injector: this.injector });
      return;
    }
    const v = this.form.getRawValue();
    const resolutions = resolutionsFrom(this.occurrences(), this.choices());
    const body: CreateSeriesRequest = {
      teacherId: v.teacherId,
      studentIds: v.studentIds,
      roomId: v.roomId || null,
      accompanistId: null,
      lessonTypeId: v.lessonTypeId || null,
      termId: v.termId,
      rrule: this.rrule(),
      startTime: v.startTime,
      durationMinutes: Number(v.durationMinutes),
      firstDate: v.firstDate,
      resolutions,
      ...(override && v.overrideReason.trim() ? { override: { reason: v.overrideReason.trim() } } : {}),
    };
    this.pending.set(true);
    this.problem.set(null);
    this.api.createSeries(body).subscribe({
      next: (created) => this.ref.close(created),
      error: (error: unknown) => {
        this.pending.set(false);
        // The dates that still conflict, with the choices already made for them kept.
        if (takeSeriesConflict(error, { occurrences: this.occurrences, choices: this.choices })) afterNextRender(() => this.showConflicts(), { injector: this.injector });
        else this.problem.set(toProblem(error));
      },
    });
  }
}
