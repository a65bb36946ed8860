import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import type { FlagOutcome, FlagStatus, MessageFlag, MessagingContact, PersonMessagesSummary, ProblemDetails, ThreadSummary } from '@cadenza/shared/contracts';
import { fullTime, InboxStore, listTime, MessagingApi, nameOf, THREAD_KIND_LABELS, threadTitle } from '@cadenza/web/messaging/data-access';
import { RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { forkJoin, merge } from 'rxjs';
import { PersonConversationsList } from './person-conversations';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The lead's outcomes, in words. */
export const OUTCOME_LABELS: Record<FlagOutcome, string> = { no_concern: 'No concern', action_taken: 'Action taken in the school', referred: 'Referred outside the school' };
type FlagFilter = FlagStatus | 'all';

/** Contacts whose name holds every word typed, at most 8, by name. */
export function matchPeople(contacts: readonly MessagingContact[], text: string): MessagingContact[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return contacts.filter((c) => words.every((w) => c.name.toLowerCase().includes(w))).slice(0, 8);
}

/**
 * The safeguarding lead's desk: the flags (open ones first by default, or reviewed, or all; newest first), each open
 * one reviewed in place with an outcome and a note; the threads under their oversight; a person's conversations found
 * by their name; and any thread by its reference. Opening a thread is a read that the server audits. A new flag
 * arriving over the socket re-reads the lists.
 */
@Component({
  selector: 'cz-safeguarding-page',
  imports: [FormsModule, MatAutocompleteModule, MatButtonModule, MatButtonToggleModule, MatFormFieldModule, MatInputModule, MatRadioModule, RouterLink, ProblemAlert, PersonConversationsList],
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
    .heading-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 12px;
    }
    .heading-row h2 {
      margin: 0;
    }
    .actions {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-end;
    }
    .review-form {
      grid-column: 1 / -1;
      display: flex;
      flex-direction: column;
      gap: 8px;
      padding-top: 8px;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .review-form mat-form-field {
      flex: 0 0 auto;
      width: 100%;
    }
    .review-form fieldset {
      margin: 0;
      padding: 0;
      border: 0;
    }
    .review-form legend {
      margin-bottom: 4px;
      font: var(--mat-sys-title-small);
    }
    .review-form mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .review-form .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .review {
      margin: 4px 0 0;
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }
    .status {
      font: var(--mat-sys-label-medium);
    }
    .person-form mat-form-field {
      flex: 1 1 280px;
    }
    .person-result {
      margin-top: 12px;
    }
    @media (max-width: 599.98px) {
      li {
        grid-template-columns: minmax(0, 1fr);
      }
      .actions {
        align-items: flex-start;
      }
    }
  `,
  template: `
    <h1>Safeguarding</h1>
    <p class="intro">Flags raised by anyone in a conversation, to review with an outcome and a note; the conversations under your oversight; and anyone’s conversations, found by their name. Every conversation you open from here that you are not in is recorded in the audit trail.</p>
    <cz-problem-alert [problem]="problem()" />

    <section aria-labelledby="flags-heading">
      <div class="heading-row">
        <h2 id="flags-heading">{{ filterHeading[filter()] }}</h2>
        <mat-button-toggle-group name="flag-state" aria-label="Which flags" [value]="filter()" (change)="setFilter($event.value)" hideSingleSelectionIndicator>
          <mat-button-toggle value="open">Open</mat-button-toggle>
          <mat-button-toggle value="reviewed">Reviewed</mat-button-toggle>
          <mat-button-toggle value="all">All</mat-button-toggle>
        </mat-button-toggle-group>
      </div>
      @if (flags(); as list) {
        <ul data-testid="flags">
          @for (f of list; track f.id) {
            <li [attr.data-flag]="f.id">
              <div>
                <p class="what">{{ f.threadTitle }} <span class="status">· {{ f.review ? 'Reviewed' : 'Open' }}</span></p>
                <p class="meta">Flagged by {{ f.flaggedBy }} · <time [attr.title]="f.fullTime">{{ f.when }}</time>
                  @if (f.messageVersion > 1) {
                    · on the message’s version {{ f.messageVersion }}
                  }
                </p>
                <p class="reason">“{{ f.reason }}”</p>
                @if (f.review; as r) {
                  <p class="review">{{ outcomes[r.outcome] }}, by {{ r.by }} on <time [attr.title]="r.fullTime">{{ r.when }}</time>: {{ r.note }}</p>
                }
              </div>
              <div class="actions">
                <a matButton="outlined" [routerLink]="['threads', f.threadId]" [queryParams]="{ message: f.messageId }">Open the conversation</a>
                @if (!f.review && reviewing() !== f.id) {
                  <button matButton="filled" type="button" (click)="startReview(f.id)" [attr.aria-label]="'Review the flag by ' + f.flaggedBy">Review</button>
                }
              </div>
              @if (reviewing() === f.id) {
                <form class="review-form" (ngSubmit)="submitReview(f.id)" [attr.aria-label]="'Review the flag by ' + f.flaggedBy">
                  <fieldset>
                    <legend>Outcome</legend>
                    <mat-radio-group name="outcome" [ngModel]="outcome()" (ngModelChange)="outcome.set($event)" aria-label="Outcome">
                      @for (o of outcomeList; track o) {
                        <mat-radio-button [value]="o">{{ outcomes[o] }}</mat-radio-button>
                      }
                    </mat-radio-group>
                    @if (reviewErrors()['outcome']; as e) {
                      <p class="error" role="alert">{{ e }}</p>
                    }
                  </fieldset>
                  <mat-form-field appearance="outline">
                    <mat-label>Note</mat-label>
                    <textarea matInput name="note" rows="3" required [ngModel]="note()" (ngModelChange)="note.set($event)" aria-describedby="note-hint"></textarea>
                    <mat-hint id="note-hint">What you looked at and decided. Kept in the audit trail.</mat-hint>
                  </mat-form-field>
                  @if (reviewErrors()['note']; as e) {
                    <p class="error" role="alert">{{ e }}</p>
                  }
                  <cz-problem-alert [problem]="reviewProblem()" />
                  <div class="buttons">
                    <button matButton="filled" type="submit" [disabled]="saving()">Mark reviewed</button>
                    <button matButton type="button" (click)="cancelReview()">Cancel</button>
                  </div>
                </form>
              }
            </li>
          } @empty {
            <li><p class="empty">{{ filter() === 'open' ? 'No open flags.' : 'No flags.' }}</p></li>
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

    <section aria-labelledby="person-heading">
      <h2 id="person-heading">A person’s conversations</h2>
      <form class="person-form" (ngSubmit)="findPerson()">
        <mat-form-field appearance="outline">
          <mat-label>Person</mat-label>
          <input matInput name="person" autocomplete="off" [matAutocomplete]="people" [ngModel]="personText()" (ngModelChange)="personText.set($event)" aria-describedby="person-hint" />
          <mat-autocomplete #people="matAutocomplete" [displayWith]="displayPerson" (optionSelected)="pickPerson($event.option.value)">
            @for (c of matches(); track c.id) {
              <mat-option [value]="c">{{ c.name }}{{ c.children.length ? ' (parent of ' + c.children.join(', ') + ')' : '' }}</mat-option>
            }
          </mat-autocomplete>
          <mat-hint id="person-hint">Type a name and choose the person: every conversation they are in is listed.</mat-hint>
        </mat-form-field>
        <button matButton="filled" type="submit">Find</button>
      </form>
      @if (personError()) {
        <p class="error" role="alert">{{ personError() }}</p>
      }
      <cz-problem-alert [problem]="personProblem()" />
      @if (personSummary(); as found) {
        <div class="person-result" data-testid="person-conversations">
          <h3>{{ found.name }}</h3>
          <cz-person-conversations [summary]="found.summary" [label]="'Conversations of ' + found.name" />
        </div>
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
  protected readonly filter = signal<FlagFilter>('open');
  protected readonly filterHeading: Record<FlagFilter, string> = { open: 'Open flags', reviewed: 'Reviewed flags', all: 'All flags' };
  protected readonly outcomes = OUTCOME_LABELS;
  protected readonly outcomeList = Object.keys(OUTCOME_LABELS) as FlagOutcome[];
  protected readonly reviewing = signal<string | null>(null);
  protected readonly outcome = signal<FlagOutcome | null>(null);
  protected readonly note = signal('');
  protected readonly saving = signal(false);
  protected readonly reviewErrors = signal<Record<string, string>>({});
  protected readonly reviewProblem = signal<ProblemDetails | null>(null);
  protected readonly personText = signal<string | MessagingContact>('');
  protected readonly personError = signal<string | null>(null);
  protected readonly personProblem = signal<ProblemDetails | null>(null);
  protected readonly personSummary = signal<{ name: string; summary: PersonMessagesSummary } | null>(null);
  protected readonly matches = computed(() => {
    const text = this.personText();
    return typeof text === 'string' ? matchPeople(this.store.contacts(), text) : [];
  });

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
        review: f.review
          ? { outcome: f.review.outcome, note: f.review.note, by: f.review.reviewedBy === this.meId() ? 'you' : nameOf(names, f.review.reviewedBy), when: listTime(f.review.reviewedAt, zone, now), fullTime: fullTime(f.review.reviewedAt, zone) }
          : null,
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

  protected setFilter(filter: FlagFilter): void {
    this.filter.set(filter);
    this.load();
  }

  protected startReview(flagId: string): void {
    this.reviewing.set(flagId);
    this.outcome.set(null);
    this.note.set('');
    this.reviewErrors.set({});
    this.reviewProblem.set(null);
  }

  protected cancelReview(): void {
    this.reviewing.set(null);
  }

  protected submitReview(flagId: string): void {
    const outcome = this.outcome();
    const errors: Record<string, string> = {};
    if (!outcome) errors['outcome'] = 'Choose an outcome.';
    if (!this.note().trim()) errors['note'] = 'Write a note of what you looked at and decided.';
    this.reviewErrors.set(errors);
    if (!outcome || Object.keys(errors).length > 0) return;
    this.saving.set(true);
    this.reviewProblem.set(null);
    this.api.reviewFlag(flagId, { outcome, note: this.note() }).subscribe({
      next: () => {
        this.saving.set(false);
        this.reviewing.set(null);
        this.load();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const problem = toProblem(error);
        const fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
        this.reviewErrors.set(fields);
        if (Object.keys(fields).length === 0) this.reviewProblem.set(problem);
      },
    });
  }

  protected pickPerson(contact: MessagingContact): void {
    this.personText.set(contact);
    this.showPerson(contact);
  }

  protected findPerson(): void {
    const text = this.personText();
    if (typeof text !== 'string') return this.showPerson(text);
    const exact = this.store.contacts().filter((c) => c.name.toLowerCase() === text.trim().toLowerCase());
    const found = exact.length === 1 ? exact : matchPeople(this.store.contacts(), text);
    if (found.length !== 1) {
      this.personError.set(found.length === 0 ? 'No one at the school has that name.' : 'Several people match: choose one from the list.');
      return;
    }
    this.showPerson(found[0]);
  }

  protected readonly displayPerson = (value: string | MessagingContact | null): string => (value && typeof value !== 'string' ? value.name : (value ?? ''));

  private showPerson(contact: MessagingContact): void {
    this.personError.set(null);
    this.personProblem.set(null);
    this.api.personMessages(contact.id).subscribe({
      next: (summary) => this.personSummary.set({ name: contact.name, summary }),
      error: (error: unknown) => this.personProblem.set(toProblem(error)),
    });
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
    const filter = this.filter();
    forkJoin({ flags: this.api.flags(filter === 'all' ? undefined : filter), overseen: this.api.threads(true) }).subscribe({
      next: ({ flags, overseen }) => {
        this.rawFlags.set(flags);
        this.rawOverseen.set(overseen);
        this.store.learnNames([...flags.flatMap((f) => [f.flaggedBy, ...(f.review ? [f.review.reviewedBy] : [])]), ...overseen.flatMap((t) => t.participantIds)]);
      },
      error: (error: unknown) => this.problem.set(toProblem(error)),
    });
  }
}
