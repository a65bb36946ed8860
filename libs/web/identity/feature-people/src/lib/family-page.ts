import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Family, ProblemDetails } from '@cadenza/shared/contracts';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import type { Observable } from 'rxjs';
import { PersonPicker, type PickablePerson } from './person-picker';

/**
 * A family's page (admins): its guardians and its children with each guardian's access to them, who has no sign-in
 * of their own and who left; adding a guardian (anyone of the school, with full or view access) or a child (a
 * student), and removing a guardian, the server's refusal shown (a minor's last guardian with full access stays).
 */
@Component({
  selector: 'cz-family-page',
  imports: [MatButtonModule, MatSelectModule, PersonPicker, ProblemAlert, RouterLink],
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
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    li a {
      color: var(--mat-sys-primary);
      font: var(--mat-sys-title-small);
    }
    .who {
      flex: 1 1 220px;
      min-width: 0;
    }
    .detail {
      margin: 4px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .tag {
      margin-left: 4px;
      padding: 0 6px;
      border-radius: 6px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-small);
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-top: 8px;
    }
    form cz-person-picker {
      flex: 2 1 240px;
      min-width: 0;
    }
    form mat-form-field {
      flex: 1 1 140px;
    }
    cz-problem-alert {
      display: block;
      margin: 8px 0;
    }
  `,
  template: `
    <p class="crumb"><a routerLink="/people/families">People › Families</a></p>
    @if (family(); as f) {
      <h1>{{ f.name }}</h1>
      <cz-problem-alert [problem]="problem()" />
      <h2>Guardians</h2>
      <ul aria-label="Guardians">
        @for (g of f.guardians; track g.userId) {
          <li>
            <span class="who">
              {{ g.name }}
              @if (g.signsIn === false) {
                <span class="tag">no sign-in yet</span>
              }
              @if (g.archived) {
                <span class="tag">left</span>
              }
              @if (f.payerId === g.userId) {
                <span class="tag">pays</span>
              }
            </span>
            <button matButton="outlined" type="button" [disabled]="busy()" (click)="removeGuardian(g.userId)" [attr.aria-label]="'Remove ' + g.name + ' as a guardian'">Remove</button>
          </li>
        } @empty {
          <li>No guardian yet.</li>
        }
      </ul>
      <form novalidate (submit)="$event.preventDefault(); addGuardian()" aria-label="Add a guardian">
        <cz-person-picker #guardianPicker label="Add a guardian" [people]="users()" [leaveOut]="memberIds()" (picked)="guardian.set($event)" />
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Access</mat-label>
          <mat-select [value]="level()" (valueChange)="level.set($event)">
            <mat-option value="full">Full access</mat-option>
            <mat-option value="view">Can view</mat-option>
          </mat-select>
        </mat-form-field>
        <button matButton="filled" type="submit" [disabled]="busy() || !guardian()">Add guardian</button>
      </form>
      <h2>Children</h2>
      <ul aria-label="Children">
        @for (c of f.children; track c.userId) {
          <li>
            <span class="who">
              <a [routerLink]="['/people/students', c.userId]">{{ c.name }}</a>
              @if (c.minor) {
                <span class="tag">under 18</span>
              }
              @if (c.signsIn === false) {
                <span class="tag">no sign-in of their own</span>
              }
              @if (c.archived) {
                <span class="tag">left</span>
              }
              <p class="detail">{{ accessOf(f, c.userId) }}</p>
            </span>
          </li>
        } @empty {
          <li>No child yet.</li>
        }
      </ul>
      <form novalidate (submit)="$event.preventDefault(); addChild()" aria-label="Add a child">
        <cz-person-picker #childPicker label="Add a child (a student)" [people]="students()" [leaveOut]="memberIds()" (picked)="child.set($event)" />
        <button matButton="filled" type="submit" [disabled]="busy() || !child()">Add child</button>
      </form>
      @if (fieldProblem(); as message) {
        <p class="detail" role="alert">{{ message }}</p>
      }
    } @else {
      <cz-problem-alert [problem]="problem()" />
      @if (!problem()) {
        <p role="status">Loading the family…</p>
      }
    }
  `,
})
export class FamilyPage {
  readonly id = input.required<string>();
  private readonly api = inject(PeopleApi);
  protected readonly family = signal<Family | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly fieldProblem = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly users = signal<PickablePerson[]>([]);
  protected readonly students = signal<PickablePerson[]>([]);
  protected readonly guardian = signal<PickablePerson | null>(null);
  protected readonly child = signal<PickablePerson | null>(null);
  protected readonly level = signal<'full' | 'view'>('full');
  protected readonly memberIds = computed(() => {
    const f = this.family();
    return f ? [...f.guardians.map((g) => g.userId), ...f.children.map((c) => c.userId)] : [];
  });
  private readonly guardianPicker = viewChild<PersonPicker>('guardianPicker');
  private readonly childPicker = viewChild<PersonPicker>('childPicker');

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.api.family(id).subscribe({ next: (f) => this.family.set(f), error: (e: unknown) => this.problem.set(toProblem(e)) }));
    });
    this.api.users().subscribe({ next: (users) => this.users.set(users.filter((u) => !u.leftSchoolOn)) });
    this.api.students().subscribe({ next: (students) => this.students.set(students.filter((s) => !s.leftSchoolOn)) });
  }

  /** "Pat Parker: full access · Jo Parker: can view", for one child. */
  protected accessOf(family: Family, childId: string): string {
    const child = family.children.find((c) => c.userId === childId);
    const name = (id: string) => family.guardians.find((g) => g.userId === id)?.name ?? 'A guardian';
    const parts = (child?.access ?? []).map((a) => `${name(a.guardianId)}: ${a.level === 'full' ? 'full access' : 'can view'}`);
    return parts.length ? parts.join(' · ') : 'No guardian has access yet.';
  }

  protected addGuardian(): void {
    const guardian = this.guardian();
    if (!guardian) return;
    this.change(this.api.addGuardian(this.id(), { userId: guardian.id, level: this.level() }), () => {
      this.guardian.set(null);
      this.guardianPicker()?.clear();
    });
  }

  protected addChild(): void {
    const child = this.child();
    if (!child) return;
    this.change(this.api.addChild(this.id(), { childId: child.id }), () => {
      this.child.set(null);
      this.childPicker()?.clear();
    });
  }

  protected removeGuardian(guardianId: string): void {
    this.change(this.api.removeGuardian(this.id(), guardianId), () => undefined);
  }

  private change(call: Observable<Family>, done: () => void): void {
    this.busy.set(true);
    this.problem.set(null);
    this.fieldProblem.set(null);
    call.subscribe({
      next: (family) => {
        this.busy.set(false);
        this.family.set(family);
        done();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const problem = toProblem(e);
        const fields = Object.values(fieldErrors(problem));
        if (fields.length > 0) this.fieldProblem.set(fields.join(' '));
        else this.problem.set(problem);
      },
    });
  }
}
