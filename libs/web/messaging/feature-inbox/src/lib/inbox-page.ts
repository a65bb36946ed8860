import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { NavigationEnd, Router, RouterOutlet, type ActivatedRouteSnapshot } from '@angular/router';
import type { MessageSearchHit, ProblemDetails, Thread } from '@cadenza/shared/contracts';
import { InboxStore, MessagingApi } from '@cadenza/web/messaging/data-access';
import { ThreadList } from '@cadenza/web/messaging/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { Subject } from 'rxjs';
import { debounceTime, distinctUntilChanged, filter, map, startWith, switchMap } from 'rxjs/operators';
import { NewThreadDialog } from './new-thread-dialog';
import { hitRows, threadRows } from './rows';

/** The `threadId` parameter anywhere down the active route. */
function threadIdIn(snapshot: ActivatedRouteSnapshot | null): string | null {
  return snapshot ? (snapshot.paramMap.get('threadId') ?? threadIdIn(snapshot.firstChild)) : null;
}

/**
 * The inbox: the thread list (or search results) beside the open conversation. On a narrow
 * screen it shows one or the other. The list follows the socket through the InboxStore.
 */
@Component({
  selector: 'cz-inbox-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterOutlet, ThreadList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .top {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
      margin-bottom: 16px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(260px, 340px) minmax(0, 1fr);
      gap: 24px;
      align-items: start;
    }
    .list {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    .search {
      width: 100%;
    }
    .pane {
      min-width: 0;
      padding: 16px 20px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface);
    }
    .status {
      margin: 0 0 4px;
      padding: 0 16px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    @media (max-width: 799.98px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
      }
      .layout.open .list,
      .layout:not(.open) .pane {
        display: none;
      }
      .pane {
        padding: 12px;
      }
    }
  `,
  template: `
    <div class="top">
      <h1>Messages</h1>
      <button matButton="filled" type="button" (click)="newThread()">New message</button>
    </div>
    <div class="layout" [class.open]="openId() !== null">
      <section class="list" aria-label="Conversations">
        <mat-form-field class="search" appearance="outline" subscriptSizing="dynamic">
          <mat-label>Search your messages</mat-label>
          <input matInput type="search" name="q" autocomplete="off" [ngModel]="query()" (ngModelChange)="search($event)" />
        </mat-form-field>
        <cz-problem-alert [problem]="problem()" />
        @if (searching()) {
          <p class="status" role="status">{{ hitStatus() }}</p>
          <cz-thread-list [rows]="hits()" [selectedId]="openId()" label="Search results" emptyText="No messages match." />
        } @else if (store.loaded()) {
          <cz-thread-list [rows]="rows()" [selectedId]="openId()" emptyText="No conversations yet. Start one with New message." />
        } @else {
          <p class="status" role="status">Loading…</p>
        }
      </section>
      <section class="pane" aria-label="Conversation">
        <router-outlet />
      </section>
    </div>
  `,
})
export class InboxPage {
  protected readonly store = inject(InboxStore);
  private readonly api = inject(MessagingApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly queries = new Subject<string>();
  protected readonly query = signal('');
  protected readonly problem = signal<ProblemDetails | null>(null);
  private readonly hitList = signal<MessageSearchHit[] | null>(null);
  protected readonly searching = computed(() => this.query().trim().length > 0);

  /** The open conversation's id, from the child route. */
  protected readonly openId = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      startWith(null),
      map(() => threadIdIn(this.router.routerState.snapshot.root)),
    ),
    { initialValue: null },
  );

  private readonly viewer = computed(() => ({ meId: this.store.me()?.id ?? null, names: this.store.names(), timeZone: this.store.timeZone(), now: new Date() }));
  protected readonly rows = computed(() => threadRows(this.store.threads(), this.viewer()));
  protected readonly hits = computed(() => hitRows(this.hitList() ?? [], this.store.threads(), this.viewer()));
  protected readonly hitStatus = computed(() => {
    const hits = this.hitList();
    if (hits === null) return 'Searching…';
    return hits.length === 1 ? '1 message found' : `${hits.length} messages found`;
  });

  constructor() {
    this.store.wantNames();
    const sub = this.queries
      .pipe(
        map((q) => q.trim()),
        debounceTime(250),
        distinctUntilChanged(),
        filter((q) => q.length > 0),
        switchMap((q) => this.api.search(q)),
      )
      .subscribe({
        next: (hits) => this.hitList.set(hits),
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected search(q: string): void {
    this.query.set(q);
    this.hitList.set(null);
    this.queries.next(q);
  }

  protected newThread(): void {
    this.dialog
      .open(NewThreadDialog, { width: '560px', maxWidth: '94vw', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((thread: Thread | undefined) => {
        if (!thread) return;
        this.store.reloadThreads();
        void this.router.navigate(['/messages', thread.id]);
      });
  }
}

/** Shown beside the list when no conversation is open. */
@Component({
  selector: 'cz-no-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    p {
      margin: 48px 0;
      color: var(--mat-sys-on-surface-variant);
      text-align: center;
    }
  `,
  template: `<p>Choose a conversation, or start one with New message.</p>`,
})
export class NoConversation {}
