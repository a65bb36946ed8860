import { computed, DestroyRef, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { MessagingContact, ThreadSummary } from '@cadenza/shared/contracts';
import { AuthStore, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { merge, Subject, type Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { unreadTotal, viewerZone, type Names } from './inbox-format';
import { MessagingApi } from './messaging-api';

/**
 * The signed-in person's threads and the names of the people in them, kept current over the
 * socket: a new message, an edit or a read re-reads the list over REST (events carry ids only),
 * and so does a reconnection. One per app; the navigation's unread badge and the inbox share it.
 */
@Injectable({ providedIn: 'root' })
export class InboxStore {
  private readonly api = inject(MessagingApi);
  private readonly auth = inject(AuthStore);
  private readonly realtime = inject(RealtimeClient);
  private readonly changes = new Subject<string | null>();
  private started = false;
  private namesWanted = false;
  private loadingThreads = false;
  private reloadAgain = false;
  private contactsFor: string | null = null;
  private readonly askedFor = new Set<string>();
  private contactsInFlight = false;
  private pendingIds: string[] = [];

  readonly me = this.auth.user;
  readonly timeZone = computed(() => viewerZone(this.me()));
  readonly threads = signal<ThreadSummary[]>([]);
  readonly contacts = signal<MessagingContact[]>([]);
  readonly loaded = signal(false);
  readonly failed = signal(false);
  readonly names = computed<Names>(() => new Map(this.contacts().map((c) => [c.id, c.name])));
  readonly unread = computed(() => unreadTotal(this.threads()));
  /** People a new thread may include. */
  readonly startable = computed(() => this.contacts().filter((c) => c.canStart));

  /**
   * Which thread changed (its id), or null for "anything may have changed" after a reconnection.
   * Open conversations re-read themselves on it.
   */
  readonly threadChanged: Observable<string | null> = this.changes.asObservable();

  constructor() {
    const destroyRef = inject(DestroyRef);
    const sub = merge(
      this.realtime.on('message.created.v1').pipe(map((e) => e.threadId)),
      this.realtime.on('message.updated.v1').pipe(map((e) => e.threadId)),
      this.realtime.on('thread.read.v1').pipe(map((e) => e.threadId)),
      this.realtime.reconnected.pipe(map(() => null)),
    ).subscribe((threadId) => {
      if (!this.started) return;
      this.changes.next(threadId);
      this.reloadThreads();
    });
    destroyRef.onDestroy(() => sub.unsubscribe());
    // Someone else signing in on this tab starts from nothing.
    effect(() => {
      const id = this.me()?.id ?? null;
      untracked(() => {
        if (id === this.contactsFor) return;
        this.threads.set([]);
        this.contacts.set([]);
        this.loaded.set(false);
        this.askedFor.clear();
        this.pendingIds = [];
        this.contactsFor = id;
        if (!id) return;
        if (this.namesWanted) this.loadContacts();
        if (this.started) this.reloadThreads();
      });
    });
  }

  /** Loads the thread list once (idempotent; the navigation badge needs no more); later changes arrive over the socket. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const id = this.me()?.id ?? null;
    this.contactsFor = id;
    if (id) this.reloadThreads();
  }

  /** Also loads the contacts, to name people (the inbox's pages; once, and again for unknown ids). */
  wantNames(): void {
    this.start();
    if (this.namesWanted) return;
    this.namesWanted = true;
    if (this.me()) this.loadContacts();
  }

  /** Re-reads the thread list now (after posting, reading or starting a thread). */
  reloadThreads(): void {
    if (this.loadingThreads) {
      this.reloadAgain = true;
      return;
    }
    this.loadingThreads = true;
    this.api.threads().subscribe({
      next: (threads) => {
        this.threads.set(threads);
        this.loaded.set(true);
        this.failed.set(false);
        this.learnNames(threads.flatMap((t) => t.participantIds));
      },
      error: () => {
        this.failed.set(true);
        this.loaded.set(true);
      },
    }).add(() => this.settle());
  }

  /** Sets one thread's unread count to zero at once (the server is told separately). */
  markSeenLocally(threadId: string, lastSeq: number): void {
    this.threads.update((list) => list.map((t) => (t.id === threadId ? { ...t, unreadCount: 0, lastReadSeq: Math.max(t.lastReadSeq, lastSeq) } : t)));
  }

  /** Re-reads the contacts when ids turn up that have no name yet (someone added to a thread). */
  learnNames(ids: readonly string[]): void {
    if (!this.namesWanted) return;
    const me = this.me()?.id;
    const names = this.names();
    const unknown = [...new Set(ids)].filter((id) => id !== me && !names.has(id) && !this.askedFor.has(id));
    if (unknown.length === 0) return;
    if (this.contactsInFlight) {
      // The answer on its way may name them; look again when it is here.
      this.pendingIds.push(...unknown);
      return;
    }
    unknown.forEach((id) => this.askedFor.add(id));
    this.loadContacts();
  }

  private loadContacts(): void {
    this.contactsInFlight = true;
    this.api
      .contacts()
      .subscribe({ next: (contacts) => this.contacts.set(contacts), error: () => undefined })
      .add(() => {
        this.contactsInFlight = false;
        const pending = this.pendingIds.splice(0);
        if (pending.length) this.learnNames(pending);
      });
  }

  private settle(): void {
    if (!this.loadingThreads) return;
    this.loadingThreads = false;
    if (this.reloadAgain) {
      this.reloadAgain = false;
      this.reloadThreads();
    }
  }
}
