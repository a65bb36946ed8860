import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ProblemDetails, UserSummary } from '@cadenza/shared/contracts';
import { AuthStore, fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { PeopleApi } from '@cadenza/web/identity/data-access';

/** A `YYYY-MM-DD` day in words ("20 July 2026"), the same wherever the viewer is. */
export function dayInWords(day: string, locale = 'en-GB'): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
}

/** Today as `YYYY-MM-DD` in a time zone (the latest leaving day the server accepts). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * People → Students, for admins: every student of the school, whether they are at it, and the
 * day they left, which an admin sets or clears. That day starts the messaging retention period.
 */
@Component({
  selector: 'cz-students-page',
  imports: [MatButtonModule, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 900px;
    }
    .crumb {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
    }
    .intro {
      margin: 0 0 16px;
      font: var(--mat-sys-body-medium);
    }
    .find {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 360px;
      margin-bottom: 16px;
      font: var(--mat-sys-label-large);
    }
    input {
      box-sizing: border-box;
      min-height: 44px;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
    }
    input:focus {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }
    input[aria-invalid='true'] {
      border-color: var(--mat-sys-error);
    }
    ul {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 8px 16px;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .who {
      flex: 1 1 220px;
      min-width: 0;
    }
    .name {
      margin: 0;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .detail {
      margin: 2px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .left {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
      padding: 0 6px;
      border-radius: 6px;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 8px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font: var(--mat-sys-label-medium);
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .saved {
      flex-basis: 100%;
      margin: 0;
      font: var(--mat-sys-body-small);
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 12px;
    }
  `,
  template: `
    <p class="crumb">People</p>
    <h1>Students</h1>
    <p class="intro">
      When a student leaves the school, record the day they left; their account stays as it is. A conversation whose students have all left is deleted, with
      its files, once the retention period in <a routerLink="/messaging-settings">Messaging settings</a> has passed since the last of them left. Clear the day if
      the student comes back.
    </p>
    <cz-problem-alert [problem]="problem()" />
    <label class="find">
      Find a student
      <input #find type="search" [value]="query()" (input)="query.set(find.value)" />
    </label>
    @if (students(); as all) {
      <ul aria-label="Students">
        @for (s of shown(); track s.id) {
          <li [attr.data-testid]="'student-' + s.id">
            <div class="who">
              <p class="name">{{ s.name }}</p>
              <p class="detail">
                {{ s.email }}{{ s.minor ? ' · under 18' : '' }} ·
                @if (s.leftSchoolOn) {
                  <span class="left">Left on {{ words(s.leftSchoolOn) }}</span>
                } @else {
                  At the school
                }
              </p>
            </div>
            <form novalidate (submit)="$event.preventDefault(); save(s, day.value)">
              <label>
                Day {{ s.name }} left
                <input
                  #day
                  type="date"
                  [name]="'left-' + s.id"
                  [max]="today"
                  [value]="s.leftSchoolOn ?? ''"
                  [attr.aria-invalid]="rowErrors()[s.id] ? 'true' : null"
                  [attr.aria-describedby]="rowErrors()[s.id] ? 'left-error-' + s.id : null"
                />
              </label>
              <button matButton="filled" type="submit" [disabled]="savingId() === s.id" [attr.aria-label]="'Save the day ' + s.name + ' left'">Save</button>
              @if (s.leftSchoolOn) {
                <button matButton="outlined" type="button" [disabled]="savingId() === s.id" (click)="save(s, null)" [attr.aria-label]="s.name + ' is back: clear the day they left'">
                  Clear
                </button>
              }
              @if (rowErrors()[s.id]; as message) {
                <p class="error" role="alert" [id]="'left-error-' + s.id">{{ message }}</p>
              }
              @if (savedId() === s.id) {
                <p class="saved" role="status">Saved.</p>
              }
            </form>
          </li>
        } @empty {
          <li>No student matches “{{ query() }}”.</li>
        }
      </ul>
      <p class="detail">{{ all.length }} students, {{ leftCount() }} of them left.</p>
    } @else if (!problem()) {
      <p role="status">Loading the students…</p>
    }
  `,
})
export class StudentsPage {
  private readonly api = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly students = signal<UserSummary[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly query = signal('');
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly savingId = signal<string | null>(null);
  protected readonly savedId = signal<string | null>(null);
  protected readonly today = todayIn(this.me()?.school.timeZone ?? 'UTC');
  protected readonly shown = computed(() => {
    const q = this.query().trim().toLowerCase();
    const all = [...(this.students() ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    return q ? all.filter((s) => s.name.toLowerCase().includes(q) || s.email.toLowerCase().includes(q)) : all;
  });
  protected readonly leftCount = computed(() => (this.students() ?? []).filter((s) => s.leftSchoolOn).length);

  constructor() {
    this.api.students().subscribe({
      next: (students) => this.students.set(students),
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected words(day: string): string {
    return dayInWords(day, this.me()?.locale ?? 'en-GB');
  }

  /** Sets the day (or clears it with null); an empty field clears it too. */
  protected save(student: UserSummary, day: string | null): void {
    const leftSchoolOn = day?.trim() ? day.trim() : null;
    this.savingId.set(student.id);
    this.savedId.set(null);
    this.rowErrors.update((errors) => Object.fromEntries(Object.entries(errors).filter(([id]) => id !== student.id)));
    this.api.updateStudent(student.id, { leftSchoolOn }).subscribe({
      next: (updated) => {
        this.savingId.set(null);
        this.savedId.set(student.id);
        this.students.update((list) => (list ?? []).map((s) => (s.id === updated.id ? { ...s, ...updated } : s)));
      },
      error: (e: unknown) => {
        this.savingId.set(null);
        const problem = toProblem(e);
        const message = fieldErrors(problem)['leftSchoolOn'] ?? problem.detail ?? problem.title;
        this.rowErrors.update((errors) => ({ ...errors, [student.id]: message }));
      },
    });
  }
}
