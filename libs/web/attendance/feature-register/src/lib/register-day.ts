import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { REALTIME_EVENTS, type DayRegister, type DayRegisterLesson, type LessonRegister, type ProblemDetails, type RegisterProgress } from '@cadenza/shared/contracts';
import { AttendanceApi, type DayQuery } from '@cadenza/web/attendance/data-access';
import { AuthStore, RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import type { RegisterViewer } from './lesson-register-card';

/** Where a register stands at `now`, as the server's day register says it (`complete` before the times). */
export function registerProgress(lesson: LessonRegister, now: Date): RegisterProgress {
  if (lesson.cancelled) return 'cancelled';
  if (lesson.complete) return 'complete';
  if (now < new Date(lesson.start)) return 'upcoming';
  if (now < new Date(lesson.end)) return 'in_progress';
  return 'missing';
}

/**
 * A school day's registers as a page shows them (the teacher's register, the admins' day register): the day asked
 * for (`GET /attendance/day`: only the answer to the latest question is kept), the people's names, each lesson
 * replaced as a change comes back or is heard on the socket (`register.changed.v1`), and the refusal of a read.
 * Provided by each page.
 */
@Injectable()
export class RegisterDay {
  private readonly api = inject(AttendanceApi);
  private readonly auth = inject(AuthStore);
  readonly me = computed(() => this.auth.user()?.id ?? null);
  readonly day = signal<DayRegister | null>(null);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly names = signal<ReadonlyMap<string, string>>(new Map());
  /** What each lesson's card knows of who looks at it. */
  readonly viewer = computed<RegisterViewer>(() => ({ me: this.me(), names: this.names(), timeZone: this.day()?.timeZone }));
  private asked = 0;

  constructor() {
    inject(RealtimeClient)
      .on(REALTIME_EVENTS.registerChanged)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(({ lessonId }) => {
        if (!this.day()?.lessons.some((l) => l.lessonId === lessonId)) return;
        this.api.lesson(lessonId).subscribe({ next: (updated) => this.replace(updated), error: () => undefined });
      });
  }

  /** Reads a day; an answer to an earlier question that comes late is dropped. */
  load(query: DayQuery): void {
    const asked = ++this.asked;
    this.problem.set(null);
    this.api.day(query).subscribe({
      next: (day) => {
        if (asked === this.asked) this.day.set(day);
      },
      error: (error) => {
        if (asked !== this.asked) return;
        this.day.set(null);
        this.problem.set(toProblem(error));
      },
    });
  }

  /** Names only: a list that fails leaves "Student" or "their teacher" in its place. Admins also name everyone else. */
  loadNames(everyone: boolean): void {
    const add = (people: readonly { id: string; name: string }[]) => this.names.update((known) => new Map([...known, ...people.map((p) => [p.id, p.name] as const)]));
    this.api.students().subscribe({ next: add, error: () => undefined });
    this.api.teachers().subscribe({ next: add, error: () => undefined });
    if (everyone) this.api.users().subscribe({ next: add, error: () => undefined });
  }

  /** A lesson's register as it now stands, in its place, its standing worked out again. */
  replace(updated: LessonRegister): void {
    const day = this.day();
    if (!day) return;
    const lessons = day.lessons.map((l): DayRegisterLesson => (l.lessonId === updated.lessonId ? { ...updated, state: registerProgress(updated, new Date()) } : l));
    this.day.set({ ...day, lessons });
  }
}
