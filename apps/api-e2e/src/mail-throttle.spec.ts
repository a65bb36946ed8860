import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem } from './support/scheduling.js';

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
  const who = ['admin', 'student2'];
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
