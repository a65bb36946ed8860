import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { REALTIME_EVENTS, type Notification, type ProblemDetails } from '@cadenza/shared/contracts';
import { RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { NotificationsApi } from './notifications-api';

/** How many notifications the feed shows. */
export const FEED_SIZE = 20;

/**
 * The bell's state: the unread count and the latest notifications. A `notification.created.v1`
 * carries the new unread count, so the badge moves at once; the feed, when it is open, reads
 * the new item. Everything is read again when the socket comes back. Provide it where the
 * bell lives: it listens for as long as that lives.
 */
@Injectable()
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly itemsState = signal<Notification[]>([]);
  private readonly unreadState = signal(0);
  private readonly loadedState = signal(false);
  private readonly problemState = signal<ProblemDetails | null>(null);
  private version = 0;

  readonly items = this.itemsState.asReadonly();
  readonly unreadCount = this.unreadState.asReadonly();
  readonly loaded = this.loadedState.asReadonly();
  readonly problem = this.problemState.asReadonly();

  constructor() {
    this.realtime
      .on(REALTIME_EVENTS.notificationCreated)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((event) => {
        this.version++;
        this.unreadState.set(event.unreadCount);
        this.load();
      });
    this.realtime.reconnected.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.load());
  }

  /** Reads the latest notifications and the unread count. */
  load(): void {
    const asked = this.version;
    this.api
      .list({ limit: FEED_SIZE })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          this.itemsState.set(page.items);
          this.loadedState.set(true);
          this.problemState.set(null);
          // A push newer than this read already set the count.
          if (this.version === asked) this.unreadState.set(page.unreadCount);
        },
        error: (error: unknown) => this.problemState.set(toProblem(error)),
      });
  }

  markRead(id: string): void {
    this.mark([id]);
  }

  markAllRead(): void {
    this.mark(undefined);
  }

  private mark(ids: string[] | undefined): void {
    this.api
      .markRead(ids ? { ids } : {})
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: () => this.load(), error: (error: unknown) => this.problemState.set(toProblem(error)) });
  }
}
