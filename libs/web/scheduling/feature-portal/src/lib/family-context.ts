import { computed, inject, Injectable, signal } from '@angular/core';
import type { LessonType, Room, SchedulingPolicy, TeacherSummary, UserSummary } from '@cadenza/shared/contracts';
import { namesById, SchedulingApi, viewerTimeZone } from '@cadenza/web/scheduling/data-access';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { catchError, of } from 'rxjs';

/** The students a family member sees (a parent's children, or the student themself) and the school's policy. */
@Injectable({ providedIn: 'root' })
export class FamilyContext {
  private readonly api = inject(SchedulingApi);
  readonly user = inject(AuthStore).user;
  readonly timeZone = computed(() => viewerTimeZone(this.user()));
  readonly isParent = computed(() => this.user()?.roles.includes('parent') ?? false);
  readonly students = signal<UserSummary[]>([]);
  readonly policy = signal<SchedulingPolicy | null>(null);
  readonly names = computed(() => namesById(this.students()));
  /** Room and lesson-type names, to say what and where a lesson is. */
  readonly roomNames = signal<ReadonlyMap<string, string>>(new Map());
  readonly lessonTypeNames = signal<ReadonlyMap<string, string>>(new Map());
  /** Who teaches at the school, by id: whom a lesson is with, whom to ask for one. */
  readonly teacherNames = signal<ReadonlyMap<string, string>>(new Map());
  private loaded = false;

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.api
      .students()
      .pipe(catchError(() => of([] as UserSummary[])))
      .subscribe((s) => this.students.set(s));
    this.api
      .policy()
      .pipe(catchError(() => of(null)))
      .subscribe((p) => this.policy.set(p));
    this.api
      .rooms()
      .pipe(catchError(() => of([] as Room[])))
      .subscribe((rooms) => this.roomNames.set(new Map(rooms.map((r) => [r.id, r.name]))));
    this.api
      .lessonTypes()
      .pipe(catchError(() => of([] as LessonType[])))
      .subscribe((types) => this.lessonTypeNames.set(new Map(types.map((t) => [t.id, t.name]))));
    this.api
      .teachers()
      .pipe(catchError(() => of([] as TeacherSummary[])))
      .subscribe((teachers) => this.teacherNames.set(new Map(teachers.map((t) => [t.id, t.name]))));
  }
}
