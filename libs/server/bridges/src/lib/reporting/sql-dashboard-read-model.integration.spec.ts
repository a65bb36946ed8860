import { enterSchool } from '@cadenza/server/platform/db';
import { dashboardReadModelContract, type DashboardWorld } from '@cadenza/server/reporting/domain/testing';
import { useSpecDatabase } from '@cadenza/server/spec-database';
import { persistence } from '../persistence.js';
import { SqlDashboardReadModel } from './sql-dashboard-read-model.js';

/**
 * The dashboards' SQL against the real tables of every context, migrated. Each test seeds its
 * world into a school of its own, and a copy (fresh ids) into a second school, which no
 * answer may count.
 */
describe('SqlDashboardReadModel on PostgreSQL', () => {
  const db = useSpecDatabase(persistence);

  async function seed(world: DashboardWorld, ids: (id: string) => string): Promise<string> {
    const sql = db.orm.em.getConnection();
    const school = globalThis.crypto.randomUUID();
    await sql.execute(`insert into schools (id, name, slug, time_zone, currency, locale, created_at) values (?, 'Dashboards', ?, ?, 'GBP', 'en-GB', now())`, [
      school,
      `dash-${school.slice(0, 8)}`,
      world.timeZone,
    ]);
    const everyone = new Set([...world.people.map((p) => p.id), ...world.guardians.flatMap((g) => [g.guardianId, g.childId])]);
    for (const [i, id] of [...everyone].entries()) {
      const person = world.people.find((p) => p.id === id);
      await sql.execute(
        `insert into users (id, school_id, email, name, roles, safeguarding_lead, time_zone, locale, created_at) values (?, ?, ?, ?, ?::text[], ?, 'Europe/London', 'en-GB', now())`,
        [ids(id), school, `p${i}-${school.slice(0, 8)}@dash.example`, `Person ${i}`, `{${(person?.roles ?? ['student']).join(',')}}`, person?.safeguardingLead ?? false],
      );
    }
    const byGuardian = new Map<string, string>();
    for (const g of world.guardians) {
      let family = byGuardian.get(g.guardianId);
      if (!family) {
        family = globalThis.crypto.randomUUID();
        byGuardian.set(g.guardianId, family);
        await sql.execute(`insert into families (id, school_id, name) values (?, ?, 'Family')`, [family, school]);
        await sql.execute(`insert into family_members (family_id, user_id, school_id, kind) values (?, ?, ?, 'guardian')`, [family, ids(g.guardianId), school]);
      }
      await sql.execute(`insert into family_members (family_id, user_id, school_id, kind) values (?, ?, ?, 'child')`, [family, ids(g.childId), school]);
      await sql.execute(`insert into guardian_access (family_id, guardian_id, child_id, school_id, level) values (?, ?, ?, ?, ?)`, [family, ids(g.guardianId), ids(g.childId), school, g.access]);
    }
    for (const [i, room] of world.rooms.entries()) {
      await sql.execute(`insert into rooms (id, school_id, name, capacity, active) values (?, ?, ?, 4, ?)`, [ids(room.id), school, `Room ${i}`, room.active]);
    }
    for (const l of world.lessons) {
      await sql.execute(
        `insert into lessons (id, school_id, teacher_id, room_id, accompanist_id, student_ids, start_at, end_at, status) values (?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?)`,
        [ids(l.id), school, ids(l.teacherId), l.roomId && ids(l.roomId), l.accompanistId && ids(l.accompanistId), `{${l.studentIds.map(ids).join(',')}}`, l.start, l.end, l.cancelled ? 'cancelled' : 'scheduled'],
      );
    }
    // Attendance's copy of the lessons, and its registers.
    for (const l of world.lessons) {
      await sql.execute(`insert into attendance_lessons (id, school_id, teacher_id, student_ids, start_at, end_at, cancelled) values (?, ?, ?, ?::uuid[], ?, ?, ?)`, [
        ids(l.id),
        school,
        ids(l.teacherId),
        `{${l.studentIds.map(ids).join(',')}}`,
        l.start,
        l.end,
        l.cancelled,
      ]);
    }
    for (const r of world.registers) {
      await sql.execute(`insert into attendance_registers (school_id, lesson_id, started_at, ended_at) values (?, ?, ?, ?)`, [school, ids(r.lessonId), r.startedAt, r.endedAt]);
      for (const m of r.marks) {
        await sql.execute(`insert into attendance_entries (school_id, lesson_id, student_id, status, late_minutes, marked_by, marked_at) values (?, ?, ?, ?, ?, ?, now())`, [
          school,
          ids(r.lessonId),
          ids(m.studentId),
          m.status,
          m.status === 'late' ? 5 : null,
          ids(world.people[0].id),
        ]);
      }
    }
    for (const r of world.requests) {
      await sql.execute(`insert into lesson_requests (id, school_id, kind, status, requested_by, student_id, teacher_id, created_at) values (?, ?, 'new_lesson', ?, ?, ?, ?, now())`, [
        ids(r.id),
        school,
        r.status,
        ids(r.studentId),
        ids(r.studentId),
        ids(r.teacherId),
      ]);
    }
    const messageIds = new Map<string, string>();
    for (const t of world.threads) {
      await sql.execute(`insert into message_threads (id, school_id, kind, created_by, created_at, last_seq, last_message_at) values (?, ?, 'group', ?, now(), ?, now())`, [
        ids(t.id),
        school,
        ids(t.participantIds[0]),
        t.authors.length,
      ]);
      for (const [position, p] of t.participantIds.entries()) {
        await sql.execute(`insert into message_thread_participants (thread_id, user_id, school_id, position) values (?, ?, ?, ?)`, [ids(t.id), ids(p), school, position]);
      }
      for (const [i, author] of t.authors.entries()) {
        const messageId = globalThis.crypto.randomUUID();
        messageIds.set(`${t.id}:${i + 1}`, messageId);
        await sql.execute(`insert into messages (id, school_id, thread_id, author_id, seq, sent_at) values (?, ?, ?, ?, ?, now())`, [messageId, school, ids(t.id), ids(author), i + 1]);
      }
      for (const [reader, seq] of Object.entries(t.reads)) {
        await sql.execute(`insert into message_read_receipts (thread_id, user_id, school_id, last_read_seq, read_at) values (?, ?, ?, ?, now())`, [ids(t.id), ids(reader), school, seq]);
      }
    }
    for (const f of world.flags) {
      await sql.execute(
        `insert into message_flags (id, school_id, thread_id, message_id, message_version, flagged_by, reason, created_at) values (?, ?, ?, ?, 1, ?, 'Worrying', now())`,
        [globalThis.crypto.randomUUID(), school, ids(f.threadId), messageIds.get(`${f.threadId}:${f.seq}`), ids(f.flaggedBy)],
      );
    }
    return school;
  }

  dashboardReadModelContract('SQL adapter', async (world) => {
    const copies = new Map<string, string>();
    await seed(world, (id) => id);
    await seed(world, (id) => {
      let copy = copies.get(id);
      if (!copy) {
        copy = globalThis.crypto.randomUUID();
        copies.set(id, copy);
      }
      return copy;
    });
    const em = db.orm.em.fork();
    const [{ id: school }] = await em.getConnection().execute<{ id: string }[]>('select school_id as id from users where id = ?', [world.people[0].id]);
    enterSchool(em, school);
    return new SqlDashboardReadModel(em);
  });
});
