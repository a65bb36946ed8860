import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { DELIVERY_STATUSES, type DeliveryLogEntry, type DeliveryStatus, type ProblemDetails } from '@cadenza/shared/contracts';
import { viewerZone } from '@cadenza/web/messaging/data-access';
import { NotificationsApi } from '@cadenza/web/messaging/data-access-notifications';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';
import { DELIVERY_CHANNEL_LABELS, DELIVERY_STATUS_LABELS, DELIVERY_TYPE_LABELS, deliveryTime } from './delivery-labels';

/** How many sends the log shows at a time: the most recent ones. */
export const DELIVERY_LOG_LIMIT = 100;

/**
 * The school's recent sends (in-app and email) with their status, newest first, filterable by
 * status and recipient, a page at a time ("Show older sends").
 */
@Component({
  selector: 'cz-recent-sends',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .filter {
      margin-bottom: 12px;
    }
    .table-scroll {
      overflow-x: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    table {
      width: 100%;
      min-width: 860px;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);
    }
    th,
    td {
      padding: 8px 12px;
      text-align: left;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    th {
      font: var(--mat-sys-title-small);
      white-space: nowrap;
    }
    .when {
      white-space: nowrap;
    }
    .recipient {
      font-family: monospace;
      font-size: 0.85em;
      word-break: break-all;
    }
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    .chip-sent {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .chip-queued {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .chip-failed {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .chip-skipped {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .older {
      margin-top: 16px;
    }
    `,
  ],
  template: `
    <section aria-labelledby="log-heading">
      <h2 id="log-heading">Recent sends</h2>
      <div class="filters">
        <mat-form-field class="filter" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Status</mat-label>
          <select matNativeControl name="statusFilter" [ngModel]="statusFilter()" (ngModelChange)="filter($event)">
            <option value="">All</option>
            @for (s of statuses; track s) {
              <option [value]="s">{{ statusLabels[s] }}</option>
            }
          </select>
        </mat-form-field>
        <mat-form-field class="filter" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Recipient</mat-label>
          <select matNativeControl name="recipientFilter" [ngModel]="recipientFilter()" (ngModelChange)="filterRecipient($event)">
            <option value="">Everyone</option>
            @for (m of members(); track m.id) {
              <option [value]="m.id">{{ m.name }}</option>
            }
          </select>
        </mat-form-field>
      </div>
      <cz-problem-alert [problem]="logProblem()" />
      @if (entries(); as rows) {
        @if (rows.length === 0) {
          <p data-testid="empty-log">No sends{{ filtered() }} yet.</p>
        } @else {
          <div class="table-scroll" tabindex="0" role="region" aria-label="Recent sends, scrolls sideways">
            <table>
              <caption class="cz-visually-hidden">The school's most recent {{ rows.length }} sends, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">Type</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Attempts</th>
                </tr>
              </thead>
              <tbody>
                @for (row of rows; track row.id) {
                  <tr data-testid="delivery-row">
                    <td class="when">{{ when(row.dueAt) }}</td>
                    <td class="when">{{ row.sentAt ? when(row.sentAt) : '—' }}</td>
                    <td data-testid="recipient">
                      @if (names()[row.recipientId]; as name) {
                        {{ name }}
                      } @else {
                        <span class="recipient">{{ row.recipientId }}</span>
                      }
                    </td>
                    <td>{{ typeLabels[row.type] }}</td>
                    <td>{{ channelLabels[row.channel] }}</td>
                    <td><span class="chip" [class]="'chip chip-' + row.status" data-testid="status-chip">{{ statusLabels[row.status] }}</span></td>
                    <td>{{ row.reason ?? '—' }}</td>
                    <td>{{ row.attempts }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (more()) {
            <button mat-stroked-button type="button" class="older" (click)="loadOlder()" [disabled]="loadingOlder()">
              {{ loadingOlder() ? 'Loading older sends…' : 'Show older sends' }}
            </button>
          } @else if (rows.length > pageSize) {
            <p class="explain" data-testid="log-end">That is every send{{ filtered() }}.</p>
          }
        }
      } @else if (!logProblem()) {
        <p role="status">Loading the delivery log…</p>
      }
    </section>
  `,
})
export class RecentSends {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthStore);
  private readonly zone = computed(() => viewerZone(this.auth.user()));
  protected readonly statuses = DELIVERY_STATUSES;
  protected readonly statusLabels = DELIVERY_STATUS_LABELS;
  protected readonly typeLabels = DELIVERY_TYPE_LABELS;
  protected readonly channelLabels = DELIVERY_CHANNEL_LABELS;

  protected readonly entries = signal<DeliveryLogEntry[] | null>(null);
  protected readonly pageSize = DELIVERY_LOG_LIMIT;
  /** Whether the last page was full, so older sends may follow. */
  protected readonly more = signal(false);
  protected readonly loadingOlder = signal(false);
  protected readonly logProblem = signal<ProblemDetails | null>(null);
  /** Recipient names by id; empty (ids shown) until the school's members arrive, or if they cannot be read. */
  protected readonly names = signal<Record<string, string>>({});
  protected readonly statusFilter = signal<DeliveryStatus | ''>('');
  protected readonly recipientFilter = signal('');
  /** The school's members by name, for the recipient filter. */
  protected readonly members = computed(() =>
    Object.entries(this.names())
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  /** The filters in words, after "No sends" and "That is every send". */
  protected readonly filtered = computed(() => {
    const words = [this.statusFilter() ? ' with this status' : '', this.recipientFilter() ? ` to ${this.names()[this.recipientFilter()] ?? 'this person'}` : ''];
    return words.join('');
  });

  constructor() {
    this.api.schoolMembers().subscribe({
      next: (members) => this.names.set(Object.fromEntries(members.map((m) => [m.id, m.name]))),
      error: () => this.names.set({}),
    });
    this.load();
  }

  protected when(iso: string): string {
    return deliveryTime(iso, this.zone());
  }

  protected filter(status: DeliveryStatus | ''): void {
    this.statusFilter.set(status);
    this.load();
  }

  protected filterRecipient(recipientId: string): void {
    this.recipientFilter.set(recipientId);
    this.load();
  }

  /** The query's filters as the API takes them. */
  private filters(): { status?: DeliveryStatus; recipientId?: string } {
    const [status, recipientId] = [this.statusFilter(), this.recipientFilter()];
    return { ...(status ? { status } : {}), ...(recipientId ? { recipientId } : {}) };
  }

  private load(): void {
    this.entries.set(null);
    this.more.set(false);
    this.logProblem.set(null);
    this.api.deliveries({ limit: DELIVERY_LOG_LIMIT, ...this.filters() }).subscribe({
      next: (rows) => {
        this.entries.set(rows);
        this.more.set(rows.length === DELIVERY_LOG_LIMIT);
      },
      error: (e: unknown) => this.logProblem.set(toProblem(e)),
    });
  }

  /** The next page, after the last row shown (by its time and key), appended; the filter stays. */
  protected loadOlder(): void {
    const shown = this.entries() ?? [];
    const last = shown.at(-1);
    if (!last) return;
    this.loadingOlder.set(true);
    this.logProblem.set(null);
    this.api.deliveries({ limit: DELIVERY_LOG_LIMIT, before: last.updatedAt, beforeKey: last.key, ...this.filters() }).subscribe({
      next: (rows) => {
        this.loadingOlder.set(false);
        this.entries.set([...shown, ...rows]);
        this.more.set(rows.length === DELIVERY_LOG_LIMIT);
      },
      error: (e: unknown) => {
        this.loadingOlder.set(false);
        this.logProblem.set(toProblem(e));
      },
    });
  }
}
