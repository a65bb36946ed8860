import { ChangeDetectionStrategy, Component, inject, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { CalendarFeedApi } from '@cadenza/web/calendar-sync/data-access';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

/**
 * One's calendar feed on the account page of both apps: a secret address calendar apps subscribe to, with one's
 * lessons (a parent's children's, a teacher's teaching). The address is shown once, when made; making a new one
 * stops the old one at once, for a lost or shared address.
 */
@Component({
  selector: 'cz-calendar-feed-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .card {
      display: flex;
      flex-direction: column;
      gap: 12px;
      max-width: 640px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0;
    }
    .url {
      width: 100%;
    }
    .url input {
      font-family: ui-monospace, monospace;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .status {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    <section class="card" aria-labelledby="calendar-feed-heading" data-testid="calendar-feed">
      <h2 id="calendar-feed-heading">Calendar feed</h2>
      <p>{{ intro() }}</p>
      <cz-problem-alert class="block" [problem]="problem()" />
      @if (url(); as address) {
        <mat-form-field class="url" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Your calendar feed address</mat-label>
          <input matInput readonly data-testid="calendar-feed-url" [value]="address" (focus)="selectAll($event)" />
        </mat-form-field>
        <p>Add it to your calendar app as a subscription (“From URL”). Anyone with this address sees your lessons: keep it to yourself.</p>
      } @else if (createdAt(); as since) {
        <p data-testid="calendar-feed-since">You made your feed on {{ since }}. Its address was shown once; if you lost it or shared it, make a new one.</p>
      }
      <div class="actions">
        @if (url()) {
          <button matButton="filled" type="button" data-testid="calendar-feed-copy" (click)="copy()">Copy address</button>
        }
        @if (loaded()) {
          <button [matButton]="url() ? 'outlined' : 'filled'" type="button" data-testid="calendar-feed-rotate" [disabled]="busy()" (click)="rotate()">
            {{ exists() ? 'Make a new address' : 'Make my calendar feed' }}
          </button>
        }
        <p class="status" role="status" data-testid="calendar-feed-status">{{ status() }}</p>
      </div>
    </section>
  `,
})
export class CalendarFeedPanel implements OnInit {
  private readonly api = inject(CalendarFeedApi);
  private readonly auth = inject(AuthStore);

  protected readonly loaded = signal(false);
  protected readonly exists = signal(false);
  protected readonly createdAt = signal<string | null>(null);
  protected readonly url = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly status = signal('');
  protected readonly problem = signal<ProblemDetails | null>(null);

  protected intro(): string {
    const roles = this.auth.user()?.roles ?? [];
    const what = roles.includes('parent') ? 'your children’s lessons' : roles.some((r) => r === 'teacher' || r === 'accompanist') ? 'the lessons you teach and accompany' : 'your lessons';
    return `Follow ${what} in your own calendar app (Google Calendar, Apple Calendar, Outlook) through a private address that keeps itself up to date. Cancelled lessons stay in it, marked cancelled.`;
  }

  ngOnInit(): void {
    this.api.status().subscribe({
      next: (feed) => {
        this.exists.set(feed.exists);
        this.createdAt.set(feed.createdAt ? this.day(feed.createdAt) : null);
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected rotate(): void {
    const replacing = this.exists();
    this.busy.set(true);
    this.problem.set(null);
    this.status.set('');
    this.api.rotate().subscribe({
      next: (feed) => {
        this.busy.set(false);
        this.exists.set(true);
        this.url.set(feed.url);
        this.createdAt.set(this.day(feed.createdAt));
        this.status.set(replacing ? 'New address made. The old one no longer works.' : 'Your calendar feed is ready.');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected copy(): void {
    const address = this.url();
    if (!address) return;
    navigator.clipboard.writeText(address).then(
      () => this.status.set('Address copied.'),
      () => this.status.set('Copying was not allowed here: select the address and copy it.'),
    );
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  private day(iso: string): string {
    const me = this.auth.user();
    return new Intl.DateTimeFormat(me?.locale ?? undefined, { dateStyle: 'long', timeZone: me?.timeZone }).format(new Date(iso));
  }
}
