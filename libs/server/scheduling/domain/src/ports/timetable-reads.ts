import type { UserId } from '@cadenza/shared/kernel';
import type { TimetableEntry } from '../conflicts/conflict-checker.js';
import type { Availability } from '../model/availability.js';
import type { Closure, Term } from '../model/calendar.js';
import type { LessonTypeId, RoomId } from '../model/ids.js';
import type { LessonType } from '../model/lesson-type.js';
import type { Room } from '../model/room.js';
import type { LocalDate } from '../time/zoned-time.js';
import { AvailabilityRepository, CalendarRepository, LessonRepository, LessonTypeRepository, RoomRepository, SchoolDirectory, type BusyQuery, type DirectoryPerson } from './index.js';

/** What a conflict check or a free-slot search reads: whose time, over which instants and local dates. */
export interface TimetableReadQuery extends BusyQuery {
  /** The people whose availability counts (teacher, accompanist). */
  staffIds: readonly UserId[];
  /** Closures overlapping these inclusive local dates. */
  closureDates: { from: LocalDate; to: LocalDate };
  /** A room to read by id as well (a booking checks the room it names). */
  roomId?: RoomId | null;
  /** A lesson type to read by id as well. */
  lessonTypeId?: LessonTypeId | null;
  /** People to look up in the school's directory as well (a booking checks the people it names). */
  people?: readonly UserId[];
}

export interface TimetableRead {
  /**
   * The lessons `LessonRepository.busyFor` gives, as the checker sees them: who, where, when and status only (a
   * `Lesson` is one). An adapter may build these straight from its rows; a four-week search reads a hundred of
   * them, and nothing here changes a lesson, so they need not be whole aggregates.
   */
  lessons: readonly TimetableEntry[];
  /** As `AvailabilityRepository.ofMany(staffIds)`. */
  availability: Availability[];
  /** As `CalendarRepository.terms()`. */
  terms: Term[];
  /** As `CalendarRepository.closures(closureDates)`. */
  closures: Closure[];
  /** As `RoomRepository.byId(roomId)`; null when none was asked for. */
  room: Room | null;
  /** As `LessonTypeRepository.byId(lessonTypeId)`; null when none was asked for. */
  lessonType: LessonType | null;
  /** As `SchoolDirectory.people(people)`, in no particular order; empty when none were asked for. */
  people: DirectoryPerson[];
}

/**
 * Everything the conflict checker needs about a stretch of the timetable, read together, with the room,
 * lesson type and people a booking names. The answer is exactly what the repository reads named on `TimetableRead` give; an adapter may fetch it in one
 * round trip (every booking and every free-slot search reads it, so it is the scheduling hot path).
 * Scoped to the school in force, inside the unit of work when there is one.
 */
export abstract class TimetableReads {
  abstract read(query: TimetableReadQuery): Promise<TimetableRead>;
}

/** The reads through the repositories, side by side: the in-memory world's, and the reference the adapters are held to. */
export class RepositoryTimetableReads extends TimetableReads {
  constructor(
    private readonly lessons: LessonRepository,
    private readonly availability: AvailabilityRepository,
    private readonly calendar: CalendarRepository,
    private readonly rooms: RoomRepository,
    private readonly lessonTypes: LessonTypeRepository,
    private readonly directory: SchoolDirectory,
  ) {
    super();
  }

  async read(query: TimetableReadQuery): Promise<TimetableRead> {
    const { staffIds, closureDates, roomId, lessonTypeId, people: peopleIds, ...busy } = query;
    const [lessons, availability, terms, closures, room, lessonType, people] = await Promise.all([
      this.lessons.busyFor(busy),
      this.availability.ofMany(staffIds),
      this.calendar.terms(),
      this.calendar.closures(closureDates),
      roomId ? this.rooms.byId(roomId) : Promise.resolve(null),
      lessonTypeId ? this.lessonTypes.byId(lessonTypeId) : Promise.resolve(null),
      peopleIds && peopleIds.length > 0 ? this.directory.people(peopleIds) : Promise.resolve([]),
    ]);
    return { lessons, availability, terms, closures, room, lessonType, people };
  }
}
