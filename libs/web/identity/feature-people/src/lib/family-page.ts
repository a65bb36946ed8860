import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Family, ProblemDetails } from '@cadenza/shared/contracts';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { catchError, of, switchMap } from 'rxjs';

/** A family's page: its guardians, and its children with each guardian's access to them. */
@Component({
  selector: 'cz-family-page',
  imports: [ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 900px;
    }
    .crumb {
      margin: 0;
      font: var(--mat-sys-label-large);
    }
    .crumb a {
      color: var(--mat-sys-primary);
    }
    h1 {
      margin: 0 0 16px;
      font: var(--mat-sys-headline-small);
    }
    h2 {
      margin: 16px 0 8px;
      font: var(--mat-sys-title-medium);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    li {
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    li a {
      color: var(--mat-sys-primary);
      font: var(--mat-sys-title-small);
    }
    .detail {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  template: `
    <p class="crumb"><a routerLink="/people/families">People › Families</a></p>
    <cz-problem-alert [problem]="problem()" />
    @if (family(); as f) {
      <h1>{{ f.name }}</h1>
      <h2>Guardians</h2>
      <ul aria-label="Guardians">
        @for (g of f.guardians; track g.userId) {
          <li>{{ g.name }}</li>
        } @empty {
          <li>No guardian yet.</li>
        }
      </ul>
      <h2>Children</h2>
      <ul aria-label="Children">
        @for (c of f.children; track c.userId) {
          <li>
            <a [routerLink]="['/people/students', c.userId]">{{ c.name }}</a>{{ c.minor ? ' · under 18' : '' }}
            <p class="detail">{{ accessOf(f, c.userId) }}</p>
          </li>
        } @empty {
          <li>No child yet.</li>
        }
      </ul>
    } @else if (!problem()) {
      <p role="status">Loading the family…</p>
    }
  `,
})
export class FamilyPage {
  readonly id = input.required<string>();
  private readonly api = inject(PeopleApi);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly family = toSignal(
    toObservable(computed(() => this.id())).pipe(
      switchMap((id) =>
        this.api.family(id).pipe(
          catchError((e: unknown) => {
            this.problem.set(toProblem(e));
            return of(null);
          }),
        ),
      ),
    ),
    { initialValue: null as Family | null },
  );

  /** "Pat Parker: full access · Jo Parker: can view", for one child. */
  protected accessOf(family: Family, childId: string): string {
    const child = family.children.find((c) => c.userId === childId);
    const name = (id: string) => family.guardians.find((g) => g.userId === id)?.name ?? 'A guardian';
    const parts = (child?.access ?? []).map((a) => `${name(a.guardianId)}: ${a.level === 'full' ? 'full access' : 'can view'}`);
    return parts.length ? parts.join(' · ') : 'No guardian has access yet.';
  }
}
