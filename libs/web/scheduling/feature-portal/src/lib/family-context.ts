import { computed, inject, Injectable, signal } from '@angular/core';
import type { Family, LessonType, Room, SchedulingPolicy, TeacherSummary, UserSummary } from '@cadenza/shared/contracts';
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
  /** The families the user belongs to, with each guardian's access to each child (read for parents only). */
  private readonly families = signal<Family[]>([]);
  /** Whether the families have been read (a parent's view-only children are known only then). */
  readonly familiesLoaded = signal(false);
  /**
   * The students whose lessons the user may change (ask to move or cancel, book a makeup): a student themself; a
   * parent the children they have full access to, not those they may only view. The server decides; this hides
   * what it would refuse.
   */
  readonly changeable = computed<ReadonlySet<string>>(() => {
    const me = this.user();
    if (!me) return new Set();
    const own = me.roles.includes('student') ? [me.id] : [];
    const children = this.families().flatMap((f) => f.children.filter((c) => c.access.some((a) => a.guardianId === me.id && a.level === 'full')).map((c) => c.userId));
    return new Set([...own, ...children]);
  });
  /** The students the user may ask for lessons for, in the order of `students`. */
  readonly changeableStudents = computed(() => this.students().filter((s) => this.changeable().has(s.id)));
  /** Room and lesson-type names, to say what and where a lesson is. */
  readonly roomNames = signal<ReadonlyMap<string, string>>(new Map());
  readonly lessonTypeNames = signal<ReadonlyMap<string, string>>(new Map());
  /** Who teaches at the school, by id: whom a lesson is with, whom to ask for one. */
  readonly teacherNames = signal<ReadonlyMap<string, string>>(new Map());
  private loaded = false;

  /** Whether the user may change lessons of any of the students in `studentIds`. */
  mayChange(studentIds: readonly string[]): boolean {
    const changeable = this.changeable();
    return studentIds.some((id) => changeable.has(id));
  }

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.api
      .students()
      .pipe(catchError(() => of([] as UserSummary[])))
      .subscribe((s) => this.students.set(s));
    if (this.isParent()) {
      this.api
        .families()
        .pipe(catchError(() => of([] as Family[])))
        .subscribe((f) => {
          this.families.set(f);
          this.familiesLoaded.set(true);
        });
    }
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
