import { PROBLEM_CONTENT_TYPE, type ConflictProblem } from '@cadenza/shared/contracts';
import { linkIn, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, signedIn, type Reply } from './client.js';

/**
 * The year the suites book in: two years ahead, so neither the "not in the past" rules nor
 * the demo school's current term (which runs around today) get in the way, whenever this runs.
 */
export const YEAR = new Date().getUTCFullYear() + 2;

/** Opens the staff's hours to 06:00–22:00 every day with no changeover buffer, whatever was seeded. */
export async function openHours(admin: Client, personIds: readonly string[]): Promise<void> {
  const windows = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '06:00', endTime: '22:00' }));
  for (const personId of personIds) {
    const reply = await admin.call('PUT', `/api/v1/availability/${personId}`, { windows, bufferMinutes: 0 });
    if (reply.status !== 200) throw new Error(`availability ${personId}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

/** Everyone in a school by email, as its admin sees them. */
export async function directory(admin: Client): Promise<(email: string) => string> {
  const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
  const byEmail = new Map(users.map((u) => [u.email, u.id]));
  return (email: string) => {
    const id = byEmail.get(email);
    if (!id) throw new Error(`no user ${email}`);
    return id;
  };
}

/** The wall-clock time (HH:mm) and date of an instant in a time zone. */
export function wallClock(instant: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` };
}

/**
 * Sends a lesson write (a booking or a move) as the admin; when the demo timetable is in its way,
 * cancels the demo lessons the refusal names (hard conflicts only) and sends it once more. For the
 * suites that must book close to now (reminders fall due minutes ahead): the demo school's term runs
 * around today, so whether a given teacher or student is free then depends on the hour the suite runs.
 */
export async function writeClearingTheWay<T>(admin: Client, send: () => Promise<Reply<T>>): Promise<Reply<T>> {
  const first = await send();
  const conflicts = first.status === 409 ? ((first.body as ConflictProblem).conflicts ?? []) : [];
  const busy = [...new Set(conflicts.filter((c) => c.severity === 'hard' && c.id).map((c) => c.id as string))];
  if (busy.length === 0) return first;
  for (const lessonId of busy) {
    const cancelled = await admin.post(`/api/v1/lessons/${lessonId}/cancel`, { reason: 'Making room for a test lesson' });
    if (cancelled.status !== 200) throw new Error(`could not cancel ${lessonId}: ${cancelled.status} ${JSON.stringify(cancelled.body)}`);
  }
  return send();
}

/** An instant `minutes` after an ISO instant, as ISO (UTC). */
export const plus = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** Asserts a reply is an RFC 9457 problem with the given status (and code, when given). */
export function expectProblem(reply: Reply, status: number, code?: string): void {
  expect({ status: reply.status, type: reply.headers.get('content-type')?.split(';')[0] }).toEqual({ status, type: PROBLEM_CONTENT_TYPE });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = reply.body as any;
  expect(body.status).toBe(status);
  if (code) expect(body.code).toBe(code);
}

/** The field names a 400 (or a 404 naming its field) points at. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fieldsOf = (reply: Reply) => ((reply.body as any).errors ?? []).map((e: { field: string }) => e.field) as string[];

/** Row counts of everything scheduling writes, for "writes nothing" assertions. */
export async function schedulingRows(dbUrl: string): Promise<Record<string, number>> {
  return withClient(dbUrl, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`
      select (select count(*) from lessons) as lessons,
             (select count(*) from lesson_attendees) as attendees,
             (select count(*) from lesson_series) as series,
             (select count(*) from lesson_requests) as requests,
             (select count(*) from makeup_credits) as credits,
             (select count(*) from rooms) as rooms,
             (select count(*) from terms) as terms,
             (select count(*) from outbox_events) as outbox,
             (select count(*) from audit_events where action like 'scheduling.%') as audit`);
    return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
  });
}

/**
 * Pairs of non-cancelled lessons that overlap in time and share a teacher, a room or a
 * student: read from `lessons` itself, not only from the attendee table the constraint guards.
 */
export async function doubleBookings(dbUrl: string): Promise<{ a: string; b: string; shared: string }[]> {
  return withClient(dbUrl, async (db) => {
    const fromLessons = await db.query<{ a: string; b: string; shared: string }>(`
      select l1.id as a, l2.id as b,
             case when l1.teacher_id = l2.teacher_id then 'teacher' when l1.room_id = l2.room_id then 'room' else 'student' end as shared
        from lessons l1 join lessons l2 on l1.id < l2.id
       where l1.status <> 'cancelled' and l2.status <> 'cancelled'
         and tstzrange(l1.start_at, l1.end_at, '[)') && tstzrange(l2.start_at, l2.end_at, '[)')
         and (l1.teacher_id = l2.teacher_id or l1.room_id = l2.room_id or l1.student_ids && l2.student_ids
              or l1.teacher_id = any(l2.student_ids) or l2.teacher_id = any(l1.student_ids))`);
    const fromAttendees = await db.query<{ a: string; b: string; shared: string }>(`
      select a1.lesson_id as a, a2.lesson_id as b, 'person ' || a1.person_id as shared
        from lesson_attendees a1 join lesson_attendees a2 on a1.person_id = a2.person_id and a1.lesson_id < a2.lesson_id
       where a1.active and a2.active and a1.during && a2.during`);
    return [...fromLessons.rows, ...fromAttendees.rows];
  });
}

export interface OtherSchool {
  admin: Client;
  teacherId: string;
  studentId: string;
  teacher: Client;
}

/**
 * A second school made with the CLI, with a teacher and a student who accepted their
 * invitations from the mailed links.
 */
export async function createSchool(api: ApiProcess, slug: string, name: string, timeZone: string): Promise<OtherSchool> {
  const password = `${slug}-password-long`;
  const created = await api.cli(
    'create',
    '--name', name,
    '--time-zone', timeZone,
    '--currency', 'USD',
    '--locale', 'en-US',
    '--admin-email', `owner@${slug}.example`,
    '--admin-name', `${name} Owner`,
    '--admin-password', password,
  );
  if (created.code !== 0) throw new Error(`school ${slug}: ${created.stderr}`);
  const admin = await signedIn(api.url, `owner@${slug}.example`, password);
  const join = async (email: string, role: string) => {
    const invited = await admin.post('/api/v1/invitations', { email, name: `${role} of ${slug}`, roles: [role] });
    if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${JSON.stringify(invited.body)}`);
    const link = linkIn(await api.mail.waitFor(email), '/accept-invitation');
    const token = new URL(link).searchParams.get('token') ?? '';
    const accepted = await new Client(api.url).post('/api/v1/invitations/accept', { token, password });
    if (accepted.status !== 201) throw new Error(`accept ${email}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  };
  await Promise.all([join(`teacher@${slug}.example`, 'teacher'), join(`student@${slug}.example`, 'student')]);
  const idOf = await directory(admin);
  return {
    admin,
    teacherId: idOf(`teacher@${slug}.example`),
    studentId: idOf(`student@${slug}.example`),
    teacher: await signedIn(api.url, `teacher@${slug}.example`, password),
  };
}
