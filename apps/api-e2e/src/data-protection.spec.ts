import { strFromU8, unzipSync } from 'fflate';
import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { expectProblem } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
const as: Record<string, Client> = {};
let people: { id: string; email: string; name: string }[];

beforeAll(async () => {
  api = await startApiProcess();
  admin = await signedIn(api.url, demo('admin'));
  for (const who of ['teacher1', 'parent2', 'student3', 'student1']) as[who] = await signedIn(api.url, demo(who));
  people = (await admin.get('/api/v1/users?status=all')).body as { id: string; email: string; name: string }[];
}, 120_000);
afterAll(() => api?.stop());

const person = (local: string) => {
  const found = people.find((p) => p.email === demo(local));
  if (!found) throw new Error(`no ${local}`);
  return found;
};

async function exportOf(id: string, client = admin): Promise<{ status: number; files: Record<string, Uint8Array>; type: string | null }> {
  const response = await fetch(`${api.url}/api/v1/users/${id}/personal-data-export`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), files: response.status === 200 ? unzipSync(bytes) : {} };
}

const json = (files: Record<string, Uint8Array>, name: string) => JSON.parse(strFromU8(files[name] ?? new Uint8Array()));

/** Values for a documented GET's path parameters, by the path's first segment; anything else gets the person's id. */
function fill(path: string, ids: Record<string, string>, personId: string): string {
  const resource = path.replace('/api/v1/', '').split('/')[0] ?? '';
  return path.replace(/\{[^}]+\}/g, () => ids[resource] ?? personId);
}

