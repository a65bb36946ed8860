import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client, type Reply } from './support/client.js';
import { sleep } from './support/waiting.js';

/**
 * The school's reports on the demo school: each report answers an admin in JSON and as a CSV download, every figure
 * leads to the lessons behind it, a register marked through the API shows in the attendance figures, bad periods are
 * 400s naming the field, and nobody but an admin reads them.
 */
let api: ApiProcess;
let admin: Client;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
// The demo term began on the Monday three weeks ago; a period from four weeks back to a week ahead holds its lessons.
const period = `from=${day(-28)}&to=${day(7)}`;

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
}, 60_000);
afterAll(() => api?.stop());

/** A lesson of the last week with its register, once attendance has recorded it from scheduling's events. */
async function lastWeeksLesson(): Promise<{ lessonId: string; studentIds: string[]; teacherId: string }> {
  const to = new Date(Date.now() - 3_600_000).toISOString();
  const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
  for (let tries = 0; tries < 100; tries++) {
    const listed = (await admin.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { lessonId: string; studentIds: string[]; teacherId: string; cancelled: boolean; end: string }[];
    const lesson = listed.find((l) => !l.cancelled && Date.parse(l.end) < Date.now());
    if (lesson) return lesson;
    await sleep(200);
  }
  throw new Error('attendance recorded no lesson of the last week');
}

describe('reports', () => {
  it('counts a register marked through the API in the attendance figures, and leads from the figure to that lesson', async () => {
    const lesson = await lastWeeksLesson();
    const marked = await admin.post(`/api/v1/attendance/lessons/${lesson.lessonId}/marks`, { marks: lesson.studentIds.map((studentId) => ({ studentId, status: 'present' })), reason: 'Reports check' });
    expect(marked.status).toBe(200);
    // The figures read the summaries the worker keeps from the events: they follow the marks within moments.
    type Row = { key: string; present: number; marked: number; lessons: number; attendanceRate: number; lessonsLink: string };
    let report: Reply<{ rows: Row[]; totals: { present: number } }> | undefined;
    let row: Row | undefined;
    let behind: Reply<{ total: number; lessons: { lessonId: string; teacherId: string; register: string }[] }> | undefined;
    for (let tries = 0; tries < 150; tries++) {
      report = await admin.get(`/api/v1/reports/attendance?${period}&by=teacher&teacherId=${lesson.teacherId}`);
      expect(report.status).toBe(200);
      row = report.body.rows[0];
      behind = row ? await admin.get(row.lessonsLink + '&limit=500') : undefined;
      const listed = behind?.body.lessons ?? [];
      if (row && row.present >= lesson.studentIds.length && behind?.body.total === row.lessons && listed.some((l) => l.lessonId === lesson.lessonId)) break;
      await sleep(200);
    }
    expect(row).toMatchObject({ key: lesson.teacherId });
    expect(row!.present).toBeGreaterThanOrEqual(lesson.studentIds.length);
    expect(row!.lessons).toBeGreaterThan(1);
    expect(report!.body.totals.present).toBe(row!.present);
    expect(behind!.status).toBe(200);
    expect(behind!.body.total).toBe(row!.lessons);
    const found = behind!.body.lessons.find((l) => l.lessonId === lesson.lessonId);
    expect(found).toMatchObject({ teacherId: lesson.teacherId, register: `/api/v1/attendance/lessons/${lesson.lessonId}` });
    expect((await admin.get(found!.register)).status).toBe(200);

    const byStudent = await admin.get(`/api/v1/reports/attendance?${period}&by=student&limit=5&offset=0`);
    expect(byStudent.body).toMatchObject({ by: 'student', limit: 5, offset: 0 });
    expect(byStudent.body.rows).toHaveLength(5);
    expect(byStudent.body.total).toBeGreaterThan(30);
  });

  it('answers room utilisation, least used first, with a cell per room and day leading to its lessons', async () => {
    const reply = await admin.get(`/api/v1/reports/room-utilisation?${period}&opens=14:00&closes=20:00&openDays=1,2,3,4,5`);
    expect(reply.status).toBe(200);
    const rooms = reply.body.rooms as { name: string; utilisation: number | null; bookedMinutes: number; days: { date: string; bookedMinutes: number; openMinutes: number; lessons: string }[] }[];
    expect(rooms.length).toBeGreaterThan(1);
    expect(rooms[0]!.days).toHaveLength(36);
    const shares = rooms.map((r) => r.utilisation ?? Infinity);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const busy = rooms.flatMap((r) => r.days).find((d) => d.bookedMinutes > 0)!;
    expect(busy.openMinutes === 360 || busy.openMinutes === 0).toBe(true);
    const lessons = await admin.get(busy.lessons);
    expect(lessons.body.total).toBeGreaterThan(0);
  });

  it('answers the students at risk and the teachers’ hours, paged', async () => {
    const risk = await admin.get(`/api/v1/reports/students-at-risk?${period}`);
    expect(risk.status).toBe(200);
    expect(risk.body).toMatchObject({ from: day(-28), to: day(7), previousTo: day(-29) });
    const hours = await admin.get(`/api/v1/reports/teacher-hours?${period}&period=month&limit=2`);
    expect(hours.status).toBe(200);
    expect(hours.body.rows).toHaveLength(2);
    expect(hours.body.rows[0]).toMatchObject({ lessons: expect.any(Number), scheduledMinutes: expect.any(Number), lessonsLink: expect.stringContaining('delivered=true') });
  });

  it('downloads each report as CSV, every row with its heading', async () => {
    for (const [path, heading] of [
      [`room-utilisation?${period}`, 'room,date,booked_minutes,open_minutes,utilisation'],
      [`attendance?${period}&by=week`, 'week,lessons,started,on_time,on_time_rate,places,marked'],
      [`students-at-risk?${period}`, 'student,instrument,reasons'],
      [`teacher-hours?${period}`, 'teacher,week,lessons'],
      [`lessons?${period}`, 'lesson_id,start,end,teacher,room'],
    ] as const) {
      const reply = await admin.get(`/api/v1/reports/${path}&format=csv`);
      expect({ path, status: reply.status, type: reply.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/csv; charset=utf-8' });
      expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="cadenza-/);
      expect(String(reply.body).startsWith(heading)).toBe(true);
    }
    const students = String((await admin.get(`/api/v1/reports/attendance?${period}&by=student&format=csv&limit=1`)).body).trim().split('\r\n');
    expect(students.length).toBeGreaterThan(30);
  });

  it('refuses a bad period or dimension with a 400 naming the field', async () => {
    for (const [query, field] of [
      [`from=${day(0)}&to=${day(-1)}`, 'to'],
      [`from=${day(-400)}&to=${day(0)}`, 'to'],
      [`from=yesterday&to=${day(0)}`, 'from'],
      [`${period}&by=colour`, 'by'],
      [`${period}&limit=5000`, 'limit'],
    ] as const) {
      const reply = await admin.get(`/api/v1/reports/attendance?${query}`);
      expect({ query, status: reply.status, fields: (reply.body.errors ?? reply.body.fields ?? []).map((e: { field?: string; pointer?: string }) => e.field ?? e.pointer) }).toMatchObject({ query, status: 400, fields: expect.arrayContaining([field]) });
    }
    const hours = await admin.get(`/api/v1/reports/room-utilisation?${period}&opens=20:00&closes=09:00`);
    expect(hours.status).toBe(400);
  });

  it('gives a teacher their own figures, as the school’s reports count them', async () => {
    const teacher = await signedIn(api.url, demo('teacher1'));
    const me = (await teacher.get('/api/v1/me')).body.id as string;
    const own = await teacher.get(`/api/v1/reports/teachers/${me}/figures?${period}`);
    expect(own.status).toBe(200);
    const [row] = (await admin.get(`/api/v1/reports/attendance?${period}&by=teacher&teacherId=${me}`)).body.rows as { lessons: number; onTime: number; present: number; attendanceRate: number | null }[];
    expect(own.body.totals).toMatchObject({ lessons: row!.lessons, onTime: row!.onTime, present: row!.present, attendanceRate: row!.attendanceRate });
    const hours = (await admin.get(`/api/v1/reports/teacher-hours?${period}&period=week&teacherId=${me}`)).body.rows as { period: string; deliveredMinutes: number }[];
    expect(own.body.hours.map((h: { week: string; deliveredMinutes: number }) => [h.week, h.deliveredMinutes])).toEqual(hours.map((h) => [h.period, h.deliveredMinutes]));
    expect((await teacher.get(`/api/v1/reports/teachers/${me}/figures?from=${day(0)}&to=${day(-1)}`)).status).toBe(400);
  });

  it.each(['teacher1', 'accompanist', 'student1', 'parent1'])('refuses every report to %s', async (who) => {
    const client = await signedIn(api.url, demo(who));
    for (const path of ['room-utilisation', 'attendance', 'students-at-risk', 'teacher-hours', 'lessons']) {
      expect({ path, status: (await client.get(`/api/v1/reports/${path}?${period}`)).status }).toEqual({ path, status: 403 });
    }
  });
});
