import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeriodForm, type NamedPeriod, type PeriodFormLabels } from './period-form';

/** A kept period: a term or a closure as the API gives it. */
export interface KeptPeriod extends NamedPeriod {
  id: string;
}

/** A change asked for in a period list; `done` is called once the server has kept it, to close the form. */
export interface PeriodChange {
  period: KeptPeriod;
  changes: NamedPeriod;
  done: () => void;
}

/**
 * A card listing periods (terms, or closures), each with Edit and Remove, and the form that adds one. The
 * server's refusal of any of them shows at the top of this card, beside what was pressed.
 */
@Component({
  selector: 'cz-period-list',
  imports: [MatButtonModule, PeriodForm, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <div class="card">
      <cz-problem-alert class="block" [problem]="problem()" />
      <ul class="periods">
        @for (p of periods(); track p.id) {
          <li>
            @if (editing() === p.id) {
              <cz-period-form [labels]="editLabels()" [initial]="p" (added)="edited.emit({ period: p, changes: $event, done: stopEditing })" (cancelled)="editing.set(null)" />
            } @else {
              <span class="period">{{ p.name }}: {{ p.startDate }} – {{ p.endDate }}</span>
              <span class="actions">
                <button matButton type="button" (click)="editing.set(p.id)" [attr.aria-label]="'Edit ' + noun() + ' ' + p.name">Edit</button>
                <button matButton type="button" (click)="removing.emit(p)" [attr.aria-label]="'Delete ' + noun() + ' ' + p.name">Delete</button>
              </span>
            }
          </li>
        } @empty {
          <li>{{ empty() }}</li>
        }
      </ul>
      <cz-period-form #addForm [labels]="labels()" (added)="adding.emit({ period: $event, done: resetting(addForm) })" />
    </div>
  `,
})
export class PeriodList {
  readonly periods = input.required<readonly KeptPeriod[]>();
  /** What one period is called in buttons' names: `term`, `closure`. */
  readonly noun = input.required<string>();
  readonly empty = input.required<string>();
  readonly labels = input.required<PeriodFormLabels>();
  readonly problem = input<ProblemDetails | null>(null);
  readonly adding = output<{ period: NamedPeriod; done: () => void }>();
  readonly edited = output<PeriodChange>();
  readonly removing = output<KeptPeriod>();
  protected readonly editing = signal<string | null>(null);
  protected readonly stopEditing = () => this.editing.set(null);

  protected resetting(form: PeriodForm): () => void {
    return () => form.reset();
  }

  protected editLabels(): PeriodFormLabels {
    const labels = this.labels();
    return { ...labels, kind: `edit-${labels.kind}`, submit: `Save ${this.noun()}` };
  }
}
