import { startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { directory, expectProblem } from './support/scheduling.js';

/**
 * The safeguarding rule applied again to threads that already exist, over the real api: when a student's date of
 * birth makes them a minor after a teacher started a private thread with them, and when the school switches from
 * `visible_to_lead` back to `require_guardian`. In both the teacher's next post is refused and the lead is told.
 * A student whose date of birth is unknown counts as a minor. In the demo school the admin is the safeguarding lead;
 * student1, student2 and student4 are adults, student6 a minor.
 */
let api: ApiProcess;
let idOf: (email: string) => string;
const as: Record<string, Client> = {};
const id = (who: string) => idOf(demo(who));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The audit trail's entries of this action on this thread. */
const audited = (action: string, threadId: string) =>
  withClient(api.db.url, async (db) => Number((await db.query<{ n: string }>('select count(*) as n from audit_events where action = $1 and entity_id = $2', [action, threadId])).rows[0].n));

const messageCount = (threadId: string) => withClient(api.db.url, async (db) => Number((await db.query<{ n: string }>('select count(*) as n from messages where thread_id = $1', [threadId])).rows[0].n));

/** The lead's notification about this thread with this title, once it has arrived. */
const leadNotice = (threadId: string, title: string) =>
  until(`the lead's notice "${title}"`, async () =>
    ((await as['admin'].get('/api/v1/notifications?limit=50')).body.items as { title: string; link: string; type: string }[]).find((n) => n.link === `/safeguarding/threads/${threadId}` && n.title === title),
  );

/** A date of birth that makes someone `years` old today. */
const bornYearsAgo = (years: number) => `${new Date().getUTCFullYear() - years}-01-01`;

beforeAll(async () => {
  // The jobs in process, as in the embedded default, so the lead's notices are delivered.
  api = await startApiProcess({ CADENZA_JOBS: 'inline' });
  const who = ['admin', 'teacher1', 'teacher2', 'teacher3', 'student1', 'student6'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
}, 240_000);
afterAll(() => api?.stop());

describe('a date of birth recorded after a teacher started a private thread', () => {
  it('refuses the teacher’s next post (and the student’s) until a guardian is there, and tells the lead', async () => {
    const thread = await as['teacher1'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student1')], subject: 'Practice' });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id as string;
    expect((await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'See you Tuesday.' })).status).toBe(201);

    const changed = await as['admin'].patch(`/api/v1/students/${id('student1')}`, { dateOfBirth: bornYearsAgo(12) });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ minor: true });

    const refused = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Just us two?' });
    expectProblem(refused, 403, 'MESSAGING.GUARDIAN_MUST_JOIN');
    expect(refused.body).toMatchObject({ minorId: id('student1') });
    expect(refused.body.detail).toMatch(/parent or guardian/);
    expectProblem(await as['student1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Hello?' }), 403, 'MESSAGING.GUARDIAN_MUST_JOIN');
    expect(await messageCount(threadId)).toBe(1);

    // Identity's event reached messaging, which applied its rule to the student's threads again.
    await until('the thread marked as needing a guardian', async () => (await audited('messaging.thread.guardian_required', threadId)) === 1);
    await leadNotice(threadId, 'A conversation needs a guardian');
  });

  it('counts a student whose date of birth is unknown as a minor: no private thread with a teacher', async () => {
    expect((await as['admin'].patch(`/api/v1/students/${id('student2')}`, { dateOfBirth: null })).status).toBe(200);
    expectProblem(await as['teacher2'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student2')] }), 403, 'MESSAGING.MINOR_WITHOUT_GUARDIAN');
  });
});

describe('the school switches from visible_to_lead back to require_guardian', () => {
  it('refuses the teacher’s next post in a teacher-and-minor thread made under the first mode, and tells the lead', async () => {
    expect((await as['admin'].patch('/api/v1/messaging/policy', { minorThreads: 'visible_to_lead' })).status).toBe(200);
    const thread = await as['teacher3'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('student6')] });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id as string;
    expect((await as['teacher3'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Before the switch.' })).status).toBe(201);

    expect((await as['admin'].patch('/api/v1/messaging/policy', { minorThreads: 'require_guardian' })).status).toBe(200);
    const refused = await as['teacher3'].post(`/api/v1/threads/${threadId}/messages`, { body: 'After the switch.' });
    expectProblem(refused, 403, 'MESSAGING.GUARDIAN_MUST_JOIN');
    expect(refused.body).toMatchObject({ minorId: id('student6') });
    expect(await messageCount(threadId)).toBe(1);
    expect(await audited('messaging.thread.guardian_required', threadId)).toBe(1);

    await leadNotice(threadId, 'A conversation needs a guardian');
  });
});
