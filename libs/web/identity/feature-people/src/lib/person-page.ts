import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild, type ElementRef, type Type } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { Family, Student, UpdateStudentRequest, UserSummary } from '@cadenza/shared/contracts';
import { AuthStore, CallState, toProblem } from '@cadenza/web/shared/data-access-api';
import { PERSON_PANELS, ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';
import type { Observable } from 'rxjs';
import { DataProtectionPanel } from '@cadenza/web/identity/feature-data-protection';
import { ArchivePanel } from './archive-panel';
import { PersonHistory } from './person-history';
import { RolesPanel } from './roles-panel';
import { StudentProfilePanel } from './student-profile-panel';
import { TeachingPanel } from './teaching-panel';
import { dayInWords, todayIn } from './days';
import { onEachId } from './on-each-id';
import { PEOPLE_PAGE_STYLES } from './page-styles';

type Field = 'name' | 'dateOfBirth' | 'leftSchoolOn';

/** The change a form's values make to a student: only the fields that differ, an empty day meaning none. */
export function studentChange(person: UserSummary, values: Record<Field, string>): UpdateStudentRequest {
  const change: UpdateStudentRequest = {};
  const name = values.name.trim();
  if (name !== person.name) change.name = name;
  const born = values.dateOfBirth.trim() || null;
  if (born !== person.dateOfBirth) change.dateOfBirth = born;
  const left = values.leftSchoolOn.trim() || null;
  if (left !== (person.leftSchoolOn ?? null)) change.leftSchoolOn = left;
  return change;
}

const ROLE_WORDS: Record<string, string> = { admin: 'Admin', teacher: 'Teacher', accompanist: 'Accompanist', student: 'Student', parent: 'Parent' };

/**
 * A person's page in People (admins): their profile, which an admin edits in place for a student (name, date of
 * birth, and for someone who left the day they left), a teacher's or accompanist's teaching profile, archiving and
 * restoring them, and the families they belong to.
 */
@Component({
  selector: 'cz-person-page',
  imports: [ArchivePanel, DataProtectionPanel, PersonHistory, RolesPanel, StudentProfilePanel, TeachingPanel, MatButtonModule, MatFormFieldModule, MatInputModule, NgComponentOutlet, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PEOPLE_PAGE_STYLES,
    `
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 0;
      }
      dt {
        font: var(--mat-sys-label-large);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: flex-start;
      }
      form mat-form-field {
        flex: 1 1 200px;
        min-width: 0;
      }
      form .actions {
        flex-basis: 100%;
      }
    `,
  ],
  template: `
    <p class="crumb">
      <a [routerLink]="['/people', kind()]">{{ isAdmin() ? 'People › ' + (kind() === 'students' ? 'Students' : 'Staff') : 'My students' }}</a>
    </p>
    @if (person(); as p) {
      <h1>{{ p.name }}</h1>
      <p class="detail">
        {{ roleWords(p) }}{{ p.minor ? ' · under 18' : '' }} ·
        @if (p.leftSchoolOn) {
          <span class="tag">Left on {{ words(p.leftSchoolOn) }}</span>
        } @else {
          At the school
        }
      </p>
      <h2>Profile</h2>
      @if (editing()) {
        <form novalidate (submit)="$event.preventDefault(); save(name.value, born.value, leftDay()?.nativeElement?.value ?? '')" aria-label="Profile">
          <mat-form-field appearance="outline">
            <mat-label>Name</mat-label>
            <input matInput #name name="name" [value]="p.name" [attr.aria-invalid]="call.errors()['name'] ? 'true' : null" />
            @if (call.errors()['name']; as e) {
              <mat-error>{{ e }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Date of birth</mat-label>
            <input matInput #born type="date" name="dateOfBirth" [max]="today" [value]="p.dateOfBirth ?? ''" />
          </mat-form-field>
          @if (p.leftSchoolOn) {
            <mat-form-field appearance="outline">
              <mat-label>Day they left</mat-label>
              <input matInput #left type="date" name="leftSchoolOn" [max]="today" [value]="p.leftSchoolOn" />
            </mat-form-field>
          }
          @for (f of fieldsWithErrors(); track f.field) {
            <p class="detail" role="alert" [attr.data-field]="f.field">{{ f.label }}: {{ f.message }}</p>
          }
          <div class="actions">
            <button matButton="filled" type="submit" [disabled]="call.busy()">Save</button>
            <button matButton="outlined" type="button" (click)="cancel()" [disabled]="call.busy()">Cancel</button>
          </div>
        </form>
      } @else {
        <dl>
          <dt>Email</dt>
          <dd>{{ p.email }}</dd>
          <dt>Date of birth</dt>
          <dd>{{ p.dateOfBirth ? words(p.dateOfBirth) : 'Not recorded' }}</dd>
          <dt>Left on</dt>
          <dd>{{ p.leftSchoolOn ? words(p.leftSchoolOn) : 'At the school' }}</dd>
        </dl>
        @if (saved()) {
          <p class="detail" role="status">Saved.</p>
        }
        @if (canEdit()) {
          <p><button matButton="outlined" type="button" (click)="edit()">Edit profile</button></p>
        }
      }
      <cz-problem-alert [problem]="call.problem()" />
      @if (asStudent(); as s) {
        <h2>Learning</h2>
        <cz-student-profile-panel [student]="s" [canEdit]="isAdmin()" (changed)="changed($event)" />
      }
      @if (teaches()) {
        <h2>Teaching</h2>
        <cz-teaching-panel [personId]="p.id" [canEdit]="isAdmin()" />
      }
      @if (isAdmin()) {
        <h2>Roles</h2>
        <cz-roles-panel [person]="p" (changed)="person.set($event)" />
        <h2>Leaving and returning</h2>
        <cz-archive-panel [person]="p" (changed)="changed($event); saved.set(false)" />
        @if (dataSubject(); as subject) {
          <h2>Data protection</h2>
          <cz-data-protection-panel [person]="subject" (erased)="reread()" />
        }
      }
      @if (isAdmin()) {
      <h2>Family</h2>
      <ul class="framed" aria-label="Families">
        @for (f of families(); track f.id) {
          <li>
            <a [routerLink]="['/people/families', f.id]">{{ f.name }}</a>
            <p class="detail">{{ familyLine(f, p.id) }}</p>
          </li>
        } @empty {
          <li>{{ familiesLoaded() ? 'In no family.' : 'Loading…' }}</li>
        }
      </ul>
      }
      @for (panel of panels(); track $index) {
        <ng-container *ngComponentOutlet="panel; inputs: { personId: p.id, kind: kind() }" />
      }
      @if (isAdmin()) {
        <h2>History</h2>
        <cz-person-history [personId]="p.id" [revision]="revision()" />
      }
    } @else {
      <cz-problem-alert [problem]="call.problem()" />
      @if (!call.problem()) {
        <p role="status">Loading…</p>
      }
    }
  `,
})
export class PersonPage {
  readonly id = input.required<string>();
  readonly kind = input<'students' | 'staff'>('students');
  private readonly api = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly person = signal<UserSummary | null>(null);
  protected readonly families = signal<Family[]>([]);
  protected readonly familiesLoaded = signal(false);
  protected readonly call = new CallState();
  protected readonly editing = signal(false);
  /** Counts the changes made on this page, for the history to read again. */
  protected readonly revision = signal(0);
  protected readonly saved = signal(false);
  protected readonly today = todayIn(this.me()?.school.timeZone ?? 'UTC');
  protected readonly isAdmin = computed(() => !!this.me()?.roles.includes('admin'));
  protected readonly canEdit = computed(() => this.isAdmin() && !!this.person()?.roles.includes('student'));
  /** A student as `GET /students/:id` answers them, with their profile (a staff page reads the account only). */
  protected readonly asStudent = computed(() => {
    const p = this.person();
    return p && 'instruments' in p ? (p as Student) : null;
  });
  /** A teacher or accompanist: their teaching profile is shown (and an admin edits it). */
  protected readonly teaches = computed(() => !!this.person()?.roles.some((r) => r === 'teacher' || r === 'accompanist'));
  /** Other contexts' panels the app composes in (the person's lessons). */
  protected readonly panels = signal<Type<unknown>[]>([]);
  private readonly panelLoaders = inject(PERSON_PANELS);
  /** The person as the data-protection actions need them. */
  protected readonly dataSubject = computed(() => {
    const p = this.person();
    return p ? { id: p.id, name: p.name, archived: !!(p.archived || p.leftSchoolOn) } : null;
  });
  protected readonly leftDay = viewChild<ElementRef<HTMLInputElement>>('left');
  protected readonly fieldsWithErrors = computed(() => {
    const labels: Record<string, string> = { name: 'Name', dateOfBirth: 'Date of birth', leftSchoolOn: 'Day they left' };
    return Object.entries(this.call.errors()).map(([field, message]) => ({ field, label: labels[field] ?? field, message }));
  });

  constructor() {
    if (this.panelLoaders.length > 0) {
      Promise.all(this.panelLoaders.map((load) => load())).then(
        (panels) => this.panels.set(panels),
        () => this.call.problem.set(toProblem(new Error('A part of this page failed to load.'))),
      );
    }
    onEachId(this.id, (id) => this.load(id));
  }

  protected edit(): void {
    this.call.clear();
    this.saved.set(false);
    this.editing.set(true);
  }

  protected cancel(): void {
    this.call.clear();
    this.editing.set(false);
  }

  protected save(name: string, dateOfBirth: string, leftSchoolOn: string): void {
    const person = this.person();
    if (!person) return;
    const change = studentChange(person, { name, dateOfBirth, leftSchoolOn });
    if (Object.keys(change).length === 0) {
      this.editing.set(false);
      return;
    }
    this.call.run(this.api.updateStudent(person.id, change), (updated) => {
      this.changed(updated);
      this.editing.set(false);
      this.saved.set(true);
    });
  }

  protected changed(person: UserSummary): void {
    this.person.set(person);
    this.revision.update((n) => n + 1);
  }

  protected words(day: string): string {
    return dayInWords(day, this.me()?.locale ?? 'en-GB');
  }

  protected roleWords(p: UserSummary): string {
    return p.roles.map((r) => ROLE_WORDS[r] ?? r).join(', ');
  }

  /** How the person belongs to a family: guardian, or child with who has access. */
  protected familyLine(family: Family, personId: string): string {
    if (family.guardians.some((g) => g.userId === personId)) {
      const children = family.children.map((c) => c.name).join(', ');
      return children ? `Guardian of ${children}` : 'Guardian';
    }
    const guardians = family.guardians.map((g) => g.name).join(', ');
    return guardians ? `Child; guardians: ${guardians}` : 'Child';
  }

  /** Reads the person (again, in place after an erasure, which changed their name and email). */
  protected reread(): void {
    const read: Observable<UserSummary> = this.kind() === 'students' ? this.api.student(this.id()) : this.api.user(this.id());
    this.call.run(read, (p) => this.changed(p));
  }

  private load(id: string): void {
    this.person.set(null);
    this.editing.set(false);
    this.saved.set(false);
    this.reread();
    this.familiesLoaded.set(false);
    // Families' contact details are the admins'; a teacher's page of their student leaves them out.
    if (!this.isAdmin()) return;
    this.api.families().subscribe({
      next: (all) => {
        this.families.set(all.filter((f) => f.guardians.some((g) => g.userId === id) || f.children.some((c) => c.userId === id)));
        this.familiesLoaded.set(true);
      },
      error: () => this.familiesLoaded.set(true),
    });
  }
}
