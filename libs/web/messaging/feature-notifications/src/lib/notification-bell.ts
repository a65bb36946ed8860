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
  templateUrl: './notification-bell.html',
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
