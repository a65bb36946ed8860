import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule, type MatSelect } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { Family } from '@cadenza/shared/contracts';
import { CallState, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import type { Observable } from 'rxjs';
import { PEOPLE_PAGE_STYLES } from './page-styles';
import { PersonPicker, type PickablePerson } from './person-picker';
import { onEachId } from './on-each-id';

/** A guardian's access to a child, as the page chooses it: `none` when the child has no line for them. */
export type AccessChoice = 'full' | 'view' | 'none';

export function accessOf(family: Family, childId: string, guardianId: string): AccessChoice {
  return family.children.find((c) => c.userId === childId)?.access.find((a) => a.guardianId === guardianId)?.level ?? 'none';
}

const FIELD_WORDS: Record<string, string> = { name: 'Family name', payerId: 'Who pays', userId: 'Guardian', childId: 'Child', toFamilyId: 'Family to move to', email: 'Email' };

/**
 * A family's page (admins), each part changed in place: its name, who pays, its guardians (added from anyone of the
 * school with full or view access, or invited by name and email with their access per child; removed after a
 * confirmation) and its children (added from the students, each
 * guardian's access to each child chosen, moved to another family after a confirmation). The server's refusal is
 * shown (a minor keeps a guardian with full access) and what it refused is put back as it was.
 */
@Component({
  selector: 'cz-family-page',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, PersonPicker, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PEOPLE_PAGE_STYLES,
    `
      .title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        margin-bottom: 8px;
      }
      ul.framed > li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px 12px;
      }
      .who {
        flex: 1 1 220px;
        min-width: 0;
      }
      .access {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        flex-basis: 100%;
      }
      .access mat-form-field {
        flex: 0 1 220px;
        min-width: 0;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        flex-basis: 100%;
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--mat-sys-surface-container-high);
      }
      .confirm p {
        margin: 0;
        flex-basis: 100%;
        font: var(--mat-sys-body-medium);
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
        flex: 1 1 160px;
        min-width: 0;
      }
      .payer {
        width: min(100%, 360px);
      }
      form.invite {
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--mat-sys-surface-container-high);
      }
      form.invite p {
        margin: 0;
        flex-basis: 100%;
        font: var(--mat-sys-body-medium);
      }
      .invite-start {
        margin: 8px 0 0;
      }
    `,
  ],
  template: `
    <p class="crumb"><a routerLink="/people/families">People › Families</a></p>
    @if (family(); as f) {
      @if (renaming()) {
        <form novalidate (submit)="$event.preventDefault(); rename(newName.value)" aria-label="Rename the family">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Family name</mat-label>
            <input matInput #newName name="name" maxlength="120" [value]="f.name" [attr.aria-invalid]="call.errors()['name'] ? 'true' : null" />
          </mat-form-field>
          <button matButton="filled" type="submit" [disabled]="call.busy()">Save name</button>
          <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="renaming.set(false)">Cancel</button>
        </form>
      } @else {
        <div class="title">
          <h1>{{ f.name }}</h1>
          <button matButton="outlined" type="button" (click)="startRenaming()">Rename</button>
        </div>
      }
      <cz-problem-alert [problem]="call.problem()" />
      @for (e of fieldProblems(); track e.field) {
        <p class="detail" role="alert" [attr.data-field]="e.field">{{ e.label }}: {{ e.message }}</p>
      }
      @if (moved(); as m) {
        <p class="detail" role="status">{{ m.child }} moved to <a [routerLink]="['/people/families', m.familyId]">{{ m.familyName }}</a>.</p>
      }
      <h2>Guardians</h2>
      @if (f.guardians.length > 0) {
        <mat-form-field class="payer" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Pays the family’s invoices</mat-label>
          <mat-select #payer [value]="f.payerId ?? ''" [disabled]="call.busy()" (valueChange)="setPayer($event, payer, f.payerId ?? '')">
            <mat-option value="">Nobody chosen</mat-option>
            @for (g of f.guardians; track g.userId) {
              <mat-option [value]="g.userId">{{ g.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      <ul class="framed" aria-label="Guardians">
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
            @if (removing() === g.userId) {
              <div class="confirm" role="group" [attr.aria-label]="'Remove ' + g.name">
                <p>{{ g.name }} stops being a guardian of this family and loses their access to its children.</p>
                <button matButton="filled" type="button" [disabled]="call.busy()" (click)="removeGuardian(g.userId)">Remove {{ g.name }}</button>
                <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="removing.set(null)">Keep</button>
              </div>
            } @else {
              <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="removing.set(g.userId)" [attr.aria-label]="'Remove ' + g.name + ' as a guardian'">Remove…</button>
            }
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
        <button matButton="filled" type="submit" [disabled]="call.busy() || !guardian()">Add guardian</button>
      </form>
      @if (inviting()) {
        <form class="invite" novalidate (submit)="$event.preventDefault(); inviteGuardian(inviteName.value, inviteEmail.value)" aria-label="Invite a new guardian">
          <p>Someone not yet at the school: they are recorded as a guardian without a sign-in and sent an invitation to choose their password.</p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Name</mat-label>
            <input matInput #inviteName name="name" maxlength="120" autocomplete="off" [attr.aria-invalid]="call.errors()['name'] ? 'true' : null" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Email</mat-label>
            <input matInput #inviteEmail name="email" type="email" maxlength="254" autocomplete="off" [attr.aria-invalid]="call.errors()['email'] ? 'true' : null" />
          </mat-form-field>
          @if (f.children.length > 0) {
            <div class="access" role="group" aria-label="Their access to each child">
              @for (c of f.children; track c.userId) {
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>{{ c.name }}</mat-label>
                  <mat-select [value]="inviteAccess()[c.userId] ?? 'full'" (valueChange)="setInviteAccess(c.userId, $event)">
                    <mat-option value="full">Full access</mat-option>
                    <mat-option value="view">Can view</mat-option>
                    <mat-option value="none">No access</mat-option>
                  </mat-select>
                </mat-form-field>
              }
            </div>
          }
          <button matButton="filled" type="submit" [disabled]="call.busy()">Send the invitation</button>
          <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="inviting.set(false)">Cancel</button>
        </form>
      } @else {
        <p class="invite-start"><button matButton="outlined" type="button" (click)="startInviting()">Invite a new guardian…</button></p>
      }
      @if (invited(); as who) {
        <p class="detail" role="status">{{ who }} is a guardian of this family now, and was sent an invitation to choose their password.</p>
      }
      <h2>Children</h2>
      <ul class="framed" aria-label="Children">
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
            </span>
            @if (moving() !== c.userId) {
              <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="startMoving(c.userId)" [attr.aria-label]="'Move ' + c.name + ' to another family'">Move…</button>
            }
            @if (f.guardians.length > 0) {
              <div class="access" role="group" [attr.aria-label]="'Guardians’ access to ' + c.name">
                @for (g of f.guardians; track g.userId) {
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>{{ g.name }}</mat-label>
                    <mat-select #access [value]="choice(f, c.userId, g.userId)" [disabled]="call.busy()" (valueChange)="changeAccess(g.userId, c.userId, $event, access, choice(f, c.userId, g.userId))">
                      <mat-option value="full">Full access</mat-option>
                      <mat-option value="view">Can view</mat-option>
                      <mat-option value="none">No access</mat-option>
                    </mat-select>
                  </mat-form-field>
                }
              </div>
            } @else {
              <p class="detail">No guardian has access yet.</p>
            }
            @if (moving() === c.userId) {
              <form class="confirm" novalidate (submit)="$event.preventDefault(); moveChild(c.userId, c.name)" [attr.aria-label]="'Move ' + c.name">
                <p>{{ c.name }} leaves this family: its guardians lose their access, and the other family’s guardians get full access.</p>
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>Move to</mat-label>
                  <mat-select [value]="moveTo()" (valueChange)="moveTo.set($event)">
                    @for (other of otherFamilies(); track other.id) {
                      <mat-option [value]="other.id">{{ other.name }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
                <button matButton="filled" type="submit" [disabled]="call.busy() || !moveTo()">Move {{ c.name }}</button>
                <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="moving.set(null)">Cancel</button>
              </form>
            }
          </li>
        } @empty {
          <li>No child yet.</li>
        }
      </ul>
      <form novalidate (submit)="$event.preventDefault(); addChild()" aria-label="Add a child">
        <cz-person-picker #childPicker label="Add a child (a student)" [people]="students()" [leaveOut]="memberIds()" (picked)="child.set($event)" />
        <button matButton="filled" type="submit" [disabled]="call.busy() || !child()">Add child</button>
      </form>
    } @else {
      <cz-problem-alert [problem]="call.problem()" />
      @if (!call.problem()) {
        <p role="status">Loading the family…</p>
      }
    }
  `,
})
export class FamilyPage {
  readonly id = input.required<string>();
  private readonly api = inject(PeopleApi);
  protected readonly family = signal<Family | null>(null);
  protected readonly call = new CallState();
  protected readonly users = signal<PickablePerson[]>([]);
  protected readonly students = signal<PickablePerson[]>([]);
  protected readonly guardian = signal<PickablePerson | null>(null);
  protected readonly child = signal<PickablePerson | null>(null);
  protected readonly level = signal<'full' | 'view'>('full');
  protected readonly renaming = signal(false);
  /** The invitation form is open; each child's access chosen for the one invited (full unless chosen). */
  protected readonly inviting = signal(false);
  protected readonly inviteAccess = signal<Record<string, AccessChoice>>({});
  protected readonly invited = signal<string | null>(null);
  /** The guardian whose removal waits for its confirmation. */
  protected readonly removing = signal<string | null>(null);
  /** The child whose move is being chosen, the families they may go to and the one chosen. */
  protected readonly moving = signal<string | null>(null);
  protected readonly families = signal<Family[]>([]);
  protected readonly moveTo = signal<string>('');
  protected readonly moved = signal<{ child: string; familyId: string; familyName: string } | null>(null);
  protected readonly otherFamilies = computed(() =>
    this.families()
      .filter((f) => f.id !== this.id())
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  protected readonly memberIds = computed(() => {
    const f = this.family();
    return f ? [...f.guardians.map((g) => g.userId), ...f.children.map((c) => c.userId)] : [];
  });
  protected readonly fieldProblems = computed(() =>
    Object.entries(this.call.errors()).map(([field, message]) => ({ field, label: field === 'name' && this.inviting() ? 'Their name' : (FIELD_WORDS[field] ?? field), message })),
  );
  private readonly guardianPicker = viewChild<PersonPicker>('guardianPicker');
  private readonly childPicker = viewChild<PersonPicker>('childPicker');

  constructor() {
    onEachId(this.id, (id) => this.call.run(this.api.family(id), (f) => this.family.set(f)));
    this.api.users().subscribe({ next: (users) => this.users.set(users.filter((u) => !u.leftSchoolOn)) });
    this.api.students().subscribe({ next: (students) => this.students.set(students.filter((s) => !s.leftSchoolOn)) });
  }

  protected choice(family: Family, childId: string, guardianId: string): AccessChoice {
    return accessOf(family, childId, guardianId);
  }

  protected startRenaming(): void {
    this.call.clear();
    this.renaming.set(true);
  }

  protected rename(name: string): void {
    this.change(this.api.updateFamily(this.id(), { name: name.trim() }), () => this.renaming.set(false));
  }

  protected setPayer(payerId: string, select: MatSelect, was: string): void {
    this.change(this.api.updateFamily(this.id(), { payerId: payerId || null }), undefined, () => (select.value = was));
  }

  protected changeAccess(guardianId: string, childId: string, level: AccessChoice, select: MatSelect, was: AccessChoice): void {
    this.change(this.api.changeAccess(this.id(), guardianId, { access: [{ childId, level }] }), undefined, () => (select.value = was));
  }

  protected addGuardian(): void {
    const guardian = this.guardian();
    if (!guardian) return;
    this.change(this.api.addGuardian(this.id(), { userId: guardian.id, level: this.level() }), () => {
      this.guardian.set(null);
      this.guardianPicker()?.clear();
    });
  }

  protected startInviting(): void {
    this.call.clear();
    this.invited.set(null);
    this.inviteAccess.set({});
    this.inviting.set(true);
  }

  protected setInviteAccess(childId: string, level: AccessChoice): void {
    this.inviteAccess.update((chosen) => ({ ...chosen, [childId]: level }));
  }

  /** Invites someone new as a guardian: full access to every child but where another level was chosen. */
  protected inviteGuardian(name: string, email: string): void {
    const access = Object.entries(this.inviteAccess())
      .filter(([, level]) => level !== 'full')
      .map(([childId, level]) => ({ childId, level }));
    const who = name.trim();
    this.change(this.api.inviteGuardian(this.id(), { name: who, email: email.trim(), level: 'full', ...(access.length > 0 ? { access } : {}) }), () => {
      this.inviting.set(false);
      this.invited.set(who);
    });
  }

  protected removeGuardian(guardianId: string): void {
    this.change(this.api.removeGuardian(this.id(), guardianId), () => this.removing.set(null));
  }

  protected addChild(): void {
    const child = this.child();
    if (!child) return;
    this.change(this.api.addChild(this.id(), { childId: child.id }), () => {
      this.child.set(null);
      this.childPicker()?.clear();
    });
  }

  protected startMoving(childId: string): void {
    this.moveTo.set('');
    this.moving.set(childId);
    this.api.families().subscribe({ next: (all) => this.families.set(all), error: (e: unknown) => this.call.problem.set(toProblem(e)) });
  }

  /** Moves the child to the family chosen, then reads this family again (the server answers the other). */
  protected moveChild(childId: string, childName: string): void {
    const toFamilyId = this.moveTo();
    if (!toFamilyId) return;
    this.call.run(this.api.moveChild(this.id(), childId, { toFamilyId }), (other) => {
      this.moving.set(null);
      this.moved.set({ child: childName, familyId: other.id, familyName: other.name });
      this.call.run(this.api.family(this.id()), (f) => this.family.set(f));
    });
  }

  /** Sends a change whose answer is this family; `undo` puts back what the page had chosen when it is refused. */
  private change(request: Observable<Family>, done?: () => void, undo?: () => void): void {
    this.moved.set(null);
    this.call.run(
      request,
      (family) => {
        this.family.set(family);
        done?.();
      },
      undo,
    );
  }
}
