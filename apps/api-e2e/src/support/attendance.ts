import { withClient } from '@cadenza/server/testing';
import type { Client, Reply } from './client.js';
import { sleep } from './waiting.js';

/**
 * Waits until attendance has recorded the lesson from scheduling's events (its outbox consumer reads them as they
 * commit) and answers `check` for it; the last reply.
 */
export async function whenAttendanceKnows(client: Client, lessonId: string, check: (reply: Reply) => boolean = (r) => r.status === 200, timeoutMs = 20_000): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await client.get(`/api/v1/attendance/lessons/${lessonId}`);
    if (check(reply)) return reply;
    if (Date.now() > deadline) throw new Error(`attendance did not come to know lesson ${lessonId}: ${reply.status} ${JSON.stringify(reply.body)}`);
    await sleep(100);
  }
}

/** Row counts of what attendance writes, for "writes nothing" assertions. */
export async function attendanceRows(dbUrl: string): Promise<Record<string, number>> {
  return withClient(dbUrl, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`
      select (select count(*) from attendance_entries) as entries,
             (select count(*) from attendance_register_changes) as changes,
             (select count(*) from attendance_registers where started_at is not null) as started,
             (select count(*) from audit_events where action like 'attendance.%') as audit,
             (select count(*) from outbox_events where type like 'attendance.%') as outbox`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  });
}
