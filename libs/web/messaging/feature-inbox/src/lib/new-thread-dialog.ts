import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { MessagingContact, ProblemDetails, Thread, ThreadKind } from '@cadenza/shared/contracts';
import { InboxStore, MessagingApi, THREAD_KIND_LABELS } from '@cadenza/web/messaging/data-access';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

const ROLE_LABELS: Record<string, string> = { admin: 'Admin', teacher: 'Teacher', accompanist: 'Accompanist', student: 'Student', parent: 'Parent' };

/** Who a contact is, in a few words: "Teacher", "Student, under 18", "Parent of Amelia Patel and Oliver Patel". */
export function contactDescription(contact: Pick<MessagingContact, 'roles' | 'minor'> & { children?: readonly string[] }): string {
  const children = contact.children ?? [];
  const roles = contact.roles.map((r) => (r === 'parent' && children.length ? `Parent of ${inWords(children)}` : (ROLE_LABELS[r] ?? r))).join(', ');
  return contact.minor ? `${roles}, under 18` : roles;
}

function inWords(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/** The kinds a person may choose: staff-only threads are for staff. */
export function kindsFor(staff: boolean): ThreadKind[] {
  return staff ? ['direct', 'family', 'group', 'staff'] : ['direct', 'family', 'group'];
}

/**
 * Starts a thread: its kind, the people (from the contacts the caller may start with) and a
 * subject. The server applies the safeguarding rule; its refusal is shown here, naming why.
 */
@Component({
  selector: 'cz-new-thread-dialog',
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    mat-form-field {
      width: 100%;
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 12px;
    }
    fieldset {
      margin: 0 0 12px;
      padding: 8px 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-small);
    }
    .people {
      max-height: 240px;
      margin: 0;
      padding: 0;
      overflow-y: auto;
      list-style: none;
    }
    .who {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .error {
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .chosen {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
    }
  `,
  template: `
    <h2 mat-dialog-title>New conversation</h2>
    <form (ngSubmit)="start()">
      <mat-dialog-content>
        <cz-problem-alert [problem]="problem()" />
        <mat-form-field appearance="outline">
          <mat-label>Kind</mat-label>
          <select matNativeControl name="kind" [ngModel]="kind()" (ngModelChange)="kind.set($event)">
            @for (k of kinds(); track k) {
              <option [value]="k">{{ kindLabels[k] }}</option>
            }
          </select>
          @if (errors()['kind']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
        <fieldset>
          <legend>People</legend>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Find someone</mat-label>
            <input matInput name="filter" [ngModel]="filter()" (ngModelChange)="filter.set($event)" autocomplete="off" />
          </mat-form-field>
          <ul class="people" aria-label="People you can message">
            @for (c of shown(); track c.id) {
              <li>
                <mat-checkbox [checked]="chosen().has(c.id)" (change)="toggle(c.id, $event.checked)">
                  {{ c.name }} <span class="who">· {{ describe(c) }}</span>
                </mat-checkbox>
              </li>
            } @empty {
              <li class="who">Nobody matches.</li>
            }
          </ul>
          <p class="chosen" aria-live="polite">{{ chosenText() }}</p>
          @if (errors()['participantIds']; as e) {
            <p class="error" role="alert">{{ e }}</p>
          }
        </fieldset>
        <mat-form-field appearance="outline">
          <mat-label>Subject (optional)</mat-label>
          <input matInput name="subject" maxlength="1000" [ngModel]="subject()" (ngModelChange)="subject.set($event)" />
          @if (errors()['subject']; as e) {
            <mat-hint class="error">{{ e }}</mat-hint>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Cancel</button>
        <button matButton="filled" type="submit" [disabled]="pending()">Start conversation</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class NewThreadDialog {
  private readonly store = inject(InboxStore);
  private readonly api = inject(MessagingApi);
  private readonly ref = inject(MatDialogRef<NewThreadDialog, Thread>);
  protected readonly kindLabels = THREAD_KIND_LABELS;
  private readonly staff = computed(() => this.store.me()?.roles.some((r) => r === 'admin' || r === 'teacher' || r === 'accompanist') ?? false);
  protected readonly kinds = computed(() => kindsFor(this.staff()));
  protected readonly kind = signal<ThreadKind>('direct');
  protected readonly filter = signal('');
  protected readonly subject = signal('');
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly errors = computed(() => fieldErrors(this.problem()));
  protected readonly shown = computed(() => {
    const needle = this.filter().trim().toLocaleLowerCase();
    const chosen = this.chosen();
    return this.store.startable().filter((c) => chosen.has(c.id) || !needle || c.name.toLocaleLowerCase().includes(needle));
  });
  protected readonly chosenText = computed(() => {
    const names = this.store.names();
    const picked = [...this.chosen()].map((id) => names.get(id) ?? 'Someone');
    return picked.length ? `With ${picked.join(', ')}` : 'Nobody chosen yet.';
  });
  protected readonly describe = contactDescription;

  protected toggle(id: string, on: boolean): void {
    const next = new Set(this.chosen());
    if (on) next.add(id);
    else next.delete(id);
    this.chosen.set(next);
  }

  protected start(): void {
    this.pending.set(true);
    this.problem.set(null);
    const subject = this.subject().trim();
    this.api.startThread({ kind: this.kind(), participantIds: [...this.chosen()], subject: subject || null }).subscribe({
      next: (thread) => this.ref.close(thread),
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.pending.set(false);
      },
    });
  }
}
