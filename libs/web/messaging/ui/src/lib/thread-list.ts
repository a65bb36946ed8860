import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** One line of the thread list, ready to show. */
export interface ThreadRow {
  id: string;
  title: string;
  /** Who is in it, or the kind, under the title. */
  subtitle: string;
  time: string;
  fullTime: string;
  unread: number;
  /** For a search hit: the message found (one thread may have several hits). */
  messageId?: string;
}

/** The inbox's thread list: title, people, last activity and an unread badge; links to each conversation. */
@Component({
  selector: 'cz-thread-list',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    a {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 2px 12px;
      padding: 12px 16px;
      border-radius: 12px;
      color: var(--mat-sys-on-surface);
      text-decoration: none;
    }
    a:hover {
      background: var(--mat-sys-surface-container-high);
    }
    a.active {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .title {
      overflow: hidden;
      font: var(--mat-sys-title-small);
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .unread .title {
      font-weight: 700;
    }
    .time {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      text-align: right;
      white-space: nowrap;
    }
    .subtitle {
      overflow: hidden;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
      white-space: nowrap;
      text-overflow: ellipsis;
    }
    .badge {
      justify-self: end;
      min-width: 20px;
      padding: 0 6px;
      border-radius: 10px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      font: var(--mat-sys-label-small);
      line-height: 20px;
      text-align: center;
      box-sizing: border-box;
    }
    .empty {
      margin: 0;
      padding: 12px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    @if (rows().length) {
      <ul [attr.aria-label]="label()">
        @for (row of rows(); track row.id + (row.messageId ?? '')) {
          <li>
            <a
              [routerLink]="[linkBase(), row.id]"
              [class.active]="!row.messageId && row.id === selectedId()"
              [class.unread]="row.unread > 0"
              [attr.aria-current]="!row.messageId && row.id === selectedId() ? 'page' : null"
              [attr.data-testid]="'thread-' + row.id"
            >
              <span class="title">{{ row.title }}</span>
              <time class="time" [attr.title]="row.fullTime">{{ row.time }}</time>
              <span class="subtitle">{{ row.subtitle }}</span>
              @if (row.unread > 0) {
                <span class="badge" [attr.aria-label]="row.unread + ' unread'">{{ row.unread }}</span>
              } @else {
                <span></span>
              }
            </a>
          </li>
        }
      </ul>
    } @else {
      <p class="empty">{{ emptyText() }}</p>
    }
  `,
})
export class ThreadList {
  readonly rows = input.required<readonly ThreadRow[]>();
  readonly selectedId = input<string | null>(null);
  readonly linkBase = input('/messages');
  readonly label = input('Conversations');
  readonly emptyText = input('No conversations yet.');
}
