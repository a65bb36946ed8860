import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SchedulingPolicy } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

@Component({
  selector: 'cz-policy-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Scheduling policy</h2>
    <cz-problem-alert class="block" [problem]="form.problem()" />
    <p class="status" role="status">{{ form.status() }}</p>
    <form class="card row" (ngSubmit)="save()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Cancellation notice (hours)</mat-label>
        <input matInput name="notice" type="number" min="0" max="336" [ngModel]="noticeHours()" (ngModelChange)="noticeHours.set($event)" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Makeup credits last (days)</mat-label>
        <input matInput name="days" type="number" min="1" max="365" [ngModel]="creditDays()" (ngModelChange)="creditDays.set($event)" />
      </mat-form-field>
      <button matButton="filled" type="submit" [disabled]="form.saving()">Save policy</button>
    </form>
    <p>Cancelling with at least the notice period grants a makeup credit; later cancellations do not.</p>
  `,
})
export class PolicySettings {
  private readonly api = inject(SchedulingApi);
  protected readonly form = new FormState();
  protected readonly noticeHours = signal(24);
  protected readonly creditDays = signal(60);

  constructor() {
    this.form.load(this.api.policy(), (p) => this.show(p));
  }

  protected save(): void {
    const policy = { cancellationNoticeHours: Number(this.noticeHours()), makeupCreditDays: Number(this.creditDays()) };
    this.form.save(this.api.updatePolicy(policy), (saved) => this.show(saved), 'Policy saved.');
  }

  private show(policy: SchedulingPolicy): void {
    this.noticeHours.set(policy.cancellationNoticeHours);
    this.creditDays.set(policy.makeupCreditDays);
  }
}
