import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ConflictProblem, FreeSlot, LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import { conflictProblemOf, dateAndTimeIn, formatSlot, instantAt, movedAsAsked, nameOf, plusMinutes, requestLessonLabel, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { ConflictList } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

export const REQUEST_KIND_LABELS: Record<LessonRequest['kind'], string> = {
  new_lesson: 'New lesson',
  new_series: 'New weekly lessons',
  reschedule: 'Reschedule',
  cancellation: 'Cancellation',
};

type Action = { id: string; kind: 'decline' | 'counter' } | null;

/** Lesson requests from families: pending first; approve, decline with a reason, or propose another time. */
@Component({
  selector: 'cz-requests-page',
  imports: [FormsModule, MatButtonModule, MatCardModule, MatFormFieldModule, MatInputModule, ConflictList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './requests-page.scss',
  template: `
    <h1>Requests</h1>
    <p class="lead">{{ pendingCount() }} pending. Times in {{ directory.timeZone() }}.</p>
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
                <p>Weekly ({{ r.series.rrule }}) at {{ r.series.startTime }} for {{ r.series.durationMinutes }} min from {{ r.series.firstDate }}</p>
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
                  title="Approving would clash"
                  [conflicts]="c.problem.conflicts"
                  [suggestions]="c.problem.suggestions"
                  [timeZone]="directory.timeZone()"
                  [roomNames]="directory.roomNames()"
                  [disabled]="busy() === r.id"
                  (picked)="counter(r, $event)"
                />
                <p class="hint">Pick a free slot to propose it instead.</p>
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
                @if (r.kind !== 'cancellation') {
                  <button matButton="outlined" type="button" [disabled]="busy() === r.id" (click)="startAction(r, 'counter')">Propose another time</button>
                }
              </mat-card-actions>
            }
          </mat-card>
        </li>
      } @empty {
        @if (!loading()) {
          <li>No requests.</li>
        }
      }
    </ul>
  `,
})
export class RequestsPage {
  private readonly api = inject(SchedulingApi);
  protected readonly directory = inject(StaffDirectory);
  protected readonly KINDS = REQUEST_KIND_LABELS;
  protected readonly lessonLabel = requestLessonLabel;
  protected readonly movedAsAsked = movedAsAsked;

  protected readonly requests = signal<LessonRequest[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly action = signal<Action>(null);
  protected readonly conflicts = signal<{ id: string; problem: ConflictProblem } | null>(null);
  protected readonly reason = signal('');
  protected readonly counterDate = signal('');
  protected readonly counterTime = signal('');
  protected readonly counterMessage = signal('');

  /** Pending first (oldest first, as a queue), then the rest, newest first. */
  protected readonly sorted = computed(() => {
    const pending = this.requests().filter((r) => r.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const rest = this.requests().filter((r) => r.status !== 'pending').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return [...pending, ...rest];
  });
  protected readonly pendingCount = computed(() => this.requests().filter((r) => r.status === 'pending').length);

  constructor() {
    this.directory.load();
    this.load();
  }

  protected load(): void {
    this.api.requests().subscribe({
      next: (requests) => {
        this.requests.set(requests);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.problem.set(toProblem(error));
        this.loading.set(false);
      },
    });
  }

  protected name(id: string | null | undefined): string {
    return nameOf(this.directory.names(), id, 'Someone');
  }

  protected slot(range: { start: string; end: string } | null): string {
    return range ? formatSlot(range.start, range.end, this.directory.timeZone()) : '';
  }

  protected approve(request: LessonRequest): void {
    this.run(request, this.api.approveRequest(request.id), 'Approved.');
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
    this.run(request, this.api.counterRequest(request.id, { start, end: end ?? start, ...(message ? { message } : {}) }), 'Another time was proposed.');
  }

  private durationOf(request: LessonRequest): number {
    if (request.proposed) return Math.round((Date.parse(request.proposed.end) - Date.parse(request.proposed.start)) / 60_000);
    return request.series?.durationMinutes ?? 30;
  }

  private run(request: LessonRequest, call: ReturnType<SchedulingApi['approveRequest']>, done: string): void {
    this.busy.set(request.id);
    this.problem.set(null);
    this.status.set('');
    call.subscribe({
      next: (updated) => {
        this.busy.set(null);
        this.action.set(null);
        this.conflicts.set(null);
        this.requests.update((all) => all.map((r) => (r.id === updated.id ? updated : r)));
        this.status.set(`${REQUEST_KIND_LABELS[request.kind]} request from ${this.name(request.studentId)}: ${done}`);
      },
      error: (error: unknown) => {
        this.busy.set(null);
        const problem = conflictProblemOf(error);
        if (problem) this.conflicts.set({ id: request.id, problem });
        else this.problem.set(toProblem(error));
      },
    });
  }
}
