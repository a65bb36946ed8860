import { ChangeDetectionStrategy, Component, computed, ElementRef, HostListener, inject, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { Notification } from '@cadenza/shared/contracts';
import { NotificationsStore } from '@cadenza/web/messaging/data-access-notifications';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

/**
 * The bell in the toolbar: the unread count, live from `notification.created.v1`, and a
 * feed panel below it (mark one or all read, follow a notification's link, the preferences).
 * The panel closes on Escape, on a click outside, and when a link is followed.
 */
@Component({
  selector: 'cz-notification-bell',
  imports: [MatButtonModule, RouterLink, ProblemAlert],
  providers: [NotificationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './notification-bell.scss',
  template: `
    <button
      type="button"
      class="bell"
      data-testid="notification-bell"
      [attr.aria-label]="label()"
      [attr.aria-expanded]="open()"
      aria-controls="notification-feed"
      (click)="toggle()"
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      @if (count() > 0) {
        <span class="badge" data-testid="notification-count" aria-hidden="true">{{ badge() }}</span>
      }
    </button>
    <span class="visually-hidden" aria-live="polite">{{ count() > 0 ? count() + ' unread notifications' : '' }}</span>

    @if (open()) {
      <section id="notification-feed" class="feed" aria-labelledby="notification-feed-title" data-testid="notification-feed">
        <header class="feed-head">
          <h2 id="notification-feed-title">Notifications</h2>
          <button matButton type="button" [disabled]="count() === 0" (click)="store.markAllRead()">Mark all read</button>
        </header>
        <cz-problem-alert [problem]="store.problem()" />
        @if (store.items().length === 0) {
          <p class="empty">{{ store.loaded() ? 'Nothing yet.' : 'Loading…' }}</p>
        } @else {
          <ul class="items">
            @for (n of store.items(); track n.id) {
              <li class="item" [class.unread]="!n.readAt" data-testid="notification" [attr.data-notification-id]="n.id">
                <div class="text">
                  @if (n.link) {
                    <a class="title" [routerLink]="n.link" (click)="follow(n)">{{ n.title }}</a>
                  } @else {
                    <span class="title">{{ n.title }}</span>
                  }
                  <span class="body">{{ n.body }}</span>
                  <span class="time">{{ when(n) }}{{ n.readAt ? '' : ' · unread' }}</span>
                </div>
                @if (!n.readAt) {
                  <button matButton type="button" class="mark" (click)="store.markRead(n.id)" [attr.aria-label]="'Mark read: ' + n.title">Mark read</button>
                }
              </li>
            }
          </ul>
        }
        <a class="prefs" routerLink="/notifications/preferences" (click)="close()">Notification preferences</a>
      </section>
    }
  `,
})
export class NotificationBell implements OnInit {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly auth = inject(AuthStore);
  protected readonly store = inject(NotificationsStore);
  protected readonly open = signal(false);
  protected readonly count = this.store.unreadCount;
  protected readonly badge = computed(() => (this.count() > 99 ? '99+' : String(this.count())));
  protected readonly label = computed(() => (this.count() === 0 ? 'Notifications, none unread' : `Notifications, ${this.count()} unread`));
  private readonly format = computed(
    () => new Intl.DateTimeFormat(this.auth.user()?.locale ?? undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: this.auth.user()?.timeZone ?? undefined }),
  );

  ngOnInit(): void {
    this.store.load();
  }

  protected when(notification: Notification): string {
    return this.format().format(new Date(notification.createdAt));
  }

  protected toggle(): void {
    this.open.update((open) => !open);
    if (this.open()) this.store.load();
  }

  protected follow(notification: Notification): void {
    if (!notification.readAt) this.store.markRead(notification.id);
    this.open.set(false);
  }

  @HostListener('document:keydown.escape')
  protected close(): void {
    this.open.set(false);
  }

  @HostListener('document:click', ['$event'])
  protected clickOutside(event: MouseEvent): void {
    if (this.open() && event.target instanceof Node && !this.host.nativeElement.contains(event.target)) this.open.set(false);
  }
}
