import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { createSchool, directory, type OtherSchool } from './support/scheduling.js';

/**
 * `GET /threads/contacts`: the people each person can name in the inbox. Staff see their
 * school; a family sees its own members, the admins and the teachers and accompanists of its
 * students' lessons; anyone sees the people of their own threads. Another family's and another school's people never appear. Thread reads carry
 * each message's earlier wordings.
 */
let api: ApiProcess;
let idOf: (email: string) => string;
let harbour: OtherSchool;
const as: Record<string, Client> = {};
const id = (who: string) => idOf(demo(who));

interface Contact {
  id: string;
  name: string;
  roles: string[];
  minor: boolean;
  canStart: boolean;
  children: string[];
}
const contactsOf = async (who: string) => {
  const reply = await as[who].get('/api/v1/threads/contacts');
  expect(reply.status).toBe(200);
  return reply.body as Contact[];
};
const ids = (contacts: readonly Contact[]) => new Set(contacts.map((c) => c.id));

beforeAll(async () => {
  api = await startApiProcess();
  const who = ['admin', 'teacher1', 'parent1', 'parent2', 'parent18', 'student1', 'student2'];
  const clients = await Promise.all(who.map((w) => signedIn(api.url, demo(w))));
  who.forEach((w, i) => (as[w] = clients[i]));
  idOf = await directory(as['admin']);
  harbour = await createSchool(api, 'harbour', 'Harbour Music Academy', 'America/New_York');
}, 240_000);
afterAll(() => api?.stop());

describe('contacts', () => {
  it('gives staff everyone in their school but themselves, and nobody from another school', async () => {
    const contacts = await contactsOf('teacher1');
    const seen = ids(contacts);
    for (const who of ['admin', 'teacher2', 'accompanist', 'parent1', 'parent25', 'student3', 'student40']) expect(seen.has(id(who))).toBe(true);
    expect(seen.has(id('teacher1'))).toBe(false);
    expect(seen.has(harbour.teacherId) || seen.has(harbour.studentId)).toBe(false);
    expect(contacts.every((c) => c.canStart)).toBe(true);
    expect(contacts.find((c) => c.id === id('student3'))).toMatchObject({ minor: true, roles: ['student'] });
  });

  it('names each parent’s children for staff, and lists a teacher’s own students and their parents first', async () => {
    // teacher1 teaches student1, student7, student13, student19, student25 and student31; parent1's children are student1 and student2.
    const contacts = await contactsOf('teacher1');
    const students = (await contactsOf('admin')).filter((c) => c.roles.includes('student'));
    const nameOf = (who: string) => students.find((c) => c.id === id(who))?.name;
    expect(contacts.find((c) => c.id === id('parent1'))?.children).toEqual([nameOf('student1'), nameOf('student2')].sort((a, b) => (a ?? '').localeCompare(b ?? '')));
    const own = ['student1', 'student7', 'student13', 'student19', 'student25', 'student31'].map(id);
    const firstOthers = contacts.findIndex((c) => !own.includes(c.id) && !c.roles.includes('parent'));
    for (const student of own) expect(contacts.findIndex((c) => c.id === student)).toBeLessThan(firstOthers);
    expect(contacts.findIndex((c) => c.id === id('parent1'))).toBeLessThan(firstOthers);
    // Families see no one else's children.
    expect((await contactsOf('parent1')).every((c) => c.children.length === 0)).toBe(true);
  });

  it('gives a parent their children, the admins and their children’s teachers, never another family or school', async () => {
    // parent1's children are student1 (taught by teacher1) and student2 (teacher2), neither in the accompanied ensemble.
    const seen = ids(await contactsOf('parent1'));
    for (const who of ['admin', 'teacher1', 'teacher2', 'student1', 'student2']) expect(seen.has(id(who))).toBe(true);
    for (const who of ['teacher3', 'teacher6', 'accompanist', 'parent1', 'parent2', 'student3', 'student4', 'student40']) expect(seen.has(id(who))).toBe(false);
    expect(seen.has(harbour.teacherId)).toBe(false);
  });

  it('names the accompanist to a family whose child plays in the accompanied ensemble', async () => {
    // parent18's only child is student33, whose one lesson is the Saturday ensemble: teacher6 with the accompanist.
    const seen = ids(await contactsOf('parent18'));
    for (const who of ['admin', 'teacher6', 'accompanist', 'student33']) expect(seen.has(id(who))).toBe(true);
    expect(seen.has(id('teacher3'))).toBe(false);
    expect(seen.has(id('student34'))).toBe(false);
  });

  it('gives a student the admins, their teachers and their guardians only', async () => {
    const seen = ids(await contactsOf('student1'));
    for (const who of ['teacher1', 'admin', 'parent1']) expect(seen.has(id(who))).toBe(true);
    for (const who of ['teacher2', 'student2', 'parent2', 'student3']) expect(seen.has(id(who))).toBe(false);
  });

  it('names the people of a shared thread, who cannot be messaged otherwise, and only to those in it', async () => {
    const started = await as['teacher1'].post('/api/v1/threads', { kind: 'group', participantIds: [id('parent1'), id('parent2')], subject: 'Recital rota' });
    expect(started.status).toBe(201);
    const contacts = await contactsOf('parent1');
    expect(contacts.find((c) => c.id === id('parent2'))).toMatchObject({ canStart: false });
    expect(ids(await contactsOf('student2')).has(id('parent2'))).toBe(false);
  });

  it('answers another school for its own people only', async () => {
    const reply = await harbour.teacher.get('/api/v1/threads/contacts');
    expect(reply.status).toBe(200);
    const seen = ids(reply.body as Contact[]);
    expect(seen.has(harbour.studentId)).toBe(true);
    expect(seen.has(id('teacher1')) || seen.has(id('parent1')) || seen.has(id('admin'))).toBe(false);
  });

  it('refuses without a session', async () => {
    const reply = await fetch(`${api.url}/api/v1/threads/contacts`);
    expect(reply.status).toBe(401);
  });
});

describe('edit history in a thread read', () => {
  it('carries each message’s earlier wordings, oldest first', async () => {
    const started = await as['teacher1'].post('/api/v1/threads', { kind: 'direct', participantIds: [id('parent1')] });
    expect(started.status).toBe(201);
    const threadId = started.body.id as string;
    const posted = await as['teacher1'].post(`/api/v1/threads/${threadId}/messages`, { body: 'Lesson at 4' });
    expect(posted.status).toBe(201);
    expect((await as['teacher1'].patch(`/api/v1/threads/${threadId}/messages/${posted.body.id}`, { body: 'Lesson at 5' })).status).toBe(200);
    const read = await as['parent1'].get(`/api/v1/threads/${threadId}`);
    expect(read.status).toBe(200);
    expect(read.body.messages).toEqual([
      expect.objectContaining({ body: 'Lesson at 5', version: 2, previousVersions: [{ version: 1, body: 'Lesson at 4', at: expect.any(String) }] }),
    ]);
  });
});
