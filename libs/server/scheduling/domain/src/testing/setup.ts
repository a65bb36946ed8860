import { DomainError, HOUR } from '@cadenza/shared/kernel';
import { schedulingWorld } from './scheduling-world.js';

/** A world with a spring term, a room, and a teacher available weekdays 14:00–20:00 (London). */
export async function readyWorld(options: { now?: string; timeZone?: string } = {}) {
  const world = schedulingWorld(options);
  const { admin, teacher, accompanist } = world.people;
  const term = await world.useCases.createTerm.execute(admin, { name: 'Spring', startDate: '2026-01-05', endDate: '2026-03-27' });
  const room = await world.useCases.createRoom.execute(admin, { name: 'Studio 1', capacity: 4, features: ['piano'] });
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '14:00', endTime: '20:00' }));
  await world.useCases.setAvailability.execute(teacher, { personId: teacher.userId, windows: weekdays, bufferMinutes: 0 });
  await world.useCases.setAvailability.execute(accompanist, { personId: accompanist.userId, windows: weekdays, bufferMinutes: 0 });
  world.stores.audit.entries.length = 0;
  world.stores.uow.runs = 0;
  return { ...world, term, room };
}

/** `2026-01-05T16:00:00Z` + hours. */
export const at = (isoText: string, plusHours = 0) => new Date(Date.parse(isoText) + plusHours * HOUR);

export type ReadyWorld = Awaited<ReturnType<typeof readyWorld>>;

/** A series of the ready world's teacher and student: every Tuesday of its term at 16:00, 45 minutes; `over` changes any of it. */
export const weeklySeries = (w: ReadyWorld, over: Record<string, unknown> = {}) => ({
  teacherId: w.people.teacher.userId,
  studentIds: [w.people.student.userId],
  termId: w.term.id,
  rrule: 'FREQ=WEEKLY;BYDAY=TU',
  startTime: '16:00',
  durationMinutes: 45,
  firstDate: '2026-01-06',
  ...over,
});

/** The DomainError a use case refused with (anything else fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** Records each write the lesson store refuses (a lost race), passing the refusal on; the list of refusals. */
export function recordStoreRefusals(w: ReadyWorld): unknown[] {
  const store = w.stores.lessons;
  const add = store.add.bind(store);
  const refused: unknown[] = [];
  store.add = async (lessons) => {
    try {
      await add(lessons);
    } catch (error) {
      refused.push(error);
      throw error;
    }
  };
  return refused;
}
