import type { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { LessonEventsConsumer } from '@cadenza/server/attendance/api';
import { ListRegisters, MarkRegister, RecordLessonChanges, Registers, type MarkInput, type RegisterView } from '@cadenza/server/attendance/domain';
import { OutboxSignal } from '@cadenza/server/platform/db';
import { Clock, DAY, MINUTE, UnitOfWork, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';

/** The demo student whose last two lessons were missed without notice: the school's one absence streak. */
const STREAK_STUDENT = 8;
/** The demo teacher (1-based) whose registers of the last week are left for them to fill in: the missing registers. */
const BEHIND_TEACHER = 3;

/**
 * A student's mark in a past week, a realistic mix: mostly present, some late (a few with a note), a few absences with
 * notice or excused; the streak student's last two lessons missed without notice, and one other absence without notice.
 */
function markFor(n: number, lessonsBefore: number, lessonsLeft: number): Omit<MarkInput, 'studentId'> {
  if (n === STREAK_STUDENT && lessonsLeft <= 2) return { status: 'absent_no_notice' };
  if (n === 20 && lessonsBefore === 1) return { status: 'absent_no_notice' };
  switch ((n * 7 + lessonsBefore * 3) % 20) {
    case 0:
      return { status: 'late', lateMinutes: 5 + (n % 3) * 5, note: n % 2 ? 'Bus was late' : null };
    case 1:
      return { status: 'absent_notice', note: 'Parent rang the office' };
    case 2:
      return { status: 'excused', note: 'School trip' };
    case 3:
      return { status: 'late', lateMinutes: 10 };
    default:
      return { status: 'present' };
  }
}

/**
 * Registers for the demo term's past weeks, so the register screens, the students' attendance and the reports show
 * something on first start. Attendance first reads scheduling's events of the seeded timetable from the outbox (its
 * lessons consumer, as the server would, under the same name, so the server does not read them again). Then every
 * lesson that has ended is started on time or a few minutes late and ended (through the registers' repository: the
 * use cases only start a lesson while it runs) and marked through `MarkRegister` — by its teacher while the marking
 * window is open, by the admin with a reason after — except the last week's of one teacher, left missing. Seeded once,
 * with the rest of the demo school.
 */
export async function seedDemoRegisters(app: INestApplicationContext, people: { schoolId: SchoolId; admin: UserId; teachers: UserId[]; students: UserId[] }): Promise<void> {
  const em = app.get(EntityManager, { strict: false });
  const consumer = new LessonEventsConsumer(em, app.get(OutboxSignal, { strict: false }), app.get(Clock), app.get(RecordLessonChanges, { strict: false }));
  while ((await inSchool(app, null, () => consumer.consumeOnce())) > 0);

  const run = <T>(work: () => Promise<T>) => inSchool(app, people.schoolId, work);
  const admin: Actor = { userId: people.admin, schoolId: people.schoolId, roles: ['admin'] };
  const now = app.get(Clock).now();
  const views = await run(() => app.get(ListRegisters, { strict: false }).execute(admin, { from: new Date(now.getTime() - 30 * DAY), to: now }));
  const past = views.filter((v) => !v.lesson.cancelled && v.lesson.end <= now).sort((a, b) => a.lesson.start.getTime() - b.lesson.start.getTime());
  const numberOf = new Map(people.students.map((id, i) => [id, i + 1]));
  const behind = people.teachers[BEHIND_TEACHER - 1];
  const seen = new Map<UserId, number>();
  const left = new Map<UserId, number>();
  for (const { lesson } of past) for (const s of lesson.studentIds) left.set(s, (left.get(s) ?? 0) + 1);

  for (const view of past) {
    const { lesson } = view;
    const recent = now.getTime() - lesson.end.getTime() < 7 * DAY;
    const marks = lesson.studentIds.map((studentId) => {
      const before = seen.get(studentId) ?? 0;
      const remaining = left.get(studentId) ?? 0;
      seen.set(studentId, before + 1);
      left.set(studentId, remaining - 1);
      return { studentId, ...markFor(numberOf.get(studentId) ?? 0, before, remaining) };
    });
    if (recent && lesson.teacherId === behind) continue;
    await startAndEnd(app, people.schoolId, view, numberOf.get(lesson.studentIds[0] ?? people.admin) ?? 0);
    const teacher: Actor = { userId: lesson.teacherId, schoolId: people.schoolId, roles: ['teacher'] };
    await run(() => app.get(MarkRegister, { strict: false }).execute(recent ? teacher : admin, { lessonId: lesson.id, marks, reason: recent ? null : 'Copied from the paper register' }));
  }
}

/** The lesson started on time, or seven minutes late for some, and ended on time: its register's times, kept as they were. */
async function startAndEnd(app: INestApplicationContext, schoolId: SchoolId, { lesson }: RegisterView, n: number): Promise<void> {
  await inSchool(app, schoolId, () =>
    app.get(UnitOfWork, { strict: false }).run(async () => {
      const registers = app.get(Registers, { strict: false });
      const register = await registers.forUpdate(lesson.id);
      register.start(lesson.teacherId, new Date(lesson.start.getTime() + (n % 5 === 0 ? 7 : 1) * MINUTE));
      register.end(lesson.teacherId, lesson.end);
      await registers.save(register, []);
    }),
  );
}
