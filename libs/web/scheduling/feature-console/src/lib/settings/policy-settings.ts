import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

@Component({
  selector: 'cz-policy-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Scheduling policy</h2>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>
    <form class="card row" (ngSubmit)="save()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Cancellation notice (hours)</mat-label>
        <input matInput name="notice" type="number" min="0" max="336" [ngModel]="noticeHours()" (ngModelChange)="noticeHours.set($event)" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Makeup credits last (days)</mat-label>
        <input matInput name="days" type="number" min="1" max="365" [ngModel]="creditDays()" (ngModelChange)="creditDays.set($event)" />
      </mat-form-field>
      <button matButton="filled" type="submit" [disabled]="saving()">Save policy</button>
    </form>
    <p>Cancelling with at least the notice period grants a makeup credit; later cancellations do not.</p>
  `,
})
export class PolicySettings {
  private readonly api = inject(SchedulingApi);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly noticeHours = signal(24);
  protected readonly creditDays = signal(60);

  constructor() {
    this.api.policy().subscribe({
      next: (p) => {
        this.noticeHours.set(p.cancellationNoticeHours);
        this.creditDays.set(p.makeupCreditDays);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected save(): void {
    this.saving.set(true);
    this.api.updatePolicy({ cancellationNoticeHours: Number(this.noticeHours()), makeupCreditDays: Number(this.creditDays()) }).subscribe({
      next: () => {
        this.saving.set(false);
        this.status.set('Policy saved.');
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }
}
