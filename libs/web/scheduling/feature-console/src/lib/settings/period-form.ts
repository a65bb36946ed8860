import { ChangeDetectionStrategy, ChangeDetectorRef, Component, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** A named run of days: a term, or a closure such as a holiday. */
export interface NamedPeriod {
  name: string;
  startDate: string;
  endDate: string;
}

/** What the form calls its fields and its button, and the prefix of its inputs' names. */
export interface PeriodFormLabels {
  kind: string;
  name: string;
  start: string;
  end: string;
  submit: string;
}

const EMPTY: NamedPeriod = { name: '', startDate: '', endDate: '' };

/** The form that adds a named period: its name, first and last day. Emits it trimmed once all three are given. */
@Component({
  selector: 'cz-period-form',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <form class="row" (ngSubmit)="submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ labels().name }}</mat-label>
        <input matInput [name]="labels().kind + 'Name'" [(ngModel)]="draft.name" required maxlength="80" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ labels().start }}</mat-label>
        <input matInput [name]="labels().kind + 'Start'" type="date" [(ngModel)]="draft.startDate" required />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ labels().end }}</mat-label>
        <input matInput [name]="labels().kind + 'End'" type="date" [(ngModel)]="draft.endDate" required />
      </mat-form-field>
      <button matButton="filled" type="submit">{{ labels().submit }}</button>
    </form>
  `,
})
export class PeriodForm {
  readonly labels = input.required<PeriodFormLabels>();
  readonly added = output<NamedPeriod>();
  private readonly changes = inject(ChangeDetectorRef);
  protected draft = { ...EMPTY };

  /** Empties the fields, once the period has been kept. */
  reset(): void {
    this.draft = { ...EMPTY };
    this.changes.markForCheck();
  }

  protected submit(): void {
    const name = this.draft.name.trim();
    if (!name || !this.draft.startDate || !this.draft.endDate) return;
    this.added.emit({ ...this.draft, name });
  }
}
