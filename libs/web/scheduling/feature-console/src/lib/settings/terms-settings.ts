import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';
import { StaffDirectory } from '../staff-directory';
import { type NamedPeriod, type PeriodFormLabels } from './period-form';
import { PeriodList, type KeptPeriod, type PeriodChange } from './period-list';

const byStart = (a: NamedPeriod, b: NamedPeriod) => a.startDate.localeCompare(b.startDate);

/** The calls that keep one kind of period. */
interface PeriodCalls {
  list(): Observable<KeptPeriod[]>;
  create(period: NamedPeriod): Observable<KeptPeriod>;
  update(id: string, changes: NamedPeriod): Observable<KeptPeriod>;
  remove(id: string): Observable<void>;
}

/** One card of the page: its periods, the state of its last call, and what each button does; `changed` hears what was saved. */
class PeriodSection {
  readonly periods = signal<KeptPeriod[]>([]);
  readonly form = new FormState();

  constructor(
    readonly title: string,
    readonly noun: string,
    readonly empty: string,
    readonly labels: PeriodFormLabels,
    private readonly calls: PeriodCalls,
    private readonly changed: (said: string) => void,
  ) {
    this.form.load(calls.list(), (all) => this.periods.set(all));
  }

  private keep(request: Observable<KeptPeriod | void>, apply: (saved: KeptPeriod | void) => KeptPeriod[], done: () => void, said: string): void {
    const show = (saved: KeptPeriod | void) => {
      this.periods.set(apply(saved).sort(byStart));
      done();
      this.changed(said);
    };
    this.form.save(request, show, said);
  }

  add(period: NamedPeriod, done: () => void): void {
    this.keep(this.calls.create(period), (saved) => [...this.periods(), saved as KeptPeriod], done, `${this.capital()} ${period.name} added.`);
  }

  change({ period, changes, done }: PeriodChange): void {
    this.keep(this.calls.update(period.id, changes), (saved) => this.periods().map((p) => (p.id === period.id ? (saved as KeptPeriod) : p)), done, `${this.capital()} ${changes.name} saved.`);
  }

  remove(period: KeptPeriod): void {
    this.keep(this.calls.remove(period.id), () => this.periods().filter((p) => p.id !== period.id), () => undefined, `${this.capital()} ${period.name} deleted.`);
  }

  private capital(): string {
    return this.noun.charAt(0).toUpperCase() + this.noun.slice(1);
  }
}

/**
 * Terms and closures, each added, changed and deleted where nothing depends on them: a term that series run in
 * keeps its dates and stays (the server's 409 says why, in the terms' card).
 */
@Component({
  selector: 'cz-terms-settings',
  imports: [PeriodList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <p class="status" role="status">{{ status() }}</p>
    @for (section of sections; track section.noun) {
      <h2>{{ section.title }}</h2>
      <cz-period-list
        [noun]="section.noun"
        [empty]="section.empty"
        [periods]="section.periods()"
        [labels]="section.labels"
        [problem]="section.form.problem()"
        (adding)="section.add($event.period, $event.done)"
        (edited)="section.change($event)"
        (removing)="section.remove($event)"
      />
    }
  `,
})
export class TermsSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  /** The last thing either card saved. */
  protected readonly status = signal('');
  protected readonly sections = [
    new PeriodSection(
      'Terms',
      'term',
      'No terms yet.',
      { kind: 'term', name: 'Term name', start: 'Term starts', end: 'Term ends', submit: 'Add term' },
      { list: () => this.api.terms(), create: (p) => this.api.createTerm(p), update: (id, p) => this.api.updateTerm(id, p), remove: (id) => this.api.deleteTerm(id) },
      (said) => {
        this.status.set(said);
        this.directory.load(true);
      },
    ),
    new PeriodSection(
      'Closures and holidays',
      'closure',
      'No closures.',
      { kind: 'closure', name: 'Closure name', start: 'First day', end: 'Last day', submit: 'Add closure' },
      { list: () => this.api.closures(), create: (p) => this.api.createClosure(p), update: (id, p) => this.api.updateClosure(id, p), remove: (id) => this.api.deleteClosure(id) },
      (said) => this.status.set(said),
    ),
  ];
}
