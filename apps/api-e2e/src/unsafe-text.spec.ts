import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, DEMO_PASSWORD, demo, signedIn } from './support/client.js';
import { directory, expectProblem, fieldsOf, openHours, YEAR } from './support/scheduling.js';

/**
 * Text PostgreSQL cannot store (a NUL character) or that is not Unicode (a lone UTF-16
 * surrogate) is refused at validation, body and query alike, with 400 naming the field,
 * before anything is written: it used to reach the database and answer 500.
 */
const NUL = 'Piano\u0000room';
const LONE_SURROGATE = 'Piano \ud800room';

let api: ApiProcess;
let admin: Client;
let parent: Client;
let idOf: (email: string) => string;
let lessonId: string;

/** Everything the refused requests could have written, to show they wrote nothing. */
async function snapshot(): Promise<Record<string, string>> {
  return withClient(api.db.url, async (db) => {
    const { rows } = await db.query<Record<string, string>>(`
      select (select count(*) from audit_events)::text as audit,
             (select count(*) from outbox_events)::text as outbox,
             (select count(*) from rooms)::text as rooms,
             (select count(*) from terms)::text as terms,
             (select count(*) from closures)::text as closures,
             (select count(*) from lesson_types)::text as lesson_types,
             (select count(*) from invitations)::text as invitations,
             (select count(*) from lesson_requests)::text as requests,
             (select count(*) from rate_limits)::text as rate_limits,
             (select count(*) from lessons where status = 'cancelled')::text as cancelled,
             (select md5(string_agg(name, ',' order by id)) from users) as user_names,
             (select md5(string_agg(name, ',' order by id)) from schools) as school_names,
             (select md5(string_agg(a::text, ',' order by a::text)) from availabilities a) as availability`);
    return rows[0];
  });
}

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  parent = await signedIn(api.url, demo('parent1'));
  idOf = await directory(admin);
  await openHours(admin, [idOf(demo('teacher1'))]);
  expect((await admin.post('/api/v1/terms', { name: `Spring ${YEAR}`, startDate: `${YEAR}-01-04`, endDate: `${YEAR}-07-30` })).status).toBe(201);
  const start = `${YEAR}-03-10T10:00:00.000Z`;
  const lesson = await admin.post('/api/v1/lessons', { teacherId: idOf(demo('teacher1')), studentIds: [idOf(demo('student1'))], start, end: `${YEAR}-03-10T10:45:00.000Z` });
  expect(lesson.status).toBe(201);
  lessonId = lesson.body.id;
}, 240_000);
afterAll(() => api?.stop());

describe('text that cannot be stored', () => {
  const writes: { name: string; send: (text: string) => Promise<import('./support/client.js').Reply>; field: string }[] = [
    { name: 'PATCH /me name', send: (t) => admin.patch('/api/v1/me', { name: t }), field: 'name' },
    { name: 'PATCH /school name', send: (t) => admin.patch('/api/v1/school', { name: t }), field: 'name' },
    { name: 'POST /rooms feature', send: (t) => admin.post('/api/v1/rooms', { name: 'Studio 9', capacity: 2, features: ['piano', t] }), field: 'features.1' },
    { name: 'POST /terms name', send: (t) => admin.post('/api/v1/terms', { name: t, startDate: `${YEAR + 1}-01-04`, endDate: `${YEAR + 1}-03-30` }), field: 'name' },
    { name: 'POST /closures name', send: (t) => admin.post('/api/v1/closures', { name: t, startDate: `${YEAR}-02-16`, endDate: `${YEAR}-02-20` }), field: 'name' },
    { name: 'POST /lesson-types name', send: (t) => admin.post('/api/v1/lesson-types', { name: t, durationMinutes: 30, format: 'individual' }), field: 'name' },
    { name: 'POST /invitations name', send: (t) => admin.post('/api/v1/invitations', { email: 'new.teacher@demo.cadenza.school', name: t, roles: ['teacher'] }), field: 'name' },
    {
      name: 'POST /availability/:id/exceptions reason',
      send: (t) => admin.post(`/api/v1/availability/${idOf(demo('teacher1'))}/exceptions`, { date: `${YEAR}-03-11`, kind: 'unavailable', reason: t }),
      field: 'reason',
    },
    { name: 'POST /lessons/:id/cancel reason', send: (t) => admin.post(`/api/v1/lessons/${lessonId}/cancel`, { reason: t }), field: 'reason' },
    { name: 'POST /lesson-requests message', send: (t) => parent.post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId, message: t }), field: 'message' },
    { name: 'POST /auth/login email', send: (t) => new Client(api.url).post('/api/v1/auth/login', { email: `${t}@demo.cadenza.school`, password: DEMO_PASSWORD }), field: 'email' },
  ];
  const reads: { name: string; path: (encoded: string) => string; field: string }[] = [
    { name: 'GET /audit-events action', path: (q) => `/api/v1/audit-events?action=${q}`, field: 'action' },
    { name: 'GET /notifications/deliveries beforeKey', path: (q) => `/api/v1/notifications/deliveries?before=${YEAR}-01-01T00:00:00Z&beforeKey=${q}`, field: 'beforeKey' },
  ];

  it('refuses a NUL character or a lone surrogate in a body with 400 naming the field, and writes nothing', async () => {
    const before = await snapshot();
    for (const write of writes) {
      for (const text of [NUL, LONE_SURROGATE]) {
        const reply = await write.send(text);
        expect({ operation: write.name, status: reply.status }).toEqual({ operation: write.name, status: 400 });
        expectProblem(reply, 400, 'VALIDATION.INVALID');
        expect({ operation: write.name, fields: fieldsOf(reply) }).toEqual({ operation: write.name, fields: [write.field] });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a NUL character in a query with 400 naming the parameter', async () => {
    for (const read of reads) {
      const reply = await admin.get(read.path('a%00b'));
      expect({ operation: read.name, status: reply.status }).toEqual({ operation: read.name, status: 400 });
      expect({ operation: read.name, fields: fieldsOf(reply) }).toEqual({ operation: read.name, fields: [read.field] });
    }
  });

  it('still takes text with characters outside the basic plane (a surrogate pair)', async () => {
    const reply = await admin.post('/api/v1/closures', { name: 'Festival 🎻', startDate: `${YEAR}-04-06`, endDate: `${YEAR}-04-06` });
    expect(reply.status).toBe(201);
    expect(reply.body.name).toBe('Festival 🎻');
  });
});
