import { DAY, DomainError, Interval, type Actor, type Clock, type UserId } from '@cadenza/shared/kernel';
import { hasAnyRole } from '../model/actor.js';
import { adultsBornBy, minorOn } from '../model/user.js';
import { PeopleSearch, SchoolRepository, type PeopleSearchQuery, type PeopleSort, type PersonListing } from '../ports/index.js';

/** Lessons this far back and ahead say who teaches whom (as messaging's contacts count them). */
export const TEACHING_WINDOW_DAYS = 180;

export interface ListPeopleInput {
  kind: 'students' | 'staff';
  q?: string;
  teacherId?: string;
  instrument?: string;
  status: 'active' | 'archived' | 'all';
  minors?: 'only' | 'none';
  sort: PeopleSort;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface PeopleListPage {
  total: number;
  people: (PersonListing & { minor: boolean })[];
}

/** Today's date, `YYYY-MM-DD`, in a time zone. */
export function dayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The console's people list. Admins search every student and the staff; a teacher only their own students
 * (the lessons they teach say who they are), and never the staff; anyone else is refused. A person is a minor
 * until their eighteenth birthday in the school's time zone.
 */
export class ListPeople {
  constructor(
    private readonly people: PeopleSearch,
    private readonly schools: SchoolRepository,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: ListPeopleInput): Promise<PeopleListPage> {
    let taughtBy = (input.teacherId as UserId | undefined) ?? null;
    if (!hasAnyRole(actor, 'admin')) {
      if (!hasAnyRole(actor, 'teacher')) {
        throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Only admins and teachers see the list of people.');
      }
      if (input.kind !== 'students') {
        throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Teachers see their own students only.');
      }
      if (taughtBy && taughtBy !== actor.userId) {
        throw new DomainError('IDENTITY.FORBIDDEN', 'forbidden', 'Teachers see their own students only.');
      }
      taughtBy = actor.userId;
    }
    const now = this.clock.now();
    const today = dayIn((await this.schools.current()).timeZone, now);
    const text = input.q?.trim() ? input.q.trim() : null;
    const query: PeopleSearchQuery = {
      kind: input.kind,
      text,
      taughtBy,
      instrument: input.instrument?.trim() ? input.instrument.trim() : null,
      teachingWindow: Interval.of(new Date(now.getTime() - TEACHING_WINDOW_DAYS * DAY), new Date(now.getTime() + TEACHING_WINDOW_DAYS * DAY)),
      status: input.status,
      minors: input.minors ?? null,
      adultsBornBy: adultsBornBy(today),
      sort: input.sort,
      direction: input.direction,
      offset: input.offset,
      limit: input.limit,
    };
    const found = await this.people.search(query);
    return {
      total: found.total,
      people: found.people.map((p) => ({ ...p, minor: minorOn(p, today) })),
    };
  }
}
