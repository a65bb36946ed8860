import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { BookLessonRequest, ConflictProblem, FreeSlot, Lesson, ProblemDetails } from '@cadenza/shared/contracts';
import { conflictProblemOf, dateAndTimeIn, instantAt, onlySoftConflicts, plusMinutes, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { ConflictList } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { LessonPeopleFields, lessonPeopleControls } from './lesson-people-fields';

/** Books one lesson; a refusal shows what clashes and free slots nearby, and lets an admin override soft conflicts. */
@Component({
  selector: 'cz-book-lesson-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ConflictList, LessonPeopleFields, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './dialog.scss',
  template: `
    <h2 mat-dialog-title>New lesson</h2>
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
          @if (canOverride()) {
            <mat-form-field appearance="outline" class="wide">
              <mat-label>Reason to override</mat-label>
              <input matInput formControlName="overrideReason" maxlength="300" />
            </mat-form-field>
          }
        }
        <div class="grid">
          <cz-lesson-people-fields [group]="form" />
          <mat-form-field appearance="outline">
            <mat-label>Duration (minutes)</mat-label>
            <input matInput type="number" min="5" max="480" step="5" formControlName="durationMinutes" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Date</mat-label>
            <input matInput type="date" formControlName="date" required />
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Start time</mat-label>
            <input matInput type="time" formControlName="time" required />
          </mat-form-field>
        </div>
        <p class="hint">Times in {{ directory.timeZone() }}.</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Cancel</button>
        @if (canOverride()) {
          <button matButton="outlined" type="button" [disabled]="pending() || !form.controls.overrideReason.value.trim()" (click)="submit(true)">
            Book anyway
          </button>
        }
        <button matButton="filled" type="submit" [disabled]="pending()">Book lesson</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class BookLessonDialog {
  private readonly api = inject(SchedulingApi);
  private readonly ref = inject<MatDialogRef<BookLessonDialog, Lesson>>(MatDialogRef);
  protected readonly directory = inject(StaffDirectory);

  protected readonly form = inject(NonNullableFormBuilder).group({
    ...lessonPeopleControls(this.directory),
    date: [dateAndTimeIn(new Date(Date.now() + 86_400_000), this.directory.timeZone()).date, Validators.required],
    time: ['16:00', Validators.required],
    overrideReason: [''],
  });
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly conflicts = signal<ConflictProblem | null>(null);
  protected readonly canOverride = computed(() => {
    const c = this.conflicts();
    return this.directory.isAdmin() && !!c && onlySoftConflicts(c.conflicts);
  });

  protected pick(slot: FreeSlot): void {
    const { date, time } = dateAndTimeIn(slot.start, this.directory.timeZone());
    this.form.patchValue({ date, time, ...(slot.roomId ? { roomId: slot.roomId } : {}) });
    this.submit();
  }

  protected submit(override = false): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const start = instantAt(v.date, v.time, this.directory.timeZone());
    const body: BookLessonRequest = {
      teacherId: v.teacherId,
      studentIds: v.studentIds,
      roomId: v.roomId || null,
      accompanistId: null,
      lessonTypeId: v.lessonTypeId || null,
      start,
      end: plusMinutes(start, Number(v.durationMinutes)),
      ...(override && v.overrideReason.trim() ? { override: { reason: v.overrideReason.trim() } } : {}),
    };
    this.pending.set(true);
    this.problem.set(null);
    this.api.bookLesson(body).subscribe({
      next: (lesson) => this.ref.close(lesson),
      error: (error: unknown) => {
        this.pending.set(false);
        const conflicts = conflictProblemOf(error);
        this.conflicts.set(conflicts);
        if (!conflicts) this.problem.set(toProblem(error));
      },
    });
  }
}
