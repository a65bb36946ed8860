import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Closure, Term } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { PeriodForm, type NamedPeriod, type PeriodFormLabels } from './period-form';

const TERM_LABELS: PeriodFormLabels = { kind: 'term', name: 'Term name', start: 'Term starts', end: 'Term ends', submit: 'Add term' };
const CLOSURE_LABELS: PeriodFormLabels = { kind: 'closure', name: 'Closure name', start: 'First day', end: 'Last day', submit: 'Add closure' };

@Component({
  selector: 'cz-terms-settings',
  imports: [MatButtonModule, PeriodForm, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <cz-problem-alert class="block" [problem]="form.problem()" />
    <p class="status" role="status">{{ form.status() }}</p>
    <h2>Terms</h2>
    <div class="card">
      <ul>
        @for (t of terms(); track t.id) {
          <li>{{ t.name }}: {{ t.startDate }} – {{ t.endDate }}</li>
        } @empty {
          <li>No terms yet.</li>
        }
      </ul>
      <cz-period-form #termForm [labels]="termLabels" (added)="addTerm($event, termForm)" />
    </div>
    <h2>Closures and holidays</h2>
    <div class="card">
      <ul>
        @for (c of closures(); track c.id) {
          <li>
            {{ c.name }}: {{ c.startDate }} – {{ c.endDate }}
            <button matButton type="button" (click)="remove(c)" [attr.aria-label]="'Delete closure ' + c.name">Delete</button>
          </li>
        } @empty {
          <li>No closures.</li>
        }
      </ul>
      <cz-period-form #closureForm [labels]="closureLabels" (added)="addClosure($event, closureForm)" />
    </div>
  `,
})
export class TermsSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly form = new FormState();
  protected readonly terms = signal<Term[]>([]);
  protected readonly closures = signal<Closure[]>([]);
  protected readonly termLabels = TERM_LABELS;
  protected readonly closureLabels = CLOSURE_LABELS;

  constructor() {
    this.form.load(this.api.terms(), (t) => this.terms.set(t));
    this.form.load(this.api.closures(), (c) => this.closures.set(c));
  }

  protected addTerm(period: NamedPeriod, termForm: PeriodForm): void {
    const added = (t: Term) => {
      this.terms.update((all) => [...all, t]);
      termForm.reset();
      this.directory.load(true);
    };
    this.form.save(this.api.createTerm(period), added, (t) => `Term ${t.name} added.`);
  }

  protected addClosure(period: NamedPeriod, closureForm: PeriodForm): void {
    const added = (c: Closure) => {
      this.closures.update((all) => [...all, c]);
      closureForm.reset();
    };
    this.form.save(this.api.createClosure(period), added, (c) => `Closure ${c.name} added.`);
  }

  protected remove(closure: Closure): void {
    const removed = () => this.closures.update((all) => all.filter((c) => c.id !== closure.id));
    this.form.save(this.api.deleteClosure(closure.id), removed, `Closure ${closure.name} deleted.`);
  }
}
