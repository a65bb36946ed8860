import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { Family, ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';

/** Families whose name, guardians or children hold the text (any case). */
export function familiesMatching(families: readonly Family[], text: string): Family[] {
  const q = text.trim().toLowerCase();
  const sorted = [...families].sort((a, b) => a.name.localeCompare(b.name));
  if (!q) return sorted;
  return sorted.filter((f) => [f.name, ...f.guardians.map((g) => g.name), ...f.children.map((c) => c.name)].some((n) => n.toLowerCase().includes(q)));
}

/** People → Families: every family of the school with its guardians and children, found by any of their names; a new family. */
@Component({
  selector: 'cz-families-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatPaginatorModule, MatTableModule, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: 8px 16px;
      margin-bottom: 8px;
    }
    .bar mat-form-field {
      width: min(100%, 360px);
    }
    .bar form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px;
    }
    .bar button {
      margin-top: 8px;
    }
    .table {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    table {
      width: 100%;
    }
    th {
      white-space: nowrap;
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
    <div class="bar">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Find a family, guardian or child</mat-label>
        <input matInput type="search" [value]="query()" (input)="query.set($any($event.target).value); offset.set(0)" />
      </mat-form-field>
      <form novalidate (submit)="$event.preventDefault(); create(newName.value)" aria-label="New family">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>New family’s name</mat-label>
          <input matInput #newName name="name" maxlength="120" [attr.aria-invalid]="nameError() ? 'true' : null" />
          @if (nameError(); as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
        <button matButton="filled" type="submit" [disabled]="creating()">Create family</button>
        @if (nameError(); as e) {
          <p class="summary" role="alert">{{ e }}</p>
        }
      </form>
    </div>
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
  private readonly router = inject(Router);
  protected readonly creating = signal(false);
  protected readonly nameError = signal<string | null>(null);
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

  /** Creates an empty family and opens its page, to add its guardians and children. */
  protected create(name: string): void {
    this.creating.set(true);
    this.nameError.set(null);
    this.api.createFamily({ name }).subscribe({
      next: (family) => {
        this.creating.set(false);
        void this.router.navigate(['/people/families', family.id]);
      },
      error: (e: unknown) => {
        this.creating.set(false);
        const problem = toProblem(e);
        this.nameError.set(fieldErrors(problem)['name'] ?? problem.detail ?? problem.title);
      },
    });
  }

  protected names(people: readonly { name: string }[]): string {
    return people.map((p) => p.name).join(', ');
  }

  protected page(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.offset.set(event.pageIndex * event.pageSize);
  }
}
