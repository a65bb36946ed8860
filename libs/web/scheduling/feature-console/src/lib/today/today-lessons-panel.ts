import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Lesson } from '@cadenza/shared/contracts';
import { formatSlot, fromWallClock, LessonsStore, nameOf, toWallClock } from '@cadenza/web/scheduling/data-access';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { endOfDay, startOfDay } from 'date-fns';
import { StaffDirectory } from '../staff-directory';

/**
 * The home page's list of today's lessons for a teacher or an accompanist (their own, in their time zone): when,
 * who, what and where, kept current over the socket like the schedule. Nothing for anyone else.
 */
@Component({
  selector: 'cz-today-lessons-panel',
  imports: [RouterLink, ProblemAlert],
  providers: [LessonsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      margin-bottom: 24px;
    }
    .title {
      margin: 0 0 12px;
      font: var(--mat-sys-title-large);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface);
    }
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      padding: 12px 16px;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .time {
      flex: 0 0 auto;
      min-width: 104px;
      font: var(--mat-sys-title-small);
      font-variant-numeric: tabular-nums;
    }
    .what {
      flex: 1 1 220px;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .cancelled {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
    .more {
      margin: 8px 0 0;
    }
  `,
  template: `
    @if (shown()) {
      <section aria-labelledby="today-title" data-testid="today-lessons">
        <h2 id="today-title" class="title">Today's lessons</h2>
        <cz-problem-alert [problem]="store.problem()" />
        @if (!store.loadedFor()) {
          <p role="status">Loading today's lessons…</p>
        } @else {
          <ul aria-live="polite">
            @for (lesson of store.lessons(); track lesson.id) {
              <li data-testid="today-lesson" [class.cancelled]="lesson.status === 'cancelled'">
                <span class="time">{{ time(lesson) }}</span>
                <span class="what">{{ describe(lesson) }}</span>
              </li>
            } @empty {
              <li>No lessons today.</li>
            }
          </ul>
          <p class="more"><a routerLink="/schedule">Open the schedule</a></p>
        }
      </section>
    }
  `,
})
export class TodayLessonsPanel {
  protected readonly store = inject(LessonsStore);
  private readonly directory = inject(StaffDirectory);
  /** Teachers and accompanists; an admin's home has the school's counters instead. */
  protected readonly shown = computed(() => {
    const roles = this.directory.user()?.roles ?? [];
    return !roles.includes('admin') && (roles.includes('teacher') || roles.includes('accompanist'));
  });

  constructor() {
    if (!this.shown()) return;
    this.directory.load();
    this.store.follow(() => {
      const me = this.directory.user();
      const zone = this.directory.timeZone();
      const today = toWallClock(new Date(), zone);
      const teaches = !!me?.roles.includes('teacher');
      return {
        from: fromWallClock(startOfDay(today), zone),
        to: fromWallClock(endOfDay(today), zone),
        teacherId: teaches ? (me?.id ?? null) : null,
        accompanistId: teaches ? null : (me?.id ?? null),
      };
    });
  }

  protected time(lesson: Lesson): string {
    return formatSlot(lesson.start, lesson.end, this.directory.timeZone()).split(', ').slice(1).join(', ');
  }

  /** "Amelia Patel · Piano 30 · Studio 1", with the teacher for an accompanist. */
  protected describe(lesson: Lesson): string {
    const names = this.directory.names();
    const students = lesson.studentIds.map((id) => nameOf(names, id, 'Student')).join(', ');
    const type = lesson.lessonTypeId ? this.directory.lessonTypes().find((t) => t.id === lesson.lessonTypeId)?.name : undefined;
    const room = lesson.roomId ? this.directory.roomNames().get(lesson.roomId) : undefined;
    const teacher = lesson.teacherId !== this.directory.user()?.id ? `with ${nameOf(names, lesson.teacherId, 'their teacher')}` : undefined;
    const cancelled = lesson.status === 'cancelled' ? '(cancelled)' : undefined;
    return [students, type, teacher, room ?? 'no room', cancelled].filter(Boolean).join(' · ');
  }
}
