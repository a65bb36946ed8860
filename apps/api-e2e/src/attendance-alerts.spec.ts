import { startApiProcess, withClient, type ApiProcess, type CapturedMail } from '@cadenza/server/testing';
import { whenAttendanceKnows } from './support/attendance.js';
import { createSchool, type OtherSchool } from './support/scheduling.js';

/**
 * Attendance's alerts end to end, the jobs running in the api (CADENZA_JOBS=inline) and mail going to the capture:
 * the school's missing-register reminder reaches the teacher once, by email, at the school's time in its zone; a
 * student's second absence without notice in a row reaches the admin.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (t: number) => new Date(t).toISOString();

let api: ApiProcess;
let school: OtherSchool;
let timeZone: string;
const slug = `alerts-${Math.random().toString(36).slice(2, 7)}`;

/** A fixed-offset zone where it is now about 10:00, so the school's default 18:00 reminder has not run yet today. */
function zoneAtTenNow(): string {
  const offset = ((10 - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
const wallClockNow = (zone: string) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());

async function book(start: number, minutes: number): Promise<string> {
  const reply = await school.admin.post('/api/v1/lessons', { teacherId: school.teacherId, studentIds: [school.studentId], start: iso(start), end: iso(start + minutes * MINUTE), override: { reason: 'Attendance alerts test' } });
  if (reply.status !== 201) throw new Error(`book: ${reply.status} ${JSON.stringify(reply.body)}`);
  await whenAttendanceKnows(school.admin, reply.body.id);
  return reply.body.id;
}

async function waitForMails(to: string, match: (mail: CapturedMail) => boolean, timeoutMs: number): Promise<CapturedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = api.mail.messages.filter((m) => m.to.includes(to) && match(m));
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to}: ${JSON.stringify(api.mail.messages.map((m) => [m.to, m.subject]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  api = await startApiProcess({ CADENZA_JOBS: 'inline', NOTIFICATIONS_SWEEP_SECONDS: '1' });
  timeZone = zoneAtTenNow();
  school = await createSchool(api, slug, 'Alerts Music', timeZone);
}, 240_000);
afterAll(() => api?.stop());

describe('attendance alerts', () => {
  it('tells the admin once when a student misses a second lesson in a row without notice', async () => {
    const lessons = [await book(Date.now() - 3 * 24 * HOUR, 45), await book(Date.now() - 2 * 24 * HOUR, 45)];
    for (const lessonId of lessons) {
      const marked = await school.admin.post(`/api/v1/attendance/lessons/${lessonId}/marks`, { marks: [{ studentId: school.studentId, status: 'absent_no_notice' }] });
      expect(marked.status).toBe(200);
    }
    // The correction and its undoing do not alert twice.
    await school.admin.post(`/api/v1/attendance/lessons/${lessons[1]}/marks`, { marks: [{ studentId: school.studentId, status: 'present' }] });
    await school.admin.post(`/api/v1/attendance/lessons/${lessons[1]}/marks`, { marks: [{ studentId: school.studentId, status: 'absent_no_notice' }] });
    const mails = await waitForMails(`owner@${slug}.example`, (m) => m.subject === 'Absences without notice', 20_000);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('A student has missed 2 lessons in a row without notice.');
    expect(mails[0].text).toContain(`/console/people/students/${school.studentId}`);
    const alerts = await withClient(api.db.url, async (db) => (await db.query(`select count(*)::int as n from outbox_events where type = 'attendance.absence_streak.v1' and payload->>'studentId' = $1`, [school.studentId])).rows[0].n);
    expect(alerts).toBe(1);
  }, 60_000);

  it('reminds the teacher once, by email, of the lessons that ended without a complete register, at the school’s time', async () => {
    const missing = await book(Date.now() - 3 * HOUR, 45);
    const complete = await book(Date.now() - 5 * HOUR, 45);
    expect((await school.admin.post(`/api/v1/attendance/lessons/${complete}/marks`, { marks: [{ studentId: school.studentId, status: 'present' }] })).status).toBe(200);
    // Nothing before the school's time (18:00 there, hours away).
    expect(api.mail.messages.filter((m) => m.to.includes(`teacher@${slug}.example`) && /register/.test(m.subject))).toEqual([]);
    const patched = await school.admin.patch('/api/v1/attendance/settings', { missingRegisterReminderTime: wallClockNow(timeZone) });
    expect(patched.status).toBe(200);
    const mails = await waitForMails(`teacher@${slug}.example`, (m) => m.subject === 'A register to complete', 40_000);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain('A lesson of yours ended without a complete register');
    expect(mails[0].text).toContain('/console/register?date=');
    const { reminders, days } = await withClient(api.db.url, async (db) => ({
      reminders: (await db.query(`select payload from outbox_events where type = 'attendance.registers_missing.v1' and payload->>'teacherId' = $1`, [school.teacherId])).rows.map((r) => r.payload),
      days: (await db.query(`select count(*)::int as n from attendance_reminder_days d join schools s on s.id = d.school_id where s.time_zone = $1 and s.name = 'Alerts Music'`, [timeZone])).rows[0].n,
    }));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].lessons.map((l: { lessonId: string }) => l.lessonId)).toEqual([missing]);
    expect(days).toBe(1);
    // A wrong time is refused naming the field, and nothing changes.
    const refused = await school.admin.patch('/api/v1/attendance/settings', { missingRegisterReminderTime: '25:00', streakAlertsToGuardians: true });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['missingRegisterReminderTime']);
    expect((await school.admin.get('/api/v1/attendance/settings')).body.streakAlertsToGuardians).toBe(false);
  }, 90_000);
});
