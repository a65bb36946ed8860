import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { PeopleKind, PeopleQueryInput, PeopleSort, PeopleStatus, PersonRow, ProblemDetails, TeacherSummary } from '@cadenza/shared/contracts';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { map } from 'rxjs';
import { dayInWords } from './days';
import { TAG_STYLES } from './page-styles';

const SORTABLE: readonly string[] = ['name', 'email', 'dateOfBirth', 'leftSchoolOn'];

/**
 * A tab of People: the school's students or staff as a table the server searches, filters, sorts and pages
 * (`GET /people`), so a school of thousands loads one page at a time. Typing waits a moment before asking.
 */
@Component({
  selector: 'cz-people-list',
  imports: [MatFormFieldModule, MatInputModule, MatPaginatorModule, MatSelectModule, MatSortModule, MatTableModule, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    TAG_STYLES,
    `
    :host {
      display: block;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      margin-bottom: 8px;
    }
    .filters mat-form-field {
      flex: 1 1 180px;
      min-width: 0;
    }
    .filters .search {
      flex: 2 1 240px;
    }
    .table {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    table {
      width: 100%;
    }
    td a {
      color: var(--mat-sys-primary);
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .left {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .summary {
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 12px;
    }
  `,
  ],
  template: `
    <cz-problem-alert [problem]="problem()" />
    <div class="filters">
      <mat-form-field class="search" appearance="outline" subscriptSizing="dynamic">
        <mat-label>Find by name or email</mat-label>
        <input matInput type="search" [value]="typed()" (input)="type($any($event.target).value)" />
      </mat-form-field>
      @if (kind() === 'students' && isAdmin()) {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Teacher</mat-label>
          <mat-select [value]="teacherId()" (valueChange)="teacherId.set($event); offset.set(0)">
            <mat-option [value]="''">Any teacher</mat-option>
            @for (t of teachers(); track t.id) {
              <mat-option [value]="t.id">{{ t.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ kind() === 'students' ? 'Instrument' : 'Teaches' }}</mat-label>
        <input matInput type="search" name="instrument" [value]="typedInstrument()" (input)="type($any($event.target).value, 'instrument')" />
      </mat-form-field>
      @if (kind() === 'students') {
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Age</mat-label>
          <mat-select [value]="minors()" (valueChange)="minors.set($event); offset.set(0)">
            <mat-option [value]="''">Any age</mat-option>
            <mat-option value="only">Under 18</mat-option>
            <mat-option value="none">18 or over</mat-option>
          </mat-select>
        </mat-form-field>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select [value]="status()" (valueChange)="status.set($event); offset.set(0)">
          <mat-option value="active">At the school</mat-option>
          <mat-option value="archived">Left</mat-option>
          <mat-option value="all">Everyone</mat-option>
        </mat-select>
      </mat-form-field>
    </div>
    <div class="table">
      <table mat-table [dataSource]="rows()" matSort [matSortActive]="sort()" [matSortDirection]="direction()" matSortDisableClear (matSortChange)="sortBy($event)" [attr.aria-label]="label()">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Name</th>
          <td mat-cell *matCellDef="let p">
            <a [routerLink]="['/people', kind(), p.id]">{{ p.name }}</a>
            @if (p.minor) {
              <span class="tag">under 18</span>
            }
            @if (p.leftSchoolOn) {
              <span class="tag left">left</span>
            }
          </td>
        </ng-container>
        <ng-container matColumnDef="email">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Email</th>
          <td mat-cell *matCellDef="let p">{{ p.email }}</td>
        </ng-container>
        <ng-container matColumnDef="dateOfBirth">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Date of birth</th>
          <td mat-cell *matCellDef="let p">{{ p.dateOfBirth ? words(p.dateOfBirth) : '' }}</td>
        </ng-container>
        <ng-container matColumnDef="teachers">
          <th mat-header-cell *matHeaderCellDef>Teachers</th>
          <td mat-cell *matCellDef="let p">{{ teacherNames(p) }}</td>
        </ng-container>
        <ng-container matColumnDef="roles">
          <th mat-header-cell *matHeaderCellDef>Roles</th>
          <td mat-cell *matCellDef="let p">{{ p.roles.join(', ') }}</td>
        </ng-container>
        <ng-container matColumnDef="leftSchoolOn">
          <th mat-header-cell *matHeaderCellDef mat-sort-header>Left on</th>
          <td mat-cell *matCellDef="let p">{{ p.leftSchoolOn ? words(p.leftSchoolOn) : '' }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let p; columns: columns()" [attr.data-testid]="'person-' + p.id"></tr>
        <tr class="mat-row" *matNoDataRow>
          <td class="mat-cell muted" [attr.colspan]="columns().length">{{ loading() ? 'Loading…' : 'Nobody matches.' }}</td>
        </tr>
      </table>
    </div>
    <mat-paginator [length]="total()" [pageIndex]="offset() / pageSize()" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="page($event)" [attr.aria-label]="'Pages of ' + label()" />
    <p class="summary" role="status">{{ summary() }}</p>
  `,
})
export class PeopleList {
  readonly kind = input<PeopleKind>('students');
  private readonly api = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly isAdmin = computed(() => !!this.me()?.roles.includes('admin'));
  private readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 599.98px)').pipe(map((state) => state.matches)), { initialValue: false });

  protected readonly typed = signal('');
  protected readonly q = signal('');
  protected readonly typedInstrument = signal('');
  protected readonly instrument = signal('');
  protected readonly teacherId = signal('');
  protected readonly minors = signal<'' | 'only' | 'none'>('');
  protected readonly status = signal<PeopleStatus>('active');
  protected readonly sort = signal<PeopleSort>('name');
  protected readonly direction = signal<'asc' | 'desc'>('asc');
  protected readonly offset = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly rows = signal<PersonRow[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly teachers = signal<TeacherSummary[]>([]);

  protected readonly label = computed(() => (this.kind() === 'students' ? 'Students' : 'Staff'));
  protected readonly columns = computed(() => {
    const wide = this.kind() === 'students' ? ['name', 'email', 'dateOfBirth', 'teachers', 'leftSchoolOn'] : ['name', 'email', 'roles', 'leftSchoolOn'];
    return this.narrow() ? wide.filter((c) => c === 'name' || c === 'teachers' || c === 'roles') : wide;
  });
  /** The query the table shows, as `GET /people` takes it. */
  readonly query = computed<PeopleQueryInput>(() => ({
    kind: this.kind(),
    q: this.q() || undefined,
    instrument: this.instrument() || undefined,
    teacherId: this.kind() === 'students' ? this.teacherId() || undefined : undefined,
    minors: this.kind() === 'students' ? this.minors() || undefined : undefined,
    status: this.status(),
    sort: this.sort(),
    direction: this.direction(),
    offset: this.offset(),
    limit: this.pageSize(),
  }));
  protected readonly summary = computed(() => {
    if (this.loading()) return `Loading ${this.label().toLowerCase()}…`;
    const total = this.total();
    if (total === 0) return 'Nobody matches.';
    const first = this.offset() + 1;
    return `${first}–${first + this.rows().length - 1} of ${total} ${this.kind() === 'students' ? (total === 1 ? 'student' : 'students') : 'staff'}.`;
  });

  private readonly typing: Partial<Record<'q' | 'instrument', ReturnType<typeof setTimeout>>> = {};
  private asked = 0;

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.load(query));
    });
    effect(() => {
      if (this.kind() === 'students' && this.isAdmin()) untracked(() => this.api.teachers().subscribe({ next: (t) => this.teachers.set(t.filter((x) => x.roles.includes('teacher'))) }));
    });
  }

  /** Typing a name or an instrument asks the server after a pause of 250 ms, from the first page. */
  protected type(text: string, into: 'q' | 'instrument' = 'q'): void {
    (into === 'q' ? this.typed : this.typedInstrument).set(text);
    clearTimeout(this.typing[into]);
    this.typing[into] = setTimeout(() => {
      (into === 'q' ? this.q : this.instrument).set(text.trim());
      this.offset.set(0);
    }, 250);
  }

  protected sortBy(sort: Sort): void {
    if (!SORTABLE.includes(sort.active) || !sort.direction) return;
    this.sort.set(sort.active as PeopleSort);
    this.direction.set(sort.direction);
    this.offset.set(0);
  }

  protected page(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.offset.set(event.pageIndex * event.pageSize);
  }

  protected words(day: string): string {
    return dayInWords(day);
  }

  protected teacherNames(p: PersonRow): string {
    return p.teachers.map((t) => t.name).join(', ');
  }

  private load(query: PeopleQueryInput): void {
    const asked = ++this.asked;
    this.loading.set(true);
    this.api.people(query).subscribe({
      next: (page) => {
        if (asked !== this.asked) return;
        this.rows.set(page.items);
        this.total.set(page.total);
        this.problem.set(null);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        if (asked !== this.asked) return;
        this.problem.set(toProblem(e));
        this.loading.set(false);
      },
    });
  }
}