describe('data protection: export and erasure of a person who has left', () => {
  it('exports everything held about a student, erases them once archived, and then no GET answers their name or email; the audit trail keeps its events', async () => {
    const student = person('student3');
    const teacher = person('teacher1');
    const parent = person('parent2');

    // What the school holds about them: an emergency contact's phone, a family thread they write in (and one they
    // flag), a request naming them.
    const phone = '+44 7700 900 461';
    expect((await admin.patch(`/api/v1/students/${student.id}`, { emergencyContact: { name: 'Alex Contact', phone, relation: 'aunt' } })).status).toBe(200);
    const thread = await as['teacher1']!.post('/api/v1/threads', { kind: 'family', participantIds: [student.id, parent.id], subject: `Lessons of ${student.name}` });
    expect(thread.status).toBe(201);
    const threadId = thread.body.id as string;
    expect((await as['student3']!.post(`/api/v1/threads/${threadId}/messages`, { body: `Hello, this is ${student.name} (${student.email}).` })).status).toBe(201);
    expect((await as['parent2']!.post(`/api/v1/threads/${threadId}/messages`, { body: `If I am late, ring ${phone}.` })).status).toBe(201);
    expect((await as['teacher1']!.post(`/api/v1/threads/${threadId}/messages`, { body: `Welcome, ${student.name}!` })).status).toBe(201);
    const flagged = await as['teacher1']!.post('/api/v1/threads', { kind: 'family', participantIds: [student.id, parent.id], subject: 'Practice' });
    const worrying = await as['teacher1']!.post(`/api/v1/threads/${flagged.body.id}/messages`, { body: 'Practise three hours a day, every day.' });
    expect((await as['student3']!.post(`/api/v1/threads/${flagged.body.id}/messages/${worrying.body.id}/flags`, { reason: 'Too much for a child.' })).status).toBe(201);
    const start = new Date(Date.now() + 4 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const request = await as['parent2']!.post('/api/v1/lesson-requests', { kind: 'new_lesson', studentId: student.id, teacherId: teacher.id, start: start.toISOString(), end: new Date(start.getTime() + 45 * 60_000).toISOString(), message: `${student.name} would like an extra lesson` });
    expect(request.status).toBe(201);

    // Only once archived may they be erased, and only with their name typed.
    expectProblem(await admin.post(`/api/v1/users/${student.id}/erasure`, { confirmName: student.name }), 409, 'IDENTITY.NOT_ARCHIVED');
    expect((await admin.post(`/api/v1/users/${student.id}/archive`, { cancelFutureLessons: true })).status).toBe(200);

    const exported = await exportOf(student.id);
    expect({ status: exported.status, type: exported.type }).toEqual({ status: 200, type: 'application/zip' });
    const names = Object.keys(exported.files);
    expect(names).toEqual(expect.arrayContaining(['summary.pdf', 'export.json', 'identity/profile.json', 'scheduling/requests.json', 'messaging/threads.json', 'notifications/feed.json', 'audit/events.json']));
    expect(strFromU8(exported.files['summary.pdf']!.subarray(0, 5))).toBe('%PDF-');
    expect(json(exported.files, 'identity/profile.json')).toMatchObject({ id: student.id, name: student.name, email: student.email });
    const threads = json(exported.files, 'messaging/threads.json') as { id: string; underSafeguardingRetention: boolean; messages: { versions: { body: string }[] }[] }[];
    expect(threads.find((t) => t.id === threadId)?.messages.flatMap((m) => m.versions.map((v) => v.body))).toContain(`Hello, this is ${student.name} (${student.email}).`);
    expect(threads.find((t) => t.id === flagged.body.id)?.underSafeguardingRetention).toBe(true);
    const index = json(exported.files, 'export.json') as { contexts: { context: string; retained: string[] }[] };
    expect(index.contexts.find((c) => c.context === 'messaging')?.retained.join(' ')).toContain(`Thread ${flagged.body.id} is under safeguarding retention`);
    expect((json(exported.files, 'scheduling/requests.json') as { id: string }[]).map((r) => r.id)).toContain(request.body.id);

    // Every documented GET, as the admin (the school's safeguarding lead), with this person's and their records' ids.
    const doc = (await admin.get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const from = encodeURIComponent(new Date(Date.now() - 45 * 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 45 * 86_400_000).toISOString());
    const family = ((await admin.get('/api/v1/families')).body as { id: string; children: { userId: string }[] }[]).find((f) => f.children.some((c) => c.userId === student.id));
    const ids: Record<string, string> = { threads: threadId, 'lesson-requests': request.body.id, families: family?.id ?? student.id };
    const queries: Record<string, string> = {
      '/api/v1/lessons': `?from=${from}&to=${to}&includeCancelled=true`,
      '/api/v1/audit-events': '?limit=200',
      '/api/v1/people': '?status=all&pageSize=200',
      '/api/v1/students': '?status=all',
      '/api/v1/users': '?status=all',
      '/api/v1/threads/search': `?q=${encodeURIComponent(student.name.split(' ')[0]!)}`,
    };
    const gets = Object.keys(doc.paths).filter((path) => path.startsWith('/api/v1/') && 'get' in doc.paths[path]! && !path.includes('.ics'));
    expect(gets.length).toBeGreaterThan(30);
    const needles = [student.name.toLowerCase(), student.email.toLowerCase(), phone];
    const crawl = async () => {
      const answered: string[] = [];
      const holding: string[] = [];
      for (const path of gets) {
        const url = fill(path, ids, student.id) + (queries[path] ?? '');
        const response = await fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${admin.token}` } });
        const text = (await response.text()).toLowerCase();
        if (response.status === 200) answered.push(path);
        if (needles.some((needle) => text.includes(needle))) holding.push(url);
      }
      return { answered, holding };
    };
    // Before the erasure the crawl finds them where the school keeps them, so it would find what an erasure left.
    const before = await crawl();
    expect(before.holding.length).toBeGreaterThan(5);
    expect(before.holding).toEqual(expect.arrayContaining([`/api/v1/users/${student.id}`, `/api/v1/threads/${threadId}/transcript`]));
    // The phone alone is found in the profile and the thread.
    const holdingPhone = async (url: string) => (await (await fetch(`${api.url}${url}`, { headers: { authorization: `Bearer ${admin.token}` } })).text()).includes(phone);
    expect([await holdingPhone(`/api/v1/students/${student.id}`), await holdingPhone(`/api/v1/threads/${threadId}/transcript`)]).toEqual([true, true]);

    const wrong = await admin.post(`/api/v1/users/${student.id}/erasure`, { confirmName: 'Someone Else' });
    expect({ status: wrong.status, field: wrong.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'confirmName' });
    expectProblem(await admin.post(`/api/v1/users/${student.id}/erasure`, { confirmName: student.name, extra: 1 }), 400);
    expect((await admin.get(`/api/v1/students/${student.id}`)).body.name).toBe(student.name);

    const erased = await admin.post(`/api/v1/users/${student.id}/erasure`, { confirmName: student.name.toUpperCase() });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ personId: student.id, pseudonym: expect.stringMatching(/^Former student \d+$/) });
    // Asking again answers the same.
    expect((await admin.post(`/api/v1/users/${student.id}/erasure`, { confirmName: 'anything' })).body.pseudonym).toBe(erased.body.pseudonym);
    expect((await admin.get(`/api/v1/students/${student.id}`)).body.name).toBe(erased.body.pseudonym);
    expect((await new Client(api.url).post('/api/v1/auth/login', { email: student.email, password: 'cadenza-demo' })).status).toBe(401);

    const after = await crawl();
    expect(after.holding).toEqual([]);
    // The crawl read the records that held them: most routes answered, these among them.
    const mustAnswer = ['/api/v1/users/{id}', '/api/v1/students/{id}', '/api/v1/threads/{id}', '/api/v1/lessons', '/api/v1/audit-events', '/api/v1/lesson-requests', '/api/v1/threads/{id}/transcript', '/api/v1/families/{id}'];
    expect(mustAnswer.filter((path) => !after.answered.includes(path))).toEqual([]);
    expect(after.answered.length).toBeGreaterThan(gets.length / 2);

    // The thread keeps its shape, the person in it by id; their words are gone; the flagged thread is kept whole.
    const read = (await admin.get(`/api/v1/threads/${threadId}/transcript`)).body as { messages: { author: { id: string; name: string }; versions: { body: string }[] }[] };
    expect(read.messages).toHaveLength(3);
    expect(read.messages[0]!.author).toMatchObject({ id: student.id, name: erased.body.pseudonym });
    expect(read.messages[0]!.versions[0]!.body).toMatch(/removed/);
    expect(read.messages[1]!.versions[0]!.body).toBe(`If I am late, ring ${erased.body.pseudonym}.`);
    expect(read.messages[2]!.versions[0]!.body).toBe(`Welcome, ${erased.body.pseudonym}!`);
    const kept = (await admin.get(`/api/v1/threads/${flagged.body.id}/transcript`)).body as { messages: { versions: { body: string }[] }[] };
    expect(kept.messages[0]!.versions[0]!.body).toBe('Practise three hours a day, every day.');

    // The audit trail still holds the events about them, without their name or email.
    const trail = (await admin.get(`/api/v1/audit-events?entityId=${student.id}&limit=100`)).body.items as { action: string; after: unknown }[];
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['identity.person.archived', 'identity.personal_data.exported', 'identity.person.erasure_started', 'identity.person.erased']));
    expect(trail.find((e) => e.action === 'identity.person.erased')?.after).toEqual({ number: expect.any(Number), contexts: ['scheduling', 'messaging', 'notifications', 'attendance', 'calendar-sync', 'audit', 'identity'] });
  }, 180_000);

  it('is for admins only: teachers, parents and students are refused, and unknown people are not found', async () => {
    const someone = person('student5');
    for (const who of ['teacher1', 'parent2', 'student1']) {
      const client = as[who]!;
      expect((await exportOf(someone.id, client)).status).toBe(403);
      expect((await client.post(`/api/v1/users/${someone.id}/erasure`, { confirmName: someone.name })).status).toBe(403);
    }
    expect((await exportOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expectProblem(await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/erasure', { confirmName: 'Nobody' }), 404);
    expectProblem(await admin.post(`/api/v1/users/${someone.id}/erasure`, {}), 400);
  }, 60_000);
});
