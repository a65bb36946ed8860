import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CreateSeriesRequest, ProblemDetails, SeriesConflictProblem } from '@cadenza/shared/contracts';
import {
  CONFLICT_LABELS,
  dateAndTimeIn,
  formatSlot,
  onlySoftConflicts,
  SchedulingApi,
  seriesConflictOf,
  WEEKDAYS,
  weeklyRrule,
  type CreatedSeries,
} from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

type Occurrence = SeriesConflictProblem['occurrences'][number];

/**
 * Creates a weekly series in a term. When occurrences conflict, each is listed with its
 * conflicts, and the admin chooses per date to skip it or move it to a suggested slot.
 */
@Component({
  selector: 'cz-series-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog.scss',
  templateUrl: './series-dialog.html',
})
export class SeriesDialog {
  private readonly api = inject(SchedulingApi);
  private readonly ref = inject<MatDialogRef<SeriesDialog, CreatedSeries>>(MatDialogRef);
  protected readonly directory = inject(StaffDirectory);
  protected readonly WEEKDAYS = WEEKDAYS;
  protected readonly LABELS = CONFLICT_LABELS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    termId: [this.currentTermId(), Validators.required],
    teacherId: [this.directory.teachers()[0]?.id ?? '', Validators.required],
    studentIds: [[] as string[], Validators.required],
    roomId: [''],
    lessonTypeId: [''],
    interval: ['1'],
    startTime: ['16:00', Validators.required],
    durationMinutes: [30, [Validators.required, Validators.min(5), Validators.max(480)]],
    firstDate: [this.defaultFirstDate(), Validators.required],
    overrideReason: [''],
  });
  protected readonly weekdays = signal<number[]>([]);
  private readonly interval = signal(1);
  protected readonly rrule = computed(() => (this.weekdays().length ? weeklyRrule(this.weekdays(), this.interval()) : ''));
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly weekdayError = signal(false);
  protected readonly occurrences = signal<Occurrence[]>([]);
  /** Per conflicting date: `skip`, or the index of the chosen suggestion. */
  protected readonly choices = signal<Record<string, string>>({});
  protected readonly canOverride = computed(
    () => this.directory.isAdmin() && this.occurrences().length > 0 && this.occurrences().every((o) => onlySoftConflicts(o.conflicts)),
  );

  constructor() {
    this.form.controls.interval.valueChanges.subscribe((v) => this.interval.set(Number(v) || 1));
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

  protected typeChanged(): void {
    const type = this.directory.lessonTypes().find((t) => t.id === this.form.controls.lessonTypeId.value);
    if (type) this.form.controls.durationMinutes.setValue(type.durationMinutes);
  }

  protected choose(date: string, value: string): void {
    this.choices.update((c) => ({ ...c, [date]: value }));
  }

  protected slot(start: string, end: string): string {
    return formatSlot(start, end, this.directory.timeZone());
  }

  protected allChosen(): boolean {
    return this.occurrences().every((o) => !!this.choices()[o.date]);
  }

  protected submit(override = false): void {
    if (this.pending()) return;
    if (!this.weekdays().length) this.weekdayError.set(true);
    if (this.form.invalid || !this.weekdays().length) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const resolutions: CreateSeriesRequest['resolutions'] = [];
    for (const occurrence of this.occurrences()) {
      const choice = this.choices()[occurrence.date];
      const suggestion = choice && choice !== 'skip' ? occurrence.suggestions[Number(choice)] : undefined;
      if (suggestion) resolutions.push({ date: occurrence.date, action: 'move', start: suggestion.start, end: suggestion.end });
      else if (choice === 'skip') resolutions.push({ date: occurrence.date, action: 'skip' });
    }
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
        const series = seriesConflictOf(error);
        if (series) {
          // Keep the choices already made for dates that still conflict.
          const kept: Record<string, string> = {};
          for (const o of series.occurrences) if (this.choices()[o.date]) kept[o.date] = this.choices()[o.date];
          this.choices.set(kept);
          this.occurrences.set(series.occurrences);
        } else {
          this.problem.set(toProblem(error));
        }
      },
    });
  }
}
