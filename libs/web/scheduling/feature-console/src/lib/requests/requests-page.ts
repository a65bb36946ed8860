import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, Router } from '@angular/router';
import { forkJoin, map, type Observable } from 'rxjs';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ConflictProblem, FreeSlot, LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import {
  conflictProblemOf,
  dateAndTimeIn,
  formatSlot,
  instantAt,
  movedAsAsked,
  nameOf,
  plusMinutes,
  recurrenceInWords,
  requestLessonLabel,
  SchedulingApi,
  seriesConflictOf,
} from '@cadenza/web/scheduling/data-access';
import { ConflictList } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { ApproveSeriesDialog, type ApproveSeriesData } from './approve-series-dialog';

export const REQUEST_KIND_LABELS: Record<LessonRequest['kind'], string> = {
  new_lesson: 'New lesson',
  new_series: 'New weekly lessons',
  reschedule: 'Reschedule',
  cancellation: 'Cancellation',
};

type Action = { id: string; kind: 'decline' | 'counter' } | null;

/** The queue's views, kept in the address (`?show=decided`): what waits (the default), what was decided, what was withdrawn. */
export const REQUEST_VIEWS = {
  pending: { label: 'Pending', statuses: ['pending', 'countered'], empty: 'No requests waiting.' },
  decided: { label: 'Decided', statuses: ['approved', 'declined'], empty: 'No decided requests.' },
  withdrawn: { label: 'Withdrawn', statuses: ['withdrawn'], empty: 'No withdrawn requests.' },
} as const satisfies Record<string, { label: string; statuses: readonly LessonRequest['status'][]; empty: string }>;
export type RequestView = keyof typeof REQUEST_VIEWS;
const viewIn = (value: string | null): RequestView => (value && value in REQUEST_VIEWS ? (value as RequestView) : 'pending');

/**
 * Lesson requests from families. Pending ones by default, oldest first as a queue (those answered with another
 * time wait for the family); Decided and Withdrawn show the rest, newest first. Approve (a series request whose
 * dates clash opens the choices to skip or move each), decline with a reason, or propose another time.
 */
