import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { AuditEvent } from '@cadenza/shared/contracts';
import { AuthStore, CallState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { HistoryApi, PeopleApi } from '@cadenza/web/identity/data-access';

const ACTION_WORDS: Record<string, string> = {
  'identity.user.created': 'Joined the school',
  'identity.student.created': 'Recorded as a student',
  'identity.user.updated': 'Account changed',
  'identity.student.updated': 'Profile changed',
  'identity.teacher_profile.updated': 'Teaching profile changed',
  'identity.user.roles_changed': 'Roles changed',
  'identity.person.archived': 'Archived (left the school)',
  'identity.person.restored': 'Restored',
  'identity.person.erasure_started': 'Erasure started',
  'identity.person.erased': 'Erased',
  'identity.personal_data.exported': 'Personal data exported',
  'identity.password.changed': 'Password changed',
  'identity.password.reset': 'Password reset',
  'identity.password_reset.requested': 'Password reset asked for',
  'identity.invitation.created': 'Invited',
  'identity.invitation.accepted': 'Invitation accepted',
  'identity.invitation.revoked': 'Invitation withdrawn',
  'identity.session.signed_in': 'Signed in',
  'identity.session.signed_out': 'Signed out',
  'identity.session.reuse_detected': 'A stolen sign-in was stopped',
  'identity.family.created': 'Family created',
  'identity.family.updated': 'Family changed',
  'identity.family.guardian_added': 'Added as a guardian',
  'identity.family.guardian_removed': 'Removed as a guardian',
  'identity.family.access_changed': 'Access to a child changed',
  'identity.family.child_added': 'Added to a family',
  'identity.family.child_moved': 'Moved to another family',
  'messaging.notification_preferences.updated': 'Notification preferences changed',
  'messaging.thread.started': 'Conversation started',
  'messaging.thread.participant_added': 'Added to a conversation',
  'messaging.thread.participant_removed': 'Removed from a conversation',
  'messaging.thread.guardian_required': 'Conversation given a guardian',
  'messaging.thread.placed_under_oversight': 'Conversation placed under the safeguarding lead’s oversight',
  'messaging.thread.read_by_lead': 'Conversation read by the safeguarding lead',
  'messaging.thread.transcript_exported': 'Conversation transcript exported',
  'messaging.thread.purged_by_retention': 'Conversation removed at the end of its retention',
  'messaging.message.posted': 'Message sent',
  'messaging.message.edited': 'Message edited',
  'messaging.message.flagged': 'Message flagged',
  'messaging.attachment.uploaded': 'File attached',
  'messaging.attachment.read_by_lead': 'File read by the safeguarding lead',
  'scheduling.availability.set': 'Weekly availability set',
  'scheduling.availability.exception_added': 'Time off or extra time added',
  'scheduling.lesson.booked': 'Lesson booked',
  'scheduling.lesson.cancelled': 'Lesson cancelled',
  'scheduling.lesson.moved': 'Lesson moved',
  'scheduling.series.created': 'Weekly lessons set up',
  'scheduling.series.split': 'Weekly lessons changed from a date',
  'scheduling.request.submitted': 'Lesson request made',
  'scheduling.request.approved': 'Lesson request approved',
  'scheduling.request.declined': 'Lesson request declined',
  'scheduling.request.countered': 'Another time offered for a lesson request',
  'scheduling.request.counter_accepted': 'Offered time accepted',
  'scheduling.request.withdrawn': 'Lesson request withdrawn',
  'scheduling.makeup_credit.expired': 'Makeup credit expired',
  'attendance.register.marked': 'Register marked',
  'attendance.register.corrected': 'Register corrected',
  'attendance.lesson.started': 'Lesson started',
  'attendance.lesson.ended': 'Lesson ended',
  'practice.assignment.set': 'Practice set',
  'practice.assignment.done': 'Practice done',
  'practice.assignment.reopened': 'Practice reopened',
  'practice.achievement.recorded': 'Level reached',
  'practice.target.set': 'Target set',
  'practice.logged': 'Practice logged',
  'practice.commented': 'Practice commented on',
  'billing.invoice.issued': 'Invoice issued',
  'billing.invoice.voided': 'Invoice voided',
};

/** An action the table above does not know yet, still in words: "scheduling.room.updated" → "Room updated". */
function actionInWords(action: string): string {
  const known = ACTION_WORDS[action];
  if (known) return known;
  const parts = action.split('.').slice(1);
  const text = (parts.length > 0 ? parts : [action]).join(' ').replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  email: 'email',
  dateOfBirth: 'date of birth',
  leftSchoolOn: 'day they left',
  roles: 'roles',
  timeZone: 'time zone',
  locale: 'language',
  instruments: 'instruments',
  levels: 'levels',
  level: 'level',
  schoolYear: 'school year',
  staffNotes: 'staff notes',
  medicalNotes: 'medical notes',
  emergencyContact: 'emergency contact',
  bio: 'bio',
  phone: 'phone',
  windows: 'weekly hours',
  exceptions: 'time off',
  bufferMinutes: 'changeover time',
  payerId: 'who pays',
};

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * What an audit event did, in words, naming the fields it changed but never their values (the trail keeps notes out
 * anyway): "Profile changed: name, date of birth".
 */
export function eventInWords(event: Pick<AuditEvent, 'action' | 'before' | 'after'>): string {
  const [before, after] = [record(event.before), record(event.after)];
  const changed = Object.keys(after).filter((k) => k !== 'profileFields' && k in before && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const profile = Array.isArray(after['profileFields']) ? (after['profileFields'] as unknown[]).filter((f): f is string => typeof f === 'string') : [];
  const fields = [...new Set([...changed, ...profile])].map((f) => FIELD_WORDS[f] ?? f);
  const words = actionInWords(event.action);
  return fields.length > 0 ? `${words}: ${fields.join(', ')}` : words;
}

/**
 * A person's history on their page (admins): the audit trail's events about them, newest first, ten at a time, each
 * with when (in the viewer's zone), who did it ("You", someone by name, or the school itself) and what.
 */
@Component({
  selector: 'cz-person-history',
  imports: [MatButtonModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    ol {
      margin: 0 0 8px;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: minmax(9rem, max-content) 1fr;
      gap: 0 16px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-medium);
    }
    time,
    .who {
      color: var(--mat-sys-on-surface-variant);
    }
    @media (max-width: 599.98px) {
      li {
        grid-template-columns: 1fr;
      }
    }
  `,
  template: `
    <cz-problem-alert [problem]="call.problem()" />
    <ol aria-label="History">
      @for (e of events(); track e.id) {
        <li>
          <time [attr.datetime]="e.occurredAt">{{ when(e.occurredAt) }}</time>
          <span>
            {{ words(e) }}
            <span class="who">· {{ who(e.actorId) }}</span>
          </span>
        </li>
      } @empty {
        <li>{{ call.busy() ? 'Loading…' : 'Nothing recorded yet.' }}</li>
      }
    </ol>
    @if (next()) {
      <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="more()">Show older</button>
    }
  `,
})
export class PersonHistory {
  readonly personId = input.required<string>();
  /** Raised by the page after each change it makes, so the history reads its newest events again. */
  readonly revision = input(0);
  private readonly history = inject(HistoryApi);
  private readonly people = inject(PeopleApi);
  private readonly me = inject(AuthStore).user;
  protected readonly call = new CallState();
  protected readonly events = signal<AuditEvent[]>([]);
  protected readonly next = signal<string | null>(null);
  private readonly names = signal<Map<string, string>>(new Map());
  protected readonly zone = computed(() => this.me()?.timeZone ?? 'UTC');

  constructor() {
    this.people.users('all').subscribe({ next: (users) => this.names.set(new Map(users.map((u) => [u.id, u.name]))) });
    effect(() => {
      this.personId();
      this.revision();
      untracked(() => {
        this.events.set([]);
        this.next.set(null);
        this.more();
      });
    });
  }

  protected more(): void {
    this.call.run(this.history.of(this.personId(), 10, this.next() ?? undefined), (page) => {
      this.events.update((shown) => [...shown, ...page.items]);
      this.next.set(page.next);
    });
  }

  protected words(event: AuditEvent): string {
    return eventInWords(event);
  }

  protected who(actorId: string | null): string {
    if (actorId === null) return 'the school';
    if (actorId === this.me()?.id) return 'you';
    return this.names().get(actorId) ?? 'someone no longer listed';
  }

  protected when(at: string): string {
    return new Date(at).toLocaleString(this.me()?.locale ?? 'en-GB', { timeZone: this.zone(), day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }
}
