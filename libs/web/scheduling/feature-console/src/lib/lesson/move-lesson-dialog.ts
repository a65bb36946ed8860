import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ConflictProblem, FreeSlot, Lesson, MoveLessonResult, ProblemDetails, SeriesConflictProblem } from '@cadenza/shared/contracts';
import { conflictProblemOf, seriesConflictOf, dateAndTimeIn, formatSlot, instantAt, minutesBetween, onlySoftConflicts, plusMinutes, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { ConflictList } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

export interface MoveLessonDialogData {
  lesson: Lesson;
  /** Where a drag dropped it; absent: the lesson's own time, to change in the form. */
  start?: string;
}

/**
 * Moves a lesson to a date and time, for keyboard users as much as for a drag: a drag opens it with the dropped
 * time when the lesson belongs to a series, to choose between this one and this and the following. A refusal
 * shows what clashes and free times nearby, and lets an admin override soft conflicts with a reason.
 */
@Component({
  selector: 'cz-move-lesson-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ConflictList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../schedule/dialog.scss',
  template: `
    <h2 mat-dialog-title>Move the lesson</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <cz-problem-alert class="block" [problem]="problem()" />
        @if (conflicts(); as c) {
          <cz-conflict-list
            class="block"
            [conflicts]="c.conflicts"
            [suggestions]="c.suggestions"
            [timeZone]="directory.timeZone()"
            [roomNames]="directory.roomNames()"
            [disabled]="pending()"
            (picked)="pick($event)"
          />
        }
        @if (seriesConflicts(); as s) {
          <section class="block" role="alert" aria-labelledby="move-series-conflicts" data-testid="series-conflicts">
            <h3 id="move-series-conflicts">Some of the lessons would clash</h3>
            <ul>
              @for (o of s.occurrences; track o.date) {
                <li>{{ slot(o.start, o.end) }}: @for (c of o.conflicts; track $index) { {{ c.message }} }</li>
              }
            </ul>
          </section>
        }
        @if (canOverride()) {
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Reason to override</mat-label>
            <input matInput formControlName="overrideReason" maxlength="300" />
          </mat-form-field>
        }
        <div class="grid">
          <mat-form-field appearance="outline">
            <mat-label>Date</mat-label>
            <input matInput type="date" formControlName="date" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Start time</mat-label>
            <input matInput type="time" formControlName="time" required />
          </mat-form-field>
        </div>
        <p class="hint">Times in {{ directory.timeZone() }}; the lesson keeps its length and room.</p>
        @if (data.lesson.seriesId) {
          <fieldset>
            <legend>Which lessons</legend>
            <div class="choices">
              <label class="choice"><input type="radio" formControlName="scope" value="this" /> This lesson only</label>
              <label class="choice"><input type="radio" formControlName="scope" value="following" /> This and the following lessons of the series</label>
            </div>
          </fieldset>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Keep it where it is</button>
        @if (canOverride()) {
          <button matButton="outlined" type="button" [disabled]="pending() || !form.controls.overrideReason.value.trim()" (click)="submit(true)">Move anyway</button>
        }
        <button matButton="filled" type="submit" [disabled]="pending()">Move</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class MoveLessonDialog {
  private readonly api = inject(SchedulingApi);
  private readonly ref = inject<MatDialogRef<MoveLessonDialog, MoveLessonResult>>(MatDialogRef);
  protected readonly data = inject<MoveLessonDialogData>(MAT_DIALOG_DATA);
  protected readonly directory = inject(StaffDirectory);
  private readonly at = dateAndTimeIn(this.data.start ?? this.data.lesson.start, this.directory.timeZone());

  protected readonly form = inject(NonNullableFormBuilder).group({
    date: [this.at.date, Validators.required],
    time: [this.at.time, Validators.required],
    scope: ['this' as 'this' | 'following'],
    overrideReason: [''],
  });
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly conflicts = signal<ConflictProblem | null>(null);
  protected readonly seriesConflicts = signal<SeriesConflictProblem | null>(null);
  /** Admins may move despite conflicts that are all soft (outside availability, term or opening), with a reason. */
  protected readonly canOverride = computed(() => {
    const found = this.conflicts()?.conflicts ?? this.seriesConflicts()?.occurrences.flatMap((o) => o.conflicts);
    return this.directory.isAdmin() && !!found && found.length > 0 && onlySoftConflicts(found);
  });

  protected slot(start: string, end: string): string {
    return formatSlot(start, end, this.directory.timeZone());
  }

  protected pick(slot: FreeSlot): void {
    this.form.patchValue(dateAndTimeIn(slot.start, this.directory.timeZone()));
    this.submit(false, slot.roomId ?? undefined);
  }

  protected submit(override = false, roomId?: string): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const start = instantAt(v.date, v.time, this.directory.timeZone());
    this.pending.set(true);
    this.problem.set(null);
    this.api
      .moveLesson(this.data.lesson.id, {
        start,
        end: plusMinutes(start, minutesBetween(this.data.lesson.start, this.data.lesson.end)),
        scope: v.scope,
        ...(roomId ? { roomId } : {}),
        ...(override && v.overrideReason.trim() ? { override: { reason: v.overrideReason.trim() } } : {}),
      })
      .subscribe({
        next: (result) => this.ref.close(result),
        error: (error: unknown) => {
          this.pending.set(false);
          const conflicts = conflictProblemOf(error);
          const series = seriesConflictOf(error);
          this.conflicts.set(conflicts);
          this.seriesConflicts.set(series);
          if (!conflicts && !series) this.problem.set(toProblem(error));
        },
      });
  }
}
