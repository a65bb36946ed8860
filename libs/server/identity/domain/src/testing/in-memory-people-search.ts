import type { UserId } from '@cadenza/shared/kernel';
import type { UserState } from '../model/user.js';
import { PeopleSearch, type PeopleSearchQuery, type PersonListing } from '../ports/index.js';
import type { InMemoryUsers } from './in-memory.js';

/** A lesson as far as the people list cares: who taught whom, and when. */
export interface TaughtLesson {
  teacherId: UserId;
  studentIds: UserId[];
  start: Date;
  cancelled?: boolean;
}

const STAFF = ['admin', 'teacher', 'accompanist'];

/** The people list over the in-memory users and a list of lessons, as the SQL adapter answers it. */
export class InMemoryPeopleSearch extends PeopleSearch {
  readonly lessons: TaughtLesson[] = [];
  /** The instruments of each student's profile (`students`) and of each teacher's, those they teach (`staff`). */
  readonly instruments = { students: new Map<UserId, string[]>(), staff: new Map<UserId, string[]>() };

  constructor(private readonly users: InMemoryUsers) {
    super();
  }

  async search(q: PeopleSearchQuery): Promise<{ total: number; people: PersonListing[] }> {
    const inWindow = this.lessons.filter((l) => !l.cancelled && q.teachingWindow.contains(l.start));
    const teachersOf = (id: UserId) => [...new Set(inWindow.filter((l) => l.studentIds.includes(id)).map((l) => l.teacherId))];
    const text = q.text?.toLowerCase() ?? null;
    const instrument = q.instrument?.toLowerCase() ?? null;
    const plays = (id: UserId) => (this.instruments[q.kind].get(id) ?? []).some((i) => i.toLowerCase().includes(instrument ?? ''));
    const rows = (await this.users.list({})).map((u) => u.snapshot()).filter((u) => {
      const isKind = q.kind === 'students' ? u.roles.includes('student') : u.roles.some((r) => STAFF.includes(r));
      const minor = u.dateOfBirth === null ? u.roles.includes('student') : u.dateOfBirth > q.adultsBornBy;
      return (
        isKind &&
        (!text || u.name.toLowerCase().includes(text) || (u.email ?? '').includes(text)) &&
        (!q.taughtBy || teachersOf(u.id).includes(q.taughtBy)) &&
        (instrument === null || plays(u.id)) &&
        (q.status === 'all' || (q.status === 'archived') === (u.leftSchoolOn !== null)) &&
        (q.minors === null || (q.minors === 'only') === minor)
      );
    });
    const key = (u: UserState): string | null => (q.sort === 'name' ? u.name : q.sort === 'email' ? u.email : q.sort === 'dateOfBirth' ? u.dateOfBirth : u.leftSchoolOn);
    const sign = q.direction === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      // As PostgreSQL orders: nulls after every value going up, before them going down.
      if (ka !== kb) return ka === null ? sign : kb === null ? -sign : ka < kb ? -sign : sign;
      return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
    });
    const names = new Map((await this.users.list({})).map((u) => [u.id, u.name]));
    return {
      total: rows.length,
      people: rows.slice(q.offset, q.offset + q.limit).map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        roles: [...u.roles],
        dateOfBirth: u.dateOfBirth,
        leftSchoolOn: u.leftSchoolOn,
        teachers: q.kind === 'students' ? teachersOf(u.id).map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : [],
      })),
    };
  }
}
