import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute } from '@angular/router';
import type { GoogleCalendarList, GoogleConnectionStatus, ProblemDetails } from '@cadenza/shared/contracts';
import { GoogleCalendarApi } from '@cadenza/web/calendar-sync/data-access';
import { AuthStore, fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

type Calendar = GoogleCalendarList['items'][number];

/** Where the page sends the browser: a seam for the specs. */
export const leavePage = { to: (url: string) => window.location.assign(url) };

/**
 * A teacher's or accompanist's Google Calendar: connect (Google's consent page, which sends them back here with a code
 * and the state this page posts to finish), the account and when it was last read, "reconnect needed" when Google no
 * longer accepts the grant, the calendars that count as busy and the one lessons go to, and disconnecting.
 */
@Component({
  selector: 'cz-google-calendar-page',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatSelectModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
      :host {
        display: block;
        max-width: 760px;
      }
      .status-card {
        display: grid;
        gap: 8px;
        margin-bottom: 24px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 0;
      }
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .warning {
        margin: 0;
        padding: 12px 16px;
        border-radius: 8px;
        background: var(--mat-sys-error-container);
        color: var(--mat-sys-on-error-container);
      }
      .calendars {
        display: grid;
        gap: 4px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        margin-top: 16px;
      }
      mat-form-field {
        width: min(100%, 420px);
      }
      .done {
        margin: 0 0 16px;
        color: var(--mat-sys-on-surface-variant);
      }
      .done:empty {
        margin: 0;
      }
    `,
  ],
  template: `
    <h1>Google Calendar</h1>
    <p class="intro">Connect your Google account and choose which of its calendars show when you are busy, and which calendar your lessons are to go to.</p>
    <cz-problem-alert [problem]="problem()" />
    <p class="done" role="status" data-testid="google-status">{{ status() }}</p>
    @if (connection(); as c) {
      @if (!c.connected) {
        <section class="status-card" data-testid="google-not-connected">
          <p>You have not connected a Google account. Google will ask you to let Cadenza read your calendars’ events and write your lessons to a calendar of its own, “Cadenza”.</p>
          <div class="actions">
            <button matButton="filled" type="button" data-testid="google-connect" [disabled]="busy()" (click)="connect()">Connect Google Calendar</button>
          </div>
        </section>
      } @else {
        <section class="status-card" aria-labelledby="google-account-heading" data-testid="google-connected">
          <h2 id="google-account-heading">Connected account</h2>
          @if (c.status === 'reconnect_needed') {
            <p class="warning" role="alert" data-testid="google-reconnect-needed">Reconnect needed: Google no longer accepts Cadenza’s access to this account, so your busy times are not being read. {{ c.lastError }}</p>
          }
          <dl>
            <dt>Account</dt>
            <dd data-testid="google-account">{{ c.account }}</dd>
            <dt>Connected</dt>
            <dd>{{ when(c.connectedAt) }}</dd>
            <dt>Last read</dt>
            <dd data-testid="google-last-sync">{{ c.lastSyncAt ? when(c.lastSyncAt) : 'Not yet' }}</dd>
          </dl>
          <div class="actions">
            @if (c.status === 'reconnect_needed') {
              <button matButton="filled" type="button" data-testid="google-reconnect" [disabled]="busy()" (click)="connect()">Reconnect</button>
            }
            <button matButton="outlined" type="button" data-testid="google-disconnect" [disabled]="busy()" (click)="disconnect()">Disconnect</button>
          </div>
        </section>
        @if (c.status === 'active' && calendars().length > 0) {
          <form (ngSubmit)="save()" novalidate aria-labelledby="google-calendars-heading">
            <h2 id="google-calendars-heading">Calendars</h2>
            <fieldset class="calendars" [attr.aria-invalid]="errors()['busyCalendarIds'] ? 'true' : null">
              <legend>Busy times come from</legend>
              @for (calendar of calendars(); track calendar.id) {
                <mat-checkbox [checked]="busy_(calendar.id)" (change)="toggleBusy(calendar.id, $event.checked)" [attr.data-testid]="'google-busy-' + $index">
                  {{ calendar.summary }}{{ calendar.primary ? ' (main calendar)' : '' }}
                </mat-checkbox>
              }
              @if (errors()['busyCalendarIds']; as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
            </fieldset>
            <p class="explain">An event marked “free” in Google never blocks a lesson; cancelled events do not either.</p>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Lessons are written to</mat-label>
              <mat-select name="writeCalendarId" data-testid="google-write-calendar" [ngModel]="writeCalendarId()" (ngModelChange)="writeCalendarId.set($event)">
                @for (calendar of writable(); track calendar.id) {
                  <mat-option [value]="calendar.id">{{ calendar.summary }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (errors()['writeCalendarId']; as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
            <div class="actions">
              <button matButton="filled" type="submit" data-testid="google-save" [disabled]="busy()">Save calendars</button>
            </div>
          </form>
        }
      }
    } @else if (!problem()) {
      <p role="status">Loading your Google Calendar connection…</p>
    }
  `,
})
export class GoogleCalendarPage implements OnInit {
  private readonly api = inject(GoogleCalendarApi);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly location = inject(Location);

  protected readonly connection = signal<GoogleConnectionStatus | null>(null);
  protected readonly calendars = signal<Calendar[]>([]);
  protected readonly busyIds = signal<string[]>([]);
  protected readonly writeCalendarId = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly status = signal('');
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly errors = computed(() => {
    const all = fieldErrors(this.problem());
    // A refused busy calendar is named by its place in the list; the list's error is shown once, under it.
    const busy = Object.entries(all).find(([field]) => field.startsWith('busyCalendarIds'))?.[1];
    return busy ? { ...all, busyCalendarIds: busy } : all;
  });
  protected readonly writable = computed(() => this.calendars().filter((c) => c.writable));

  ngOnInit(): void {
    const query = this.route.snapshot.queryParamMap;
    const code = query.get('code');
    const state = query.get('state');
    if (query.get('error')) {
      this.status.set('Google did not connect: you declined, or the request was cancelled.');
      this.clearQuery();
    }
    if (code && state) {
      this.busy.set(true);
      this.clearQuery();
      this.api.complete({ code, state }).subscribe({
        next: (connection) => {
          this.busy.set(false);
          this.show(connection);
          this.status.set('Google Calendar is connected.');
        },
        error: (e: unknown) => {
          this.busy.set(false);
          this.problem.set(toProblem(e));
          this.load();
        },
      });
      return;
    }
    this.load();
  }

  protected busy_(id: string): boolean {
    return this.busyIds().includes(id);
  }

  protected toggleBusy(id: string, checked: boolean): void {
    this.busyIds.update((ids) => (checked ? [...ids.filter((i) => i !== id), id] : ids.filter((i) => i !== id)));
  }

  protected connect(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.connect().subscribe({
      next: (started) => leavePage.to(started.url),
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected save(): void {
    const writeCalendarId = this.writeCalendarId() ?? '';
    this.busy.set(true);
    this.problem.set(null);
    this.status.set('');
    const order = new Map(this.calendars().map((c, i) => [c.id, i]));
    const busyCalendarIds = [...this.busyIds()].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    this.api.choose({ busyCalendarIds, writeCalendarId }).subscribe({
      next: (connection) => {
        this.busy.set(false);
        this.show(connection);
        this.status.set('Calendars saved.');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected disconnect(): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.disconnect().subscribe({
      next: () => {
        this.busy.set(false);
        this.calendars.set([]);
        this.load();
        this.status.set('Disconnected. Cadenza no longer reads your Google calendars.');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected when(iso: string | null): string {
    if (!iso) return '';
    const me = this.auth.user();
    return new Intl.DateTimeFormat(me?.locale ?? undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: me?.timeZone }).format(new Date(iso));
  }

  private load(): void {
    this.api.status().subscribe({
      next: (connection) => this.show(connection),
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  private show(connection: GoogleConnectionStatus): void {
    this.connection.set(connection);
    this.busyIds.set([...connection.busyCalendarIds]);
    this.writeCalendarId.set(connection.writeCalendarId);
    if (!connection.connected || connection.status !== 'active') return;
    this.api.calendars().subscribe({
      next: (list) => this.calendars.set(list.items),
      error: (e: unknown) => {
        this.problem.set(toProblem(e));
        // A grant Google refused shows as "reconnect needed" once read again.
        this.api.status().subscribe({ next: (again) => this.connection.set(again) });
      },
    });
  }

  /** The code and state are spent: the address bar keeps the page without them (a reload must not post them again). */
  private clearQuery(): void {
    this.location.replaceState(this.location.path().split('?')[0] ?? '');
  }
}
