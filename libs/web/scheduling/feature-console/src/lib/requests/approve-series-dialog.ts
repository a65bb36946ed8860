import { afterNextRender, ChangeDetectionStrategy, Component, computed, inject, Injector, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import { onlySoftConflicts, recurrenceInWords, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { resolutionsFrom, SeriesConflictChoices, takeSeriesConflict, type SeriesChoices, type SeriesOccurrence } from '../schedule/series-conflict-choices';
import { StaffDirectory } from '../staff-directory';

export interface ApproveSeriesData {
  request: LessonRequest;
  /** Who the request is for, by name. */
  studentName: string;
  /** The dates that clash, as the server listed them when approving was tried. */
  occurrences: SeriesOccurrence[];
}

/**
 * Approves a family's request for weekly lessons whose dates clash: each clashing date is listed with what it
 * clashes with, and the decider skips it or moves it to a free time (the choices of creating a series), then
 * approves. Closes with the approved request.
 */
@Component({
  selector: 'cz-approve-series-dialog',
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert, SeriesConflictChoices],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../schedule/dialog.scss',
  template: `
    <h2 mat-dialog-title>Approve weekly lessons for {{ data.studentName }}</h2>
    <mat-dialog-content>
      <cz-problem-alert class="block" [problem]="problem()" />
      <p>{{ words() }}</p>
      <section class="block" aria-labelledby="approve-conflicts" data-testid="approve-conflicts">
        <h3 id="approve-conflicts">{{ occurrences().length }} {{ occurrences().length === 1 ? 'date clashes' : 'dates clash' }}</h3>
        <p>Choose for each date whether to skip it or move it to a free time; the other dates are booked as asked.</p>
        <cz-series-conflict-choices [occurrences]="occurrences()" [timeZone]="directory.timeZone()" [(choices)]="choices" />
        @if (canOverride()) {
          <mat-form-field appearance="outline" class="wide">
            <mat-label>Reason to override</mat-label>
            <input matInput [ngModel]="overrideReason()" (ngModelChange)="overrideReason.set($event)" maxlength="300" />
          </mat-form-field>
        }
      </section>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (unresolved(); as left) {
        <p class="blocked" data-testid="approve-blocked">Choose skip or move for {{ left }} {{ left === 1 ? 'date' : 'dates' }} to approve.</p>
      }
      <button matButton type="button" mat-dialog-close>Cancel</button>
      @if (canOverride()) {
        <button matButton="outlined" type="button" [disabled]="pending() || !overrideReason().trim()" (click)="approve(true)">Approve anyway</button>
      }
      <button matButton="filled" type="button" [disabled]="pending() || unresolved() > 0" (click)="approve()">Approve with these choices</button>
    </mat-dialog-actions>
  `,
})
export class ApproveSeriesDialog {
  private readonly api = inject(SchedulingApi);
  private readonly ref = inject<MatDialogRef<ApproveSeriesDialog, LessonRequest>>(MatDialogRef);
  private readonly injector = inject(Injector);
  protected readonly data = inject<ApproveSeriesData>(MAT_DIALOG_DATA);
  protected readonly directory = inject(StaffDirectory);

  protected readonly occurrences = signal<SeriesOccurrence[]>(this.data.occurrences);
  protected readonly choices = signal<SeriesChoices>({});
  protected readonly overrideReason = signal('');
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly unresolved = computed(() => this.occurrences().filter((o) => !this.choices()[o.date]).length);
  protected readonly canOverride = computed(() => this.directory.isAdmin() && this.occurrences().every((o) => onlySoftConflicts(o.conflicts)));
  protected readonly words = computed(() => {
    const s = this.data.request.series;
    return s ? `${recurrenceInWords(s.rrule)} at ${s.startTime}, ${s.durationMinutes} minutes, from ${s.firstDate}.` : '';
  });

  protected approve(override = false): void {
    if (this.pending()) return;
    const reason = this.overrideReason().trim();
    this.pending.set(true);
    this.problem.set(null);
    this.api
      .approveRequest(this.data.request.id, { resolutions: resolutionsFrom(this.occurrences(), this.choices()), ...(override && reason ? { override: { reason } } : {}) })
      .subscribe({
        next: (approved) => this.ref.close(approved),
        error: (error: unknown) => {
          this.pending.set(false);
          // Something changed meanwhile: the dates that clash now, with the choices made for those kept.
          if (takeSeriesConflict(error, { occurrences: this.occurrences, choices: this.choices })) {
            afterNextRender(() => document.getElementById('approve-conflicts')?.scrollIntoView({ block: 'start' }), { injector: this.injector });
          } else {
            this.problem.set(toProblem(error));
          }
        },
      });
  }
}
