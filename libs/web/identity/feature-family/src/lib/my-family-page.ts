import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import type { Family, ProblemDetails } from '@cadenza/shared/contracts';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

type Child = Family['children'][number];

/**
 * A parent's family (or families): the children, with what this parent may do for each, and the other guardians,
 * with who pays. Children of one family are siblings.
 */
@Component({
  selector: 'cz-my-family-page',
  imports: [MatCardModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 880px;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    mat-card {
      margin: 16px 0;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    /* Material's list has no list role of its own: the page gives it one, so its items are counted and named. */
    h3 {
      margin: 16px 0 0;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .tags {
      color: var(--mat-sys-on-surface-variant);
    }
    .status:empty {
      display: none;
    }
    ul {
      margin: 4px 0 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    li:last-child {
      border-bottom: none;
    }
    .name {
      display: block;
      font: var(--mat-sys-body-large);
    }
    .tags {
      display: block;
      font: var(--mat-sys-body-medium);
    }
  `,
  template: `
    <h1>{{ families().length > 1 ? 'Your families' : 'Your family' }}</h1>
    <cz-problem-alert [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>
    @for (f of families(); track f.id) {
      <mat-card appearance="outlined" [attr.data-testid]="'family-' + f.id">
        <mat-card-header>
          <mat-card-title><h2 [id]="'family-title-' + f.id">{{ f.name }}</h2></mat-card-title>
        </mat-card-header>
        <mat-card-content>
          <h3 [id]="'children-' + f.id">Children</h3>
          <ul [attr.aria-labelledby]="'children-' + f.id">
            @for (c of f.children; track c.userId) {
              <li [attr.data-testid]="'child-' + c.userId">
                <span class="name">{{ c.name }}</span>
                <span class="tags">{{ childTags(f, c).join(' · ') }}</span>
              </li>
            } @empty {
              <li>No children yet.</li>
            }
          </ul>
          <h3 [id]="'guardians-' + f.id">Guardians</h3>
          <ul [attr.aria-labelledby]="'guardians-' + f.id">
            @for (g of f.guardians; track g.userId) {
              <li [attr.data-testid]="'guardian-' + g.userId">
                <span class="name">{{ g.name }}{{ g.userId === me() ? ' (you)' : '' }}</span>
                <span class="tags">{{ guardianTags(f, g.userId).join(' · ') }}</span>
              </li>
            }
          </ul>
        </mat-card-content>
      </mat-card>
    }
  `,
})
export class MyFamilyPage {
  private readonly api = inject(PeopleApi);
  private readonly auth = inject(AuthStore);
  protected readonly me = computed(() => this.auth.user()?.id ?? null);
  protected readonly families = signal<Family[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('Loading your family…');

  constructor() {
    this.api.families().subscribe({
      next: (families) => {
        this.families.set(families);
        this.status.set(families.length === 0 ? 'You are not in a family at the school yet. Ask the school to add you.' : '');
      },
      error: (e: unknown) => {
        this.problem.set(toProblem(e));
        this.status.set('');
      },
    });
  }

  /** What the child's line says: their age group, what this parent may do for them, and whether they sign in or left. */
  protected childTags(family: Family, child: Child): string[] {
    const mine = child.access.find((a) => a.guardianId === this.me())?.level;
    return [
      child.minor ? 'Under 18' : '18 or over',
      mine === 'full' ? 'You can act for them' : mine === 'view' ? 'You can view' : family.guardians.some((g) => g.userId === this.me()) ? 'No access for you' : '',
      child.signsIn === false ? 'No sign-in of their own' : '',
      child.archived ? 'Left the school' : '',
    ].filter((t) => t !== '');
  }

  /** A guardian's line: who pays, and whom they act for or view. */
  protected guardianTags(family: Family, guardianId: string): string[] {
    const named = (level: 'full' | 'view') =>
      family.children.filter((c) => c.access.some((a) => a.guardianId === guardianId && a.level === level)).map((c) => c.name.split(' ')[0]);
    const full = named('full');
    const view = named('view');
    return [family.payerId === guardianId ? 'Pays the family’s invoices' : '', full.length ? `Acts for ${joined(full)}` : '', view.length ? `Views ${joined(view)}` : ''].filter((t) => t !== '');
  }
}

/** "Sam", "Sam and Ali", "Sam, Ali and Kit". */
function joined(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
