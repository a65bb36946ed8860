import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { Family, ProblemDetails } from '@cadenza/shared/contracts';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';

/** Families whose name, guardians or children hold the text (any case). */
export function familiesMatching(families: readonly Family[], text: string): Family[] {
  const q = text.trim().toLowerCase();
  const sorted = [...families].sort((a, b) => a.name.localeCompare(b.name));
  if (!q) return sorted;
  return sorted.filter((f) => [f.name, ...f.guardians.map((g) => g.name), ...f.children.map((c) => c.name)].some((n) => n.toLowerCase().includes(q)));
}

/** People → Families: every family of the school with its guardians and children, found by any of their names. */
@Component({
  selector: 'cz-families-page',
  imports: [MatFormFieldModule, MatInputModule, MatPaginatorModule, MatTableModule, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: min(100%, 420px);
      margin-bottom: 8px;
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
    }
    .summary {
      margin: 8px 0 0;
      font: var(--mat-sys-body-medium);
    }
  `,
  template: `
    <cz-problem-alert [problem]="problem()" />
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Find a family, guardian or child</mat-label>
      <input matInput type="search" [value]="query()" (input)="query.set($any($event.target).value); offset.set(0)" />
    </mat-form-field>
    <div class="table">
      <table mat-table [dataSource]="shown()" aria-label="Families">
        <ng-container matColumnDef="name">
          <th mat-header-cell *matHeaderCellDef>Family</th>
          <td mat-cell *matCellDef="let f"><a [routerLink]="['/people/families', f.id]">{{ f.name }}</a></td>
        </ng-container>
        <ng-container matColumnDef="guardians">
          <th mat-header-cell *matHeaderCellDef>Guardians</th>
          <td mat-cell *matCellDef="let f">{{ names(f.guardians) }}</td>
        </ng-container>
        <ng-container matColumnDef="children">
          <th mat-header-cell *matHeaderCellDef>Children</th>
          <td mat-cell *matCellDef="let f">{{ names(f.children) }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns"></tr>
        <tr mat-row *matRowDef="let f; columns: columns" [attr.data-testid]="'family-' + f.id"></tr>
        <tr class="mat-row" *matNoDataRow>
          <td class="mat-cell" [attr.colspan]="columns.length">{{ families() ? 'No family matches.' : 'Loading…' }}</td>
        </tr>
      </table>
    </div>
    <mat-paginator [length]="matching().length" [pageIndex]="offset() / pageSize()" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="page($event)" aria-label="Pages of families" />
    <p class="summary" role="status">{{ families() ? matching().length + ' of ' + families()!.length + ' families.' : 'Loading families…' }}</p>
  `,
})
export class FamiliesPage {
  private readonly api = inject(PeopleApi);
  protected readonly columns = ['name', 'guardians', 'children'];
  protected readonly families = signal<Family[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly query = signal('');
  protected readonly offset = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly matching = computed(() => familiesMatching(this.families() ?? [], this.query()));
  protected readonly shown = computed(() => this.matching().slice(this.offset(), this.offset() + this.pageSize()));

  constructor() {
    this.api.families().subscribe({ next: (f) => this.families.set(f), error: (e: unknown) => this.problem.set(toProblem(e)) });
  }

  protected names(people: readonly { name: string }[]): string {
    return people.map((p) => p.name).join(', ');
  }

  protected page(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.offset.set(event.pageIndex * event.pageSize);
  }
}
