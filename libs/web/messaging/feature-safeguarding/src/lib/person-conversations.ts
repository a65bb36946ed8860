import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { PersonConversation, PersonMessagesSummary, ProblemDetails } from '@cadenza/shared/contracts';
import { fullTime, MessagingApi, THREAD_KIND_LABELS, viewerZone } from '@cadenza/web/messaging/data-access';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { PERSON_PANEL_STYLES, ProblemAlert } from '@cadenza/web/shared/ui';

/** "In 3 conversations · last message Monday 3 March 2026 at 14:05 · 1 open flag" (flags for the lead only). */
export function summaryLine(summary: PersonMessagesSummary, timeZone: string): string {
  const count = summary.conversations === 1 ? 'In 1 conversation' : `In ${summary.conversations} conversations`;
  const last = summary.lastMessageAt ? `last message ${fullTime(summary.lastMessageAt, timeZone)}` : 'no message yet';
  const flags = summary.openFlags === null ? null : summary.openFlags === 1 ? '1 open flag' : `${summary.openFlags} open flags`;
  return [count, last, flags].filter(Boolean).join(' · ');
}

/** Where a conversation opens for the viewer: their inbox when they are in it, else the lead's audited read. */
export const conversationLink = (c: PersonConversation): string[] => (c.openAs === 'inbox' ? ['/messages', c.id] : ['/safeguarding/threads', c.id]);

/**
 * A person's conversations as the server lets the viewer see them: the count and latest message of all of them, and
 * a link to each one the viewer may open (their own, or any for the safeguarding lead); the rest are only counted.
 */
@Component({
  selector: 'cz-person-conversations',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PERSON_PANEL_STYLES,
    `
    .summary {
      margin: 0 0 8px;
      font: var(--mat-sys-body-medium);
    }
    li {
      align-items: baseline;
    }
    li a {
      flex: 1 1 220px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .hidden {
      margin: 8px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  ],
  template: `
    @let s = summary();
    <p class="summary" data-testid="messages-summary">{{ line() }}</p>
    @if (s.openable.length > 0) {
      <ul [attr.aria-label]="label()">
        @for (c of s.openable; track c.id) {
          <li>
            <a [routerLink]="link(c)">{{ c.subject || c.participants.join(', ') }}</a>
            <span class="meta">
              {{ kinds[c.kind] }} · {{ c.participants.length }} people{{ c.lastMessageAt ? ' · ' + when(c.lastMessageAt) : '' }}{{ c.openAs === 'lead' ? ' · opens as the lead (recorded)' : '' }}{{ c.openFlags ? ' · ' + c.openFlags + ' open flag' + (c.openFlags === 1 ? '' : 's') : '' }}
            </span>
          </li>
        }
      </ul>
    }
    @if (s.conversations > s.openable.length) {
      <p class="hidden">{{ s.conversations - s.openable.length }} of them you are not in: only the safeguarding lead can open those.</p>
    }
  `,
})
export class PersonConversationsList {
  readonly summary = input.required<PersonMessagesSummary>();
  readonly label = input('Their conversations');
  private readonly auth = inject(AuthStore);
  private readonly zone = computed(() => viewerZone(this.auth.user()));
  protected readonly kinds = THREAD_KIND_LABELS;
  protected readonly line = computed(() => summaryLine(this.summary(), this.zone()));
  protected readonly link = conversationLink;

  protected when(iso: string): string {
    return fullTime(iso, this.zone());
  }
}

/**
 * The messages summary on a person's page in People (the console provides it through `PERSON_PANELS`): admins only,
 * as the server answers them; for anyone else it shows nothing.
 */
@Component({
  selector: 'cz-person-messages-panel',
  imports: [PersonConversationsList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: PERSON_PANEL_STYLES,
  template: `
    @if (isAdmin()) {
      <section aria-labelledby="person-messages-title" data-testid="person-messages">
        <h2 id="person-messages-title">Messages</h2>
        <cz-problem-alert [problem]="problem()" />
        @if (summary(); as s) {
          <cz-person-conversations [summary]="s" label="Their conversations you can open" />
        } @else if (!problem()) {
          <p role="status">Loading messages…</p>
        }
      </section>
    }
  `,
})
export class PersonMessagesPanel {
  readonly personId = input.required<string>();
  readonly kind = input<'students' | 'staff'>('students');
  private readonly api = inject(MessagingApi);
  private readonly auth = inject(AuthStore);
  protected readonly isAdmin = computed(() => this.auth.user()?.roles.includes('admin') ?? false);
  protected readonly summary = signal<PersonMessagesSummary | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);

  constructor() {
    effect(() => {
      const [id, admin] = [this.personId(), this.isAdmin()];
      untracked(() => {
        this.summary.set(null);
        this.problem.set(null);
        if (!admin) return;
        this.api.personMessages(id).subscribe({ next: (s) => this.summary.set(s), error: (e: unknown) => this.problem.set(toProblem(e)) });
      });
    });
  }
}
