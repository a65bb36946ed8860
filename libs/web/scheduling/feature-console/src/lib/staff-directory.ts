import { computed, inject, Injectable, signal } from '@angular/core';
import type { LessonType, Room, TeacherSummary, Term, UserSummary } from '@cadenza/shared/contracts';
import { namesById, SchedulingApi, viewerTimeZone } from '@cadenza/web/scheduling/data-access';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { catchError, forkJoin, of, type Observable } from 'rxjs';

/**
 * The people and places the staff screens pick from. Only admins may list users, so a
 * teacher or accompanist sees themself as the only teacher to pick; lists that fail stay empty.
 * Everyone names the school's teachers and accompanists from `GET /teachers`, so an accompanist
 * sees whom a lesson is with.
 */
@Injectable({ providedIn: 'root' })
export class StaffDirectory {
  private readonly api = inject(SchedulingApi);
  private readonly store = inject(AuthStore);

  readonly user = this.store.user;
  readonly isAdmin = computed(() => this.user()?.roles.includes('admin') ?? false);
  readonly isTeacher = computed(() => this.user()?.roles.includes('teacher') ?? false);
  readonly timeZone = computed(() => viewerTimeZone(this.user()));
  readonly teachers = signal<UserSummary[]>([]);
  readonly accompanists = signal<UserSummary[]>([]);
  readonly students = signal<UserSummary[]>([]);
  readonly rooms = signal<Room[]>([]);
  readonly lessonTypes = signal<LessonType[]>([]);
  readonly terms = signal<Term[]>([]);
  /** Every teacher and accompanist of the school, by name (everyone may read them). */
  readonly staff = signal<TeacherSummary[]>([]);
  readonly names = computed(() => namesById(this.staff(), this.teachers(), this.accompanists(), this.students()));
  readonly roomNames = computed(() => new Map(this.rooms().map((r) => [r.id, r.name])));

  private loaded = false;

  /** Loads everything once per session (pass `force` after a change in settings). */
  load(force = false): void {
    if (this.loaded && !force) return;
    this.loaded = true;
    const me = this.user();
    const self: UserSummary[] = me ? [{ id: me.id, email: me.email, name: me.name, roles: me.roles, safeguardingLead: me.safeguardingLead, dateOfBirth: null, minor: false }] : [];
    const orEmpty = <T>(source: Observable<T[]>) => source.pipe(catchError(() => of([] as T[])));
    forkJoin({
      teachers: this.isAdmin() ? orEmpty(this.api.users('teacher')) : of(self.filter((u) => u.roles.includes('teacher'))),
      accompanists: this.isAdmin() ? orEmpty(this.api.users('accompanist')) : of(self.filter((u) => u.roles.includes('accompanist'))),
      staff: orEmpty(this.api.teachers()),
      students: orEmpty(this.api.students()),
      rooms: orEmpty(this.api.rooms()),
      lessonTypes: orEmpty(this.api.lessonTypes()),
      terms: orEmpty(this.api.terms()),
    }).subscribe((all) => {
      this.teachers.set(all.teachers);
      this.accompanists.set(all.accompanists);
      this.staff.set(all.staff);
      this.students.set(all.students);
      this.rooms.set(all.rooms);
      this.lessonTypes.set(all.lessonTypes);
      this.terms.set(all.terms);
    });
  }
}
