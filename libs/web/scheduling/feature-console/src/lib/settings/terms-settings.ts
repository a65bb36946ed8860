import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Closure, ProblemDetails, Term } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

@Component({
  selector: 'cz-terms-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>
    <h2>Terms</h2>
    <div class="card">
      <ul>
        @for (t of terms(); track t.id) {
          <li>{{ t.name }}: {{ t.startDate }} – {{ t.endDate }}</li>
        } @empty {
          <li>No terms yet.</li>
        }
      </ul>
      <form class="row" (ngSubmit)="addTerm()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Term name</mat-label>
          <input matInput name="termName" [(ngModel)]="term.name" required maxlength="80" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Term starts</mat-label>
          <input matInput name="termStart" type="date" [(ngModel)]="term.startDate" required />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Term ends</mat-label>
          <input matInput name="termEnd" type="date" [(ngModel)]="term.endDate" required />
        </mat-form-field>
        <button matButton="filled" type="submit">Add term</button>
      </form>
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
      <form class="row" (ngSubmit)="addClosure()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Closure name</mat-label>
          <input matInput name="closureName" [(ngModel)]="closure.name" required maxlength="80" />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>First day</mat-label>
          <input matInput name="closureStart" type="date" [(ngModel)]="closure.startDate" required />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Last day</mat-label>
          <input matInput name="closureEnd" type="date" [(ngModel)]="closure.endDate" required />
        </mat-form-field>
        <button matButton="filled" type="submit">Add closure</button>
      </form>
    </div>
  `,
})
export class TermsSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly terms = signal<Term[]>([]);
  protected readonly closures = signal<Closure[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected term = { name: '', startDate: '', endDate: '' };
  protected closure = { name: '', startDate: '', endDate: '' };

  constructor() {
    this.api.terms().subscribe({ next: (t) => this.terms.set(t), error: (e: unknown) => this.problem.set(toProblem(e)) });
    this.api.closures().subscribe({ next: (c) => this.closures.set(c), error: (e: unknown) => this.problem.set(toProblem(e)) });
  }

  protected addTerm(): void {
    if (!this.term.name.trim() || !this.term.startDate || !this.term.endDate) return;
    this.api.createTerm({ ...this.term, name: this.term.name.trim() }).subscribe({
      next: (t) => {
        this.terms.update((all) => [...all, t]);
        this.status.set(`Term ${t.name} added.`);
        this.term = { name: '', startDate: '', endDate: '' };
        this.directory.load(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected addClosure(): void {
    if (!this.closure.name.trim() || !this.closure.startDate || !this.closure.endDate) return;
    this.api.createClosure({ ...this.closure, name: this.closure.name.trim() }).subscribe({
      next: (c) => {
        this.closures.update((all) => [...all, c]);
        this.status.set(`Closure ${c.name} added.`);
        this.closure = { name: '', startDate: '', endDate: '' };
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected remove(closure: Closure): void {
    this.api.deleteClosure(closure.id).subscribe({
      next: () => {
        this.closures.update((all) => all.filter((c) => c.id !== closure.id));
        this.status.set(`Closure ${closure.name} deleted.`);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }
}
