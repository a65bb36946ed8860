import { ChangeDetectionStrategy, ChangeDetectorRef, Component, inject, input, output, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormButtons } from './form-buttons';

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

/**
 * The form that adds a named period, or changes one (given as `initial`, with a Cancel button): its name, first
 * and last day. Emits it trimmed once all three are given.
 */
@Component({
  selector: 'cz-period-form',
  imports: [FormsModule, FormButtons, MatFormFieldModule, MatInputModule],
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
      <cz-form-buttons [submit]="labels().submit" [editing]="!!initial()" (cancelled)="cancelled.emit()" />
    </form>
  `,
})
export class PeriodForm implements OnInit {
  readonly labels = input.required<PeriodFormLabels>();
  /** The period being changed; absent when adding one. */
  readonly initial = input<NamedPeriod | null>(null);
  readonly added = output<NamedPeriod>();
  readonly cancelled = output<void>();
  private readonly changes = inject(ChangeDetectorRef);
  protected draft = { ...EMPTY };

  ngOnInit(): void {
    const initial = this.initial();
    if (initial) this.draft = { name: initial.name, startDate: initial.startDate, endDate: initial.endDate };
  }

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
