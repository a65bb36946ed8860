import type { INestApplicationContext } from '@nestjs/common';
import { addDays, dateIn, LogPractice, RecordAchievement, SaveProgressScale, SetAssignment, MarkAssignment, SetProgressTarget } from '@cadenza/server/attendance/domain';
import { Clock, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';

const PIECES = ['Minuet in G (Petzold)', 'Für Elise (Beethoven)', 'Gymnopédie No. 1 (Satie)', 'The Entertainer (Joplin)', 'Prelude in C (Bach)'];

/**
 * Practice and progress for a few demo students (teacher1's students 1, 7 and 13, teacher3's 3 and 9, teacher4's 10): the ABRSM
 * grades as the school's scale, assignments (one done, one open, one due next week), three weeks of practice logged by
 * the students, and grades reached with a target. Set by the admin: attendance learns who teaches whom from lessons
 * once the api runs, after this seeding.
 */
export async function seedDemoPractice(app: INestApplicationContext, people: { schoolId: SchoolId; timeZone: string; admin: UserId; students: UserId[] }): Promise<void> {
  const admin: Actor = { userId: people.admin, schoolId: people.schoolId, roles: ['admin'] };
  const run = <T>(work: () => Promise<T>) => inSchool(app, people.schoolId, work);
  const today = dateIn(app.get(Clock).now(), people.timeZone);
  const scale = await run(() => app.get(SaveProgressScale).execute(admin, { name: 'ABRSM grades', levels: Array.from({ length: 8 }, (_, i) => ({ name: `Grade ${i + 1}` })) }));
  for (const [k, n] of [1, 3, 7, 9, 10, 13].entries()) {
    const studentId = people.students[n - 1];
    if (!studentId) continue;
    const student: Actor = { userId: studentId, schoolId: people.schoolId, roles: ['student'] };
    const piece = PIECES[k % PIECES.length] ?? 'Minuet in G (Petzold)';
    const done = await run(() => app.get(SetAssignment).execute(admin, studentId, { title: 'Scales and arpeggios', description: 'Two octaves, hands together, slowly then at 80.', dueOn: today, pieces: ['G major', 'E minor (harmonic)'], links: [] }));
    await run(() => app.get(MarkAssignment).execute(admin, done.id, true));
    const open = await run(() => app.get(SetAssignment).execute(admin, studentId, { title: `Learn ${piece}`, description: 'First page, hands separately, then together.', dueOn: addDays(today, 7 + k), pieces: [piece], links: ['https://www.abrsm.org/en-gb/exams/music-exams'] }));
    for (let day = 20; day >= 0; day--) {
      if ((day + k) % 3 === 2) continue;
      const minutes = 15 + ((day * 7 + k * 11) % 35);
      await run(() => app.get(LogPractice).execute(student, studentId, { practisedOn: addDays(today, -day), minutes, note: day % 4 === 0 ? 'Slow practice with the metronome' : null, assignmentId: day < 7 ? open.id : null }));
    }
    if (k < 3) {
      const [passed, reached, next] = scale.levels.slice(2 * k, 2 * k + 3);
      if (!passed || !reached || !next) continue;
      await run(() => app.get(RecordAchievement).execute(admin, studentId, { levelId: passed.id, achievedOn: addDays(today, -400), piece: null, note: 'Merit' }));
      await run(() => app.get(RecordAchievement).execute(admin, studentId, { levelId: reached.id, achievedOn: addDays(today, -60), piece, note: 'Distinction' }));
      await run(() => app.get(SetProgressTarget).execute(admin, studentId, { levelId: next.id, description: `${next.name} in the summer session`, dueOn: addDays(today, 200) }));
    }
  }
}
