import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import { formatSlot, movedAsAsked, nameOf, requestLessonLabel, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { FamilyContext } from './family-context';

const KINDS: Record<LessonRequest['kind'], string> = {
  new_lesson: 'New lesson',
  new_series: 'Weekly lessons',
  reschedule: 'Reschedule',
  cancellation: 'Cancellation',
};

/** The family's lesson requests: their state, accepting a teacher's counter-proposal, withdrawing. */
@Component({
  selector: 'cz-family-requests-page',
  imports: [MatButtonModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './portal.scss',
  template: `
    <h1>Requests</h1>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>
    <ul class="lessons">
      @for (r of sorted(); track r.id) {
        <li class="card" data-testid="request">
          <h2>{{ KINDS[r.kind] }} · {{ name(r.studentId) }}{{ teacher(r.teacherId) }}</h2>
          <p>Status: <strong>{{ r.status }}</strong></p>
          @if (r.lesson) {
            <p data-testid="request-lesson">
              {{ lessonLabel(r, 'portal') }}: {{ slot(r.lesson) }}{{ r.lesson.status === 'cancelled' ? ' (cancelled)' : '' }}
            </p>
          }
          @if (r.proposed && !movedAsAsked(r)) {
            <p>Asked for {{ slot(r.proposed) }}</p>
          }
          @if (r.counter) {
            <p>The teacher proposed <strong>{{ slot(r.counter) }}</strong> instead.</p>
          }
          @if (r.decision?.reason; as reason) {
            <p>Reason: {{ reason }}</p>
          }
          @if (r.policy) {
            <p>{{ policyText(r) }}</p>
          }
          @if (family.mayChange([r.studentId])) {
          <div class="actions">
            @if (r.status === 'countered') {
              <button matButton="filled" type="button" [disabled]="busy()" (click)="accept(r)">Accept the new time</button>
            }
            @if (r.status === 'pending' || r.status === 'countered') {
              <button matButton="outlined" type="button" [disabled]="busy()" (click)="withdraw(r)">Withdraw</button>
            }
          </div>
          }
        </li>
      } @empty {
        <li>{{ loaded() ? 'No requests yet.' : 'Loading requests…' }}</li>
      }
    </ul>
  `,
})
export class FamilyRequestsPage {
  private readonly api = inject(SchedulingApi);
  protected readonly family = inject(FamilyContext);
  protected readonly KINDS = KINDS;
  protected readonly lessonLabel = requestLessonLabel;
  protected readonly movedAsAsked = movedAsAsked;
  protected readonly requests = signal<LessonRequest[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly loaded = signal(false);
  protected readonly sorted = computed(() => [...this.requests()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));

  /** What the policy does with a cancellation: promised only once approved. */
  protected policyText(r: LessonRequest): string {
    const late = r.policy?.lateCancellation;
    if (r.status === 'approved') return late ? 'Late cancellation: no makeup credit.' : 'Cancelled with notice: a makeup credit was granted.';
    if (r.status !== 'pending') return late ? 'It was a late cancellation.' : 'The notice was met.';
    return late ? 'The notice is not met: if approved, no makeup credit is given.' : 'The notice is met: if approved, a makeup credit is granted.';
  }

  constructor() {
    this.family.load();
    this.api.requests().subscribe({
      next: (r) => {
        this.requests.set(r);
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected name(id: string): string {
    return nameOf(this.family.names(), id, 'Student');
  }

  /** " with Clara Wieck", once the school's teachers are known. */
  protected teacher(id: string): string {
    const name = this.family.teacherNames().get(id);
    return name ? ` with ${name}` : '';
  }

  protected slot(range: { start: string; end: string }): string {
    return formatSlot(range.start, range.end, this.family.timeZone());
  }

  protected accept(r: LessonRequest): void {
    this.act(this.api.acceptCounter(r.id), 'New time accepted.');
  }

  protected withdraw(r: LessonRequest): void {
    this.act(this.api.withdrawRequest(r.id), 'Request withdrawn.');
  }

  private act(call: ReturnType<SchedulingApi['acceptCounter']>, done: string): void {
    this.busy.set(true);
    call.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.requests.update((all) => all.map((r) => (r.id === updated.id ? updated : r)));
        this.status.set(done);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }
}
