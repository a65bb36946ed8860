import { DAY, DomainError, Clock, type UserId, type Actor } from '@cadenza/shared/kernel';
import type { FreeSlotSuggestion } from '../conflicts/conflict-checker.js';
import { DEFAULT_SLOT_LIMIT, findFreeSlots } from '../conflicts/free-slots.js';
import { forbidden, hasRole } from '../model/actor.js';
import type { RoomId } from '../model/ids.js';
import { assertDuration } from '../model/validation.js';
import { RoomRepository, SchoolDirectory } from '../ports/index.js';
import { actsForStudent } from './access.js';
import { Timetable } from './timetable.js';

export const MAX_SLOT_RANGE_DAYS = 62;

export interface FindFreeSlotsInput {
  teacherId: UserId;
  durationMinutes: number;
  from: Date;
  to: Date;
  studentId?: UserId;
  accompanistId?: UserId;
  /** Choose any active room with this feature that is free; no room when absent. */
  roomFeature?: string;
  /** Only times when this room is free too (a makeup lesson in its cancelled lesson's room); with `roomFeature`, both must hold. */
  roomId?: RoomId;
  limit?: number;
}

/** Staff plan with it; students and parents (full access) look for a slot with a teacher. Never in the past. */
export class FindFreeSlots {
  constructor(
    private readonly timetable: Timetable,
    private readonly rooms: RoomRepository,
    private readonly directory: SchoolDirectory,
    private readonly clock: Clock,
  ) {}

  async execute(actor: Actor, input: FindFreeSlotsInput): Promise<FreeSlotSuggestion[]> {
    assertDuration(input.durationMinutes);
    if (input.to.getTime() <= input.from.getTime()) throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'to', 'The end must come after the start.');
    if (input.to.getTime() - input.from.getTime() > MAX_SLOT_RANGE_DAYS * DAY) {
      throw DomainError.invalid('SCHEDULING.RANGE_TOO_LONG', 'to', `Search at most ${MAX_SLOT_RANGE_DAYS} days at a time.`);
    }
    const staff = hasRole(actor, 'admin', 'teacher', 'accompanist');
    if (!staff) {
      if (!input.studentId || !(await actsForStudent(actor, input.studentId, this.directory))) throw forbidden();
    }
    // Staff may look at colleagues' free time: free time reveals no lesson details.
    // The people are checked (one lookup) while the rooms and the timetable are read: the reads are
    // harmless if a check then refuses, and the request waits for one round trip instead of three.
    const checked = this.timetable.requirePeople([
      { id: input.teacherId, role: 'teacher', field: 'teacherId' },
      ...(input.studentId ? [{ id: input.studentId, role: 'student', field: 'studentId' }] : []),
      ...(input.accompanistId ? [{ id: input.accompanistId, role: 'accompanist', field: 'accompanistId' }] : []),
    ]);
    const now = this.clock.now();
    const from = new Date(Math.max(input.from.getTime(), now.getTime()));
    const read = (async () => {
      const { roomFeature, roomId } = input;
      const rooms =
        roomFeature !== undefined || roomId !== undefined
          ? (await this.rooms.list({ activeOnly: true })).filter((r) => r.active && (roomFeature === undefined || r.hasFeature(roomFeature)) && (roomId === undefined || r.id === roomId))
          : null;
      if (from.getTime() >= input.to.getTime()) return null;
      const timeZone = await this.timetable.timeZone();
      const context = await this.timetable.context(
        { from: new Date(from.getTime() - DAY), to: new Date(input.to.getTime() + DAY) },
        {
          teacherId: input.teacherId,
          studentIds: input.studentId ? [input.studentId] : [],
          accompanistId: input.accompanistId ?? null,
          roomIds: rooms?.map((r) => r.id) ?? [],
        },
        timeZone,
      );
      return { rooms, context };
    })();
    const [people, timetable] = await Promise.allSettled([checked, read]);
    if (people.status === 'rejected') throw people.reason;
    if (timetable.status === 'rejected') throw timetable.reason;
    if (!timetable.value) return [];
    const { rooms, context } = timetable.value;
    return findFreeSlots(
      {
        teacherId: input.teacherId,
        studentIds: input.studentId ? [input.studentId] : [],
        accompanistId: input.accompanistId ?? null,
        rooms: rooms?.map((r) => ({ id: r.id })) ?? null,
        durationMinutes: input.durationMinutes,
        from,
        to: input.to,
        limit: Math.min(Math.max(input.limit ?? DEFAULT_SLOT_LIMIT, 1), 50),
      },
      context,
    );
  }
}
