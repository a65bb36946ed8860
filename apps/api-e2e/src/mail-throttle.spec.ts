import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem, writeClearingTheWay } from './support/scheduling.js';

/**
 * Actions that send mail are limited per person (and invitations per address too), so one person cannot make the
 * school mail someone over and over: past the limit, a 429 problem with `Retry-After`, and nothing written or mailed.
 */
let api: ApiProcess;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
const id = (who: string) => idOf(demo(who));

beforeAll(async () => {
  api = await startApiProcess();
  const who = ['admin', 'student2', 'teacher2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
}, 240_000);
afterAll(() => api?.stop());

const count = (sql: string, params: unknown[]) => withClient(api.db.url, async (db) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n));

describe('invitations', () => {
  it('mails one address three invitations at once; the fourth is refused with 429 and Retry-After, and not mailed', async () => {
    const send = () => as['admin'].post('/api/v1/invitations', { email: 'again@example.org', name: 'Ann Again', roles: ['parent'] });
    for (let i = 0; i < 3; i++) expect((await send()).status).toBe(201);
    await api.mail.waitFor('again@example.org', () => api.mail.messages.filter((m) => m.to.includes('again@example.org')).length === 3);
    const refused = await send();
    expectProblem(refused, 429, 'IDENTITY.TOO_MANY_INVITATIONS');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await count(`select count(*) as n from invitations where email = $1`, ['again@example.org'])).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.mail.messages.filter((m) => m.to.includes('again@example.org'))).toHaveLength(3);
    // Another address is not held up by it.
    expect((await as['admin'].post('/api/v1/invitations', { email: 'other@example.org', name: 'Otto Other', roles: ['parent'] })).status).toBe(201);
  });
});

describe('lesson requests', () => {
  it('ten requests in a row from one student: eight are taken, the last two get 429 with Retry-After and are not stored', async () => {
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<Client['post']>> | null = null;
    for (let day = 1; day <= 10; day++) {
      const start = `${new Date().getUTCFullYear() + 1}-03-${String(day).padStart(2, '0')}T15:00:00Z`;
      const reply = await as['student2'].post('/api/v1/lesson-requests', { kind: 'new_lesson', studentId: id('student2'), teacherId: id('teacher1'), start, end: start.replace('T15', 'T16') });
      statuses.push(reply.status);
      if (reply.status === 429) refusal = reply;
    }
    expect(statuses).toEqual([...Array(8).fill(201), 429, 429]);
    if (!refusal) throw new Error('no refusal');
    expectProblem(refusal, 429, 'SCHEDULING.TOO_MANY_REQUESTS');
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThanOrEqual(100);
    expect(await count(`select count(*) as n from lesson_requests where requested_by = $1 and kind = 'new_lesson'`, [id('student2')])).toBe(8);
  });
});

describe('lesson changes and request decisions', () => {
  it('an admin changes lessons sixty times in a row; the next move and a cancellation get 429 with Retry-After and change nothing, and the teacher is not held up', async () => {
    const year = new Date().getUTCFullYear() + 1;
    const at = (day: number) => ({ start: `${year}-04-${String(day).padStart(2, '0')}T09:00:00Z`, end: `${year}-04-${String(day).padStart(2, '0')}T09:30:00Z` });
    const override = { reason: 'Change limit test' };
    const booked = await writeClearingTheWay(as['admin'], () => as['admin'].post('/api/v1/lessons', { teacherId: id('teacher2'), studentIds: [id('student2')], ...at(1), override }));
    expect(booked.status).toBe(201);
    const lessonId = booked.body.id as string;
    // Sixty changes at once, counting the cancellations that cleared the way for the booking: then the next is refused.
    let moves = 0;
    let refused: Awaited<ReturnType<Client['post']>> | null = null;
    while (!refused && moves <= 60) {
      const moved = await as['admin'].post(`/api/v1/lessons/${lessonId}/move`, { ...at(moves % 2 === 0 ? 2 : 1), override });
      if (moved.status === 429) refused = moved;
      else if (moved.status === 200) moves++;
      else throw new Error(`move ${moves + 1}: ${moved.status} ${JSON.stringify(moved.body)}`);
    }
    expect(moves).toBeGreaterThanOrEqual(50);
    expect(moves).toBeLessThanOrEqual(60);
    if (!refused) throw new Error('no refusal');
    expectProblem(refused, 429, 'SCHEDULING.TOO_MANY_CHANGES');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectProblem(await as['admin'].post(`/api/v1/lessons/${lessonId}/cancel`, { reason: 'Too many' }), 429, 'SCHEDULING.TOO_MANY_CHANGES');
    const lesson = await withClient(api.db.url, async (db) => (await db.query<{ status: string; start_at: Date }>('select status, start_at from lessons where id = $1', [lessonId])).rows[0]);
    expect(lesson.status).toBe('scheduled');
    expect(lesson.start_at.toISOString()).toBe(new Date(at(moves % 2 === 0 ? 1 : 2).start).toISOString());
    // The API description names the refusal on every route it can answer.
    const doc = (await as['admin'].get('/api/docs-json')).body as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    for (const route of ['/lessons/{id}/move', '/lessons/{id}/cancel', '/lesson-requests/{id}/approve', '/lesson-requests/{id}/decline', '/lesson-requests/{id}/counter']) {
      const path = Object.keys(doc.paths).find((p) => p.endsWith(route));
      expect([route, path && doc.paths[path].post.responses['429'] !== undefined]).toEqual([route, true]);
    }
    // The lesson's teacher has turns of their own.
    expect((await as['teacher2'].post(`/api/v1/lessons/${lessonId}/cancel`, { reason: 'Teacher unwell' })).status).toBe(200);
  }, 180_000);
});
