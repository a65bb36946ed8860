import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { AssignableRole, UserSummary } from '@cadenza/shared/contracts';
import { AuthStore, CallState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';

const CHOICES: { role: AssignableRole; label: string; hint: string }[] = [
  { role: 'admin', label: 'Admin', hint: 'runs the school in the console' },
  { role: 'teacher', label: 'Teacher', hint: 'teaches lessons' },
  { role: 'accompanist', label: 'Accompanist', hint: 'accompanies lessons' },
  { role: 'parent', label: 'Parent', hint: 'a guardian in a family' },
];

/** The assignable roles a person holds, in the order the choices list them. */
export function assignedRoles(person: UserSummary): AssignableRole[] {
  return CHOICES.map((c) => c.role).filter((r) => person.roles.includes(r));
}

/**
 * Roles on a person's page (admins): tick which of admin, teacher, accompanist and parent they are and save. The
 * server refuses taking one's own admin role, the last admin's, or the parent role of a guardian, and the panel says why.
 */
@Component({
  selector: 'cz-roles-panel',
  imports: [MatButtonModule, MatCheckboxModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    fieldset {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      margin: 0 0 8px;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    legend,
    p {
      font: var(--mat-sys-body-medium);
    }
    p {
      margin: 0 0 8px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
  `,
  template: `
    @if (person().archived || person().leftSchoolOn) {
      <p>Restore them to change their roles.</p>
    } @else {
      <form novalidate (submit)="$event.preventDefault(); save()" aria-label="Roles">
        <fieldset>
          <legend>{{ person().name }} is</legend>
          @for (c of choices; track c.role) {
            <mat-checkbox [checked]="chosen().includes(c.role)" [disabled]="call.busy() || (c.role === 'admin' && isMe())" (change)="toggle(c.role, $event.checked)">
              {{ c.label }} <span class="hint">({{ c.hint }})</span>
            </mat-checkbox>
          }
        </fieldset>
        @if (isMe()) {
          <p>You cannot take away your own admin role; another admin can.</p>
        }
        @if (person().roles.includes('student')) {
          <p>They stay a student whatever else they are.</p>
        }
        @for (message of refusals(); track $index) {
          <p role="alert">{{ message }}</p>
        }
        <cz-problem-alert [problem]="call.problem()" />
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="call.busy() || !changedRoles()">Save roles</button>
          @if (saved()) {
            <span role="status">Roles saved. Their new roles apply when they next sign in.</span>
          }
        </div>
      </form>
    }
  `,
})
export class RolesPanel {
  readonly person = input.required<UserSummary>();
  readonly changed = output<UserSummary>();
  private readonly api = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly choices = CHOICES;
  protected readonly chosen = signal<AssignableRole[]>([]);
  protected readonly call = new CallState();
  protected readonly saved = signal(false);
  /** The server's refusal named on the roles (the last admin, one's own admin role, a guardian's parent role). */
  protected readonly refusals = computed(() => Object.values(this.call.errors()));
  protected readonly isMe = computed(() => this.me()?.id === this.person().id);
  protected readonly changedRoles = computed(() => assignedRoles(this.person()).join() !== this.chosen().join());

  constructor() {
    effect(() => this.chosen.set(assignedRoles(this.person())));
  }

  protected toggle(role: AssignableRole, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(role);
    else next.delete(role);
    this.chosen.set(CHOICES.map((c) => c.role).filter((r) => next.has(r)));
    this.saved.set(false);
  }

  protected save(): void {
    this.call.run(this.api.changeRoles(this.person().id, this.chosen()), (person) => {
      this.saved.set(true);
      this.changed.emit(person);
    });
  }
}
