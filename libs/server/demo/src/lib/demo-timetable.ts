import type { INestApplicationContext } from '@nestjs/common';
import {
  AddClosure,
  CancelLesson,
  CreateLessonType,
  CreateRoom,
  CreateSeries,
  CreateTerm,
  ListLessons,
  SetAvailability,
  SubmitLessonRequest,
  addDays,
  localParts,
  weekdayOf,
  type LessonTypeId,
  type RoomId,
  type TermId,
} from '@cadenza/server/scheduling/domain';
import { Clock, DAY, asId, type SchoolId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';

export interface DemoPeople {
  schoolId: SchoolId;
  timeZone: string;
  admin: UserId;
  teachers: UserId[];
  accompanist: UserId;
  students: UserId[];
  /** parent → children, as seeded. */
  parents: { id: UserId; children: UserId[] }[];
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * A current term of weekly lessons for every student (and an empty next term): individual lessons with each
 * teacher in their own room, a Saturday ensemble with the accompanist, a half-term
 * closure, teachers' availability, a few pending requests and makeup credits.
 */
export async function seedDemoTimetable(app: INestApplicationContext, people: DemoPeople): Promise<void> {
  const run = <T>(work: () => Promise<T>) => inSchool(app, people.schoolId, work);
  const admin: Actor = { userId: people.admin, schoolId: people.schoolId, roles: ['admin'] };
  const today = localParts(app.get(Clock).now(), people.timeZone).date;
  // The term starts on the Monday three weeks ago and runs twelve weeks.
  const termStart = addDays(today, -((weekdayOf(today) + 6) % 7) - 21);
  const termEnd = addDays(termStart, 7 * 12 - 3);

  const rooms: RoomId[] = [];
  for (const room of [
    { name: 'Studio 1', capacity: 3, features: ['grand piano'] },
    { name: 'Studio 2', capacity: 3, features: ['upright piano'] },
    { name: 'Studio 3', capacity: 4, features: ['drum kit', 'amplifiers'] },
    { name: 'Ensemble Room', capacity: 14, features: ['grand piano', 'music stands'] },
    { name: 'Theory Room', capacity: 10, features: ['whiteboard', 'keyboards'] },
  ]) {
    rooms.push((await run(() => app.get(CreateRoom).execute(admin, room))).id);
  }
  const types: LessonTypeId[] = [];
  for (const type of [
    { name: 'Piano 30', durationMinutes: 30, format: 'individual', rateMinor: 2200 },
    { name: 'Piano 45', durationMinutes: 45, format: 'individual', rateMinor: 3200 },
    { name: 'Violin 45', durationMinutes: 45, format: 'individual', rateMinor: 3200 },
    { name: 'Drums 45', durationMinutes: 45, format: 'individual', rateMinor: 3000 },
    { name: 'Ensemble', durationMinutes: 60, format: 'group', rateMinor: 1200 },
  ]) {
    types.push((await run(() => app.get(CreateLessonType).execute(admin, type))).id);
  }
  const term = await run(() => app.get(CreateTerm).execute(admin, { name: 'Current term', startDate: termStart, endDate: termEnd }));
  await run(() => app.get(AddClosure).execute(admin, { name: 'Half term', startDate: addDays(termStart, 42), endDate: addDays(termStart, 46) }));
  // The next term, on the Monday two weeks after this one ends, twelve weeks long: empty, for the term rollover.
  await run(() => app.get(CreateTerm).execute(admin, { name: 'Next term', startDate: addDays(termEnd, 17), endDate: addDays(termEnd, 17 + 7 * 12 - 3) }));

  for (const teacher of people.teachers) {
    await run(() =>
      app.get(SetAvailability).execute(admin, {
        personId: teacher,
        windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '14:00', endTime: '20:00' })).concat([{ weekday: 6, startTime: '09:00', endTime: '13:00' }]),
        bufferMinutes: 5,
      }),
    );
  }
  await run(() =>
    app.get(SetAvailability).execute(admin, {
      personId: people.accompanist,
      windows: [2, 4].map((weekday) => ({ weekday, startTime: '15:00', endTime: '19:00' })).concat([{ weekday: 6, startTime: '09:00', endTime: '13:00' }]),
      bufferMinutes: 0,
    }),
  );

  // Students 1–32 have an individual weekly lesson; teacher k teaches students k, k+6, …
  const series = app.get(CreateSeries);
  const ensemble = people.students.slice(32, 40);
  for (let i = 0; i < 32; i++) {
    const teacherIndex = i % 6;
    const slot = Math.floor(i / 6);
    const weekday = 1 + (slot % 5);
    const startTime = `${String(15 + (slot % 3)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
    const firstDate = addDays(termStart, weekday - 1);
    const withAccompanist = teacherIndex === 2 && weekday === 2;
    const durationMinutes = teacherIndex === 0 && slot % 2 === 0 ? 30 : 45;
    // Teacher 3 teaches violin, teacher 4 drums, the others piano, for as long as the lesson type says.
    const lessonType = teacherIndex === 3 ? 3 : teacherIndex === 2 ? 2 : durationMinutes === 30 ? 0 : 1;
    await run(() =>
      series.execute(admin, {
        teacherId: people.teachers[teacherIndex],
        studentIds: [people.students[i]],
        roomId: teacherIndex < 5 ? rooms[teacherIndex] : null,
        accompanistId: withAccompanist ? people.accompanist : null,
        lessonTypeId: types[lessonType],
        termId: asId<TermId>(term.id),
        rrule: `FREQ=WEEKLY;BYDAY=${WEEKDAYS[weekday - 1]}`,
        startTime,
        durationMinutes,
        firstDate,
      }),
    );
  }
  // Students 33–40 play in the Saturday ensemble, with the accompanist.
  await run(() =>
    series.execute(admin, {
      teacherId: people.teachers[5],
      studentIds: ensemble,
      roomId: rooms[3],
      accompanistId: people.accompanist,
      lessonTypeId: types[4],
      termId: asId<TermId>(term.id),
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      startTime: '10:00',
      durationMinutes: 60,
      firstDate: addDays(termStart, 5),
    }),
  );

  // Any student after the fortieth (the showcase family's six-year-old) has a Saturday-morning piano lesson with teacher 1.
  for (const [n, studentId] of people.students.slice(40).entries()) {
    await run(() =>
      series.execute(admin, {
        teacherId: people.teachers[0],
        studentIds: [studentId],
        roomId: rooms[0],
        accompanistId: null,
        lessonTypeId: types[0],
        termId: asId<TermId>(term.id),
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        startTime: `${String(9 + n).padStart(2, '0')}:30`,
        durationMinutes: 30,
        firstDate: addDays(termStart, 5),
      }),
    );
  }

  // Upcoming lessons, for the requests and credits below.
  const now = app.get(Clock).now();
  const upcoming = async (studentId: UserId) =>
    (await run(() => app.get(ListLessons).execute(admin, { from: new Date(now.getTime() + 2 * DAY), to: new Date(now.getTime() + 30 * DAY), studentId }))).map((l) => l.lesson);

  // The school cancels one lesson each for students 4 and 5 (teacher ill): makeup credits.
  for (const studentId of [people.students[3], people.students[4]]) {
    const [next] = await upcoming(studentId);
    if (next) await run(() => app.get(CancelLesson).execute(admin, { lessonId: next.id, reason: 'Teacher unwell' }));
  }

  // Pending requests from families.
  const parent1 = people.parents[0];
  const asParent: Actor = { userId: parent1.id, schoolId: people.schoolId, roles: ['parent'] };
  const [lessonOfChild] = await upcoming(parent1.children[1]);
  if (lessonOfChild) {
    const s = lessonOfChild.snapshot();
    const later = 60 * 60 * 1000;
    await run(() =>
      app.get(SubmitLessonRequest).execute(asParent, {
        kind: 'reschedule',
        lessonId: lessonOfChild.id,
        start: new Date(s.start.getTime() + later),
        end: new Date(s.end.getTime() + later),
        message: 'Swimming gala that afternoon: could we come an hour later?',
      }),
    );
  }
  const student1: Actor = { userId: people.students[0], schoolId: people.schoolId, roles: ['student'] };
  const [own] = await upcoming(people.students[0]);
  if (own) {
    await run(() => app.get(SubmitLessonRequest).execute(student1, { kind: 'cancellation', lessonId: own.id, message: 'Exam that week.' }));
  }
}
