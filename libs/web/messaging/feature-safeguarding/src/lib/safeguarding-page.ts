import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { MessageFlag, ProblemDetails, ThreadSummary } from '@cadenza/shared/contracts';
import { fullTime, InboxStore, listTime, MessagingApi, nameOf, THREAD_KIND_LABELS, threadTitle } from '@cadenza/web/messaging/data-access';
import { RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { forkJoin, merge } from 'rxjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The safeguarding lead's desk: every flag (newest first), the threads under their oversight, and
 * any thread by its reference. Opening a thread is a read that the server audits. A new flag
 * arriving over the socket re-reads both lists.
 */
@Component({
  selector: 'cz-safeguarding-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    h1 {
      margin: 0 0 4px;
      font: var(--mat-sys-headline-small);
    }
    .intro {
      margin: 0 0 24px;
      color: var(--mat-sys-on-surface-variant);
    }
    section {
      margin-bottom: 32px;
    }
    h2 {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
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
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 4px 16px;
      align-items: center;
      padding: 12px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .what {
      margin: 0;
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .meta {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .reason {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: flex-start;
    }
    form mat-form-field {
      flex: 1 1 280px;
    }
    form button {
      margin-top: 8px;
    }
    @media (max-width: 599.98px) {
      li {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
  template: `
    <h1>Safeguarding</h1>
    <p class="intro">Flags raised by anyone in a conversation, and the conversations under your oversight. Every conversation you open from here that you are not in is recorded in the audit trail.</p>
    <cz-problem-alert [problem]="problem()" />

    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Open flags</h2>
      @if (flags(); as list) {
        <ul data-testid="flags">
          @for (f of list; track f.id) {
            <li>
              <div>
                <p class="what">{{ f.threadTitle }}</p>
                <p class="meta">Flagged by {{ f.flaggedBy }} · <time [attr.title]="f.fullTime">{{ f.when }}</time>
                  @if (f.messageVersion > 1) {
                    · on the message’s version {{ f.messageVersion }}
                  }
                </p>
                <p class="reason">“{{ f.reason }}”</p>
              </div>
              <a matButton="outlined" [routerLink]="['threads', f.threadId]" [queryParams]="{ message: f.messageId }">Open the conversation</a>
            </li>
          } @empty {
            <li><p class="empty">No flags.</p></li>
          }
        </ul>
      } @else {
        <p class="empty" role="status">Loading…</p>
      }
    </section>

    <section aria-labelledby="overseen-heading">
      <h2 id="overseen-heading">Conversations under your oversight</h2>
      @if (overseen(); as list) {
        <ul>
          @for (t of list; track t.id) {
            <li>
              <div>
                <p class="what">{{ t.title }}</p>
                <p class="meta">{{ t.kind }} · {{ t.people }} · last activity <time [attr.title]="t.fullTime">{{ t.when }}</time></p>
              </div>
              <a matButton="outlined" [routerLink]="['threads', t.id]">Open</a>
            </li>
          } @empty {
            <li><p class="empty">None.</p></li>
          }
        </ul>
      }
    </section>

    <section aria-labelledby="any-heading">
      <h2 id="any-heading">Open any conversation</h2>
      <form (ngSubmit)="openById()">
        <mat-form-field appearance="outline">
          <mat-label>Conversation reference</mat-label>
          <input matInput name="ref" autocomplete="off" [ngModel]="reference()" (ngModelChange)="reference.set($event)" aria-describedby="ref-hint" />
          <mat-hint id="ref-hint">The conversation’s id, as in an audit entry or a report.</mat-hint>
          @if (referenceError()) {
            <mat-hint class="ref-error" role="alert">{{ referenceError() }}</mat-hint>
          }
        </mat-form-field>
        <button matButton="filled" type="submit">Open</button>
      </form>
    </section>
  `,
})
export class SafeguardingPage {
  private readonly api = inject(MessagingApi);
  private readonly store = inject(InboxStore);
  private readonly router = inject(Router);
  private readonly rawFlags = signal<MessageFlag[] | null>(null);
  private readonly rawOverseen = signal<ThreadSummary[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly reference = signal('');
  protected readonly referenceError = signal<string | null>(null);

  private readonly meId = computed(() => this.store.me()?.id ?? null);
  protected readonly flags = computed(() => {
    const flags = this.rawFlags();
    if (!flags) return null;
    const threads = new Map((this.rawOverseen() ?? []).map((t) => [t.id, t]));
    const zone = this.store.timeZone();
    const names = this.store.names();
    const now = new Date();
    return flags.map((f) => {
      const thread = threads.get(f.threadId);
      return {
        id: f.id,
        threadId: f.threadId,
        messageId: f.messageId,
        messageVersion: f.messageVersion,
        threadTitle: thread ? threadTitle(thread, names, this.meId()) : 'A conversation',
        flaggedBy: nameOf(names, f.flaggedBy, this.meId()),
        reason: f.reason,
        when: listTime(f.createdAt, zone, now),
        fullTime: fullTime(f.createdAt, zone),
      };
    });
  });
  protected readonly overseen = computed(() => {
    const list = this.rawOverseen();
    if (!list) return null;
    const zone = this.store.timeZone();
    const names = this.store.names();
    const now = new Date();
    return list.map((t) => {
      const at = t.lastMessageAt ?? t.createdAt;
      const people = t.participantIds.map((id) => nameOf(names, id, this.meId())).join(', ');
      return { id: t.id, title: threadTitle(t, names, this.meId()), kind: THREAD_KIND_LABELS[t.kind], people, when: listTime(at, zone, now), fullTime: fullTime(at, zone) };
    });
  });

  constructor() {
    this.store.wantNames();
    this.load();
    const realtime = inject(RealtimeClient);
    const sub = merge(realtime.on('message.flagged.v1'), realtime.reconnected).subscribe(() => this.load());
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected openById(): void {
    const id = this.reference().trim();
    if (!UUID.test(id)) {
      this.referenceError.set('Enter a conversation reference (a UUID).');
      return;
    }
    this.referenceError.set(null);
    void this.router.navigate(['/safeguarding/threads', id]);
  }

  private load(): void {
    forkJoin({ flags: this.api.flags(), overseen: this.api.threads(true) }).subscribe({
      next: ({ flags, overseen }) => {
        this.rawFlags.set(flags);
        this.rawOverseen.set(overseen);
        this.store.learnNames([...flags.map((f) => f.flaggedBy), ...overseen.flatMap((t) => t.participantIds)]);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }
}
