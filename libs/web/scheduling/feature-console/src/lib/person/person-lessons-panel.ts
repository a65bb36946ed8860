import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Lesson, LessonRequest, ProblemDetails } from '@cadenza/shared/contracts';
import { formatSlot, nameOf, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { PERSON_PANEL_STYLES, ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { REQUEST_KIND_LABELS } from '../requests/requests-page';

const DAY = 86_400_000;
/** How far back and ahead a person's page looks for lessons (the lessons' read takes at most 93 days). */
export const PERSON_LESSONS_DAYS = 42;

/** The lessons after `now` first to last, and those before it last to first, up to `limit` each. */
export function splitLessons(lessons: readonly Lesson[], now: Date, limit = 5): { coming: Lesson[]; recent: Lesson[] } {
  const sorted = [...lessons].sort((a, b) => a.start.localeCompare(b.start));
  const at = now.toISOString();
  return {
    coming: sorted.filter((l) => l.end > at).slice(0, limit),
    recent: sorted.filter((l) => l.end <= at).reverse().slice(0, limit),
  };
}

const STATUS_WORDS: Record<LessonRequest['status'], string> = { pending: 'pending', approved: 'approved', declined: 'declined', countered: 'another time proposed', withdrawn: 'withdrawn' };

/** A person's requests as the viewer may read them: a student's (`students`) or those addressed to a teacher, newest first. */
export function requestsOf(requests: readonly LessonRequest[], personId: string, kind: 'students' | 'staff', limit = 10): LessonRequest[] {
  return requests
    .filter((r) => (kind === 'students' ? r.studentId : r.teacherId) === personId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit);
}

/**
 * A person's lessons on their page in People (the console provides it through `PERSON_PANELS`): a student's as a
 * student, a staff member's as their teacher, six weeks back and ahead; the next five and the last five.
 */
@Component({
  selector: 'cz-person-lessons-panel',
  imports: [ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    PERSON_PANEL_STYLES,
    `
    h3 {
      margin: 12px 0 4px;
      font: var(--mat-sys-title-small);
    }
    .time {
      min-width: 200px;
      font-variant-numeric: tabular-nums;
    }
    .what {
      flex: 1 1 200px;
      min-width: 0;
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .cancelled .time {
      text-decoration: line-through;
    }
    .more {
      margin: 8px 0 0;
    }
  `,
  ],
  template: `
    <section aria-labelledby="person-lessons-title" data-testid="person-lessons">
      <h2 id="person-lessons-title">Lessons</h2>
      <cz-problem-alert [problem]="problem()" />
      @if (lessons(); as all) {
        <h3>Coming up</h3>
        <ul aria-label="Lessons coming up">
          @for (l of split().coming; track l.id) {
            <li [class.cancelled]="l.status === 'cancelled'">
              <span class="time">{{ when(l) }}</span><span class="what">{{ describe(l) }}</span>
            </li>
          } @empty {
            <li>None in the next {{ days / 7 }} weeks.</li>
          }
        </ul>
        <h3>Recent</h3>
        <ul aria-label="Recent lessons">
          @for (l of split().recent; track l.id) {
            <li [class.cancelled]="l.status === 'cancelled'">
              <span class="time">{{ when(l) }}</span><span class="what">{{ describe(l) }}</span>
            </li>
          } @empty {
            <li>None in the last {{ days / 7 }} weeks.</li>
          }
        </ul>
        <p class="more"><a routerLink="/schedule">Open the schedule</a></p>
      } @else if (!problem()) {
        <p role="status">Loading lessons…</p>
      }
    </section>
    <section aria-labelledby="person-requests-title" data-testid="person-requests">
      <h2 id="person-requests-title">Lesson requests</h2>
      @if (requests(); as all) {
        <ul aria-label="Lesson requests">
          @for (r of all; track r.id) {
            <li>
              <span class="time">{{ kindWords[r.kind] }}, {{ statusWords[r.status] }}</span>
              <span class="what">{{ describeRequest(r) }}</span>
            </li>
          } @empty {
            <li>No lesson request {{ kind() === 'students' ? 'for them' : 'to them' }}.</li>
          }
        </ul>
        <p class="more"><a routerLink="/requests">All lesson requests</a></p>
      } @else if (!problem()) {
        <p role="status">Loading requests…</p>
      }
    </section>
  `,
})
export class PersonLessonsPanel {
  readonly personId = input.required<string>();
  readonly kind = input<'students' | 'staff'>('students');
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly days = PERSON_LESSONS_DAYS;
  protected readonly lessons = signal<Lesson[] | null>(null);
  protected readonly requests = signal<LessonRequest[] | null>(null);
  protected readonly kindWords = REQUEST_KIND_LABELS;
  protected readonly statusWords = STATUS_WORDS;
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly split = computed(() => splitLessons(this.lessons() ?? [], new Date()));

  constructor() {
    this.directory.load();
    effect(() => {
      const [id, kind] = [this.personId(), this.kind()];
      untracked(() => {
        const now = Date.now();
        const from = new Date(now - PERSON_LESSONS_DAYS * DAY).toISOString();
        const to = new Date(now + PERSON_LESSONS_DAYS * DAY).toISOString();
        const who = kind === 'students' ? { studentId: id } : { teacherId: id };
        this.lessons.set(null);
        this.api.lessons({ from, to, ...who, includeCancelled: true }).subscribe({ next: (l) => this.lessons.set(l), error: (e: unknown) => this.problem.set(toProblem(e)) });
        this.requests.set(null);
        this.api.requests().subscribe({ next: (all) => this.requests.set(requestsOf(all, id, kind)), error: (e: unknown) => this.problem.set(toProblem(e)) });
      });
    });
  }

  protected when(lesson: Lesson): string {
    return formatSlot(lesson.start, lesson.end, this.directory.timeZone());
  }

  /** "Tue 15 Sept, 16:00–16:30 · with Clara Wieck · asked by Pat Parker on 14 Sept" (the time proposed, or of the lesson). */
  protected describeRequest(request: LessonRequest): string {
    const names = this.directory.names();
    const zone = this.directory.timeZone();
    const range = request.proposed ?? request.lesson;
    const time = range ? formatSlot(range.start, range.end, zone) : request.series ? `weekly from ${request.series.firstDate}` : undefined;
    const who = this.kind() === 'students' ? `with ${nameOf(names, request.teacherId, 'their teacher')}` : `for ${nameOf(names, request.studentId, 'a student')}`;
    const asked = `asked by ${request.requesterName ?? 'a family'} on ${new Date(request.createdAt).toLocaleDateString('en-GB', { timeZone: zone, day: 'numeric', month: 'short' })}`;
    return [time, who, asked].filter(Boolean).join(' · ');
  }

  /** "with Clara Wieck · Piano 30 · Studio 1" for a student, the students for a teacher; "(cancelled)" when it is. */
  protected describe(lesson: Lesson): string {
    const names = this.directory.names();
    const who = this.kind() === 'students' ? `with ${nameOf(names, lesson.teacherId, 'their teacher')}` : lesson.studentIds.map((id) => nameOf(names, id, 'Student')).join(', ');
    const type = lesson.lessonTypeId ? this.directory.lessonTypes().find((t) => t.id === lesson.lessonTypeId)?.name : undefined;
    const room = lesson.roomId ? this.directory.roomNames().get(lesson.roomId) : undefined;
    return [who, type, room, lesson.status === 'cancelled' ? '(cancelled)' : undefined].filter(Boolean).join(' · ');
  }
}