@Component({
  selector: 'cz-requests-page',
  imports: [FormsModule, MatButtonModule, MatButtonToggleModule, MatCardModule, MatFormFieldModule, MatInputModule, ConflictList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './requests-page.scss',
  template: `
    <h1>Requests</h1>
    <p class="lead">
      @if (view() === 'pending' && !loading()) {
        {{ requests().length }} waiting.
      }
      Times in {{ directory.timeZone() }}.
    </p>
    <mat-button-toggle-group class="views" [value]="view()" (change)="show($event.value)" aria-label="Show requests" hideSingleSelectionIndicator data-testid="request-views">
      @for (v of VIEW_KEYS; track v) {
        <mat-button-toggle [value]="v">{{ VIEWS[v].label }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status" data-testid="requests-status">{{ status() }}</p>

    @if (loading()) {
      <p>Loading requests…</p>
    }
    <ul class="requests">
      @for (r of sorted(); track r.id) {
        <li>
          <mat-card appearance="outlined" [class.done]="r.status !== 'pending'" data-testid="request" [attr.data-request-id]="r.id">
            <mat-card-header>
              <h2 matCardTitle>{{ KINDS[r.kind] }} · {{ name(r.studentId) }}</h2>
              <p matCardSubtitle>
                <span class="badge" [attr.data-status]="r.status">{{ r.status }}</span>
                Requested by {{ r.requesterName ?? name(r.requestedBy) }} · teacher {{ name(r.teacherId) }}
              </p>
            </mat-card-header>
            <mat-card-content>
              @if (r.lesson) {
                <p data-testid="request-lesson">
                  {{ lessonLabel(r, 'console') }}: <strong>{{ slot(r.lesson) }}</strong>{{ r.lesson.status === 'cancelled' ? ' (cancelled)' : '' }}
                </p>
              }
              @if (r.proposed && !movedAsAsked(r)) {
                <p data-testid="request-proposed">Proposed: <strong>{{ slot(r.proposed) }}</strong></p>
              }
              @if (r.series) {
                <p>{{ weekly(r.series) }}</p>
              }
              @if (r.counter) {
                <p>Counter-proposal: {{ slot(r.counter) }}</p>
              }
              @if (r.message) {
                <p class="message">“{{ r.message }}”</p>
              }
              @if (r.decision?.reason) {
                <p>Reason: {{ r.decision.reason }}</p>
              }
              @if (conflicts(); as c) {
                @if (c.id === r.id) {
                <cz-conflict-list
                  class="block"
                  [title]="c.what === 'counter' ? 'That time clashes' : 'Approving would clash'"
                  [conflicts]="c.problem.conflicts"
                  [suggestions]="c.problem.suggestions"
                  [timeZone]="directory.timeZone()"
                  [roomNames]="directory.roomNames()"
                  [disabled]="busy() === r.id"
                  (picked)="counter(r, $event)"
                />
                <p class="hint">Pick a free time to propose it instead.</p>
                }
              }
              @if (action()?.id === r.id && action()?.kind === 'decline') {
                <div class="inline">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Reason for declining</mat-label>
                    <input matInput [ngModel]="reason()" (ngModelChange)="reason.set($event)" maxlength="500" />
                  </mat-form-field>
                  <button matButton="filled" type="button" [disabled]="busy() === r.id || !reason().trim()" (click)="decline(r)">Confirm decline</button>
                  <button matButton type="button" (click)="action.set(null)">Back</button>
                </div>
              }
              @if (action()?.id === r.id && action()?.kind === 'counter') {
                <div class="inline">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Date</mat-label>
                    <input matInput type="date" [ngModel]="counterDate()" (ngModelChange)="counterDate.set($event)" />
                  </mat-form-field>
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Start time</mat-label>
                    <input matInput type="time" [ngModel]="counterTime()" (ngModelChange)="counterTime.set($event)" />
                  </mat-form-field>
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Message (optional)</mat-label>
                    <input matInput [ngModel]="counterMessage()" (ngModelChange)="counterMessage.set($event)" maxlength="500" />
                  </mat-form-field>
                  <button matButton="filled" type="button" [disabled]="busy() === r.id" (click)="counter(r)">Send proposal</button>
                  <button matButton type="button" (click)="action.set(null)">Back</button>
                </div>
              }
            </mat-card-content>
            @if (r.status === 'pending' && action()?.id !== r.id) {
              <mat-card-actions>
                <button matButton="filled" type="button" [disabled]="busy() === r.id" (click)="approve(r)">Approve</button>
                <button matButton="outlined" type="button" [disabled]="busy() === r.id" (click)="startAction(r, 'decline')">Decline</button>
                @if (r.kind === 'new_lesson' || r.kind === 'reschedule') {
                  <button matButton="outlined" type="button" [disabled]="busy() === r.id" (click)="startAction(r, 'counter')">Propose another time</button>
                }
              </mat-card-actions>
            }
          </mat-card>
        </li>
      } @empty {
        @if (!loading()) {
          <li>{{ VIEWS[view()].empty }}</li>
        }
      }
    </ul>
  `,
})
export class RequestsPage {
  private readonly api = inject(SchedulingApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly directory = inject(StaffDirectory);
  protected readonly KINDS = REQUEST_KIND_LABELS;
  protected readonly VIEWS = REQUEST_VIEWS;
  protected readonly VIEW_KEYS = Object.keys(REQUEST_VIEWS) as RequestView[];
  /** The view in the address; pending when it names none (or one that does not exist). */
  protected readonly view = toSignal(this.route.queryParamMap.pipe(map((q) => viewIn(q.get('show')))), { initialValue: 'pending' as RequestView });
  protected readonly lessonLabel = requestLessonLabel;
  protected readonly movedAsAsked = movedAsAsked;

  protected readonly requests = signal<LessonRequest[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly action = signal<Action>(null);
  protected readonly conflicts = signal<{ id: string; problem: ConflictProblem; what: 'approve' | 'counter' } | null>(null);
  protected readonly reason = signal('');
  protected readonly counterDate = signal('');
  protected readonly counterTime = signal('');
  protected readonly counterMessage = signal('');

  /**
   * The view's requests (one decided meanwhile stays, with its new status, until the view is read again). Pending:
   * those waiting for the school first, oldest first, as a queue, then those waiting for the family; else newest first.
   */
  protected readonly sorted = computed(() => {
    const requests = [...this.requests()];
    if (this.view() !== 'pending') return requests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const order = (r: LessonRequest) => (r.status === 'pending' ? 0 : r.status === 'countered' ? 1 : 2);
    return requests.sort((a, b) => order(a) - order(b) || a.createdAt.localeCompare(b.createdAt));
  });

  /** The view whose requests the list holds. */
  private shownView: RequestView | null = null;

  constructor() {
    this.directory.load();
    this.route.queryParamMap.subscribe(() => this.load());
  }

  protected show(view: RequestView): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: { show: view === 'pending' ? null : view }, queryParamsHandling: 'merge' });
  }

  protected load(): void {
    this.loading.set(true);
    this.problem.set(null);
    this.status.set('');
    this.action.set(null);
    this.conflicts.set(null);
    const view = this.view();
    // Another view's list is not shown under this one's name while this one loads.
    if (view !== this.shownView) this.requests.set([]);
    const calls: Observable<LessonRequest[]>[] = REQUEST_VIEWS[view].statuses.map((status) => this.api.requests(status));
    forkJoin(calls).subscribe({
      next: (lists) => {
        if (view !== this.view()) return;
        this.shownView = view;
        this.requests.set(lists.flat());
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.loading.set(false);
      },
    });
  }

  protected weekly(series: NonNullable<LessonRequest['series']>): string {
    return `${recurrenceInWords(series.rrule)} at ${series.startTime}, ${series.durationMinutes} minutes, from ${series.firstDate}`;
  }

  protected name(id: string | null | undefined): string {
    return nameOf(this.directory.names(), id, 'Someone');
  }

  protected slot(range: { start: string; end: string } | null): string {
    return range ? formatSlot(range.start, range.end, this.directory.timeZone()) : '';
  }

  protected approve(request: LessonRequest): void {
    this.run(request, this.api.approveRequest(request.id), 'Approved.', 'approve');
  }

  /** A series request whose dates clash: the dialog lists them with the choice to skip or move each, then approves. */
  private chooseForSeries(request: LessonRequest, occurrences: ApproveSeriesData['occurrences']): void {
    const data: ApproveSeriesData = { request, studentName: this.name(request.studentId), occurrences };
    this.dialog
      .open<ApproveSeriesDialog, ApproveSeriesData, LessonRequest>(ApproveSeriesDialog, { data, width: '640px', maxWidth: '95vw', autoFocus: 'first-heading' })
      .afterClosed()
      .subscribe((approved) => {
        if (approved) this.updated(request, approved, 'Approved.');
      });
  }

  protected startAction(request: LessonRequest, kind: 'decline' | 'counter'): void {
    this.action.set({ id: request.id, kind });
    this.reason.set('');
    this.counterMessage.set('');
    const base = request.proposed?.start ?? new Date(Date.now() + 86_400_000).toISOString();
    const { date, time } = dateAndTimeIn(base, this.directory.timeZone());
    this.counterDate.set(date);
    this.counterTime.set(time);
  }

  protected decline(request: LessonRequest): void {
    const reason = this.reason().trim();
    if (reason) this.run(request, this.api.declineRequest(request.id, reason), 'Declined.');
  }

  protected counter(request: LessonRequest, slot?: FreeSlot): void {
    let start = slot?.start;
    let end = slot?.end;
    if (!start) {
      if (!this.counterDate() || !this.counterTime()) return;
      start = instantAt(this.counterDate(), this.counterTime(), this.directory.timeZone());
      end = plusMinutes(start, this.durationOf(request));
    }
    const message = this.counterMessage().trim();
    this.run(request, this.api.counterRequest(request.id, { start, end: end ?? start, ...(message ? { message } : {}) }), 'Another time was proposed.', 'counter');
  }

  private durationOf(request: LessonRequest): number {
    if (request.proposed) return Math.round((Date.parse(request.proposed.end) - Date.parse(request.proposed.start)) / 60_000);
    return request.series?.durationMinutes ?? 30;
  }

  private run(request: LessonRequest, call: ReturnType<SchedulingApi['approveRequest']>, done: string, what: 'approve' | 'counter' | 'decline' = 'decline'): void {
    this.busy.set(request.id);
    this.problem.set(null);
    this.status.set('');
    call.subscribe({
      next: (updated) => {
        this.busy.set(null);
        this.updated(request, updated, done);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const problem = conflictProblemOf(error);
        const series = seriesConflictOf(error);
        if (problem) this.conflicts.set({ id: request.id, problem, what: what === 'counter' ? 'counter' : 'approve' });
        else if (series) this.chooseForSeries(request, series.occurrences);
        else this.problem.set(toProblem(error));
      },
    });
  }

  private updated(request: LessonRequest, updated: LessonRequest, done: string): void {
    this.action.set(null);
    this.conflicts.set(null);
    this.requests.update((all) => all.map((r) => (r.id === updated.id ? updated : r)));
    this.status.set(`${REQUEST_KIND_LABELS[request.kind]} request from ${this.name(request.studentId)}: ${done}`);
  }
}
