import type { ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, startedWithAdmin, type Client } from './support/client.js';

interface Row {
  id: string;
  name: string;
  email: string;
  roles: string[];
  dateOfBirth: string | null;
  minor: boolean;
  leftSchoolOn: string | null;
  teachers: { id: string; name: string }[];
}
interface Page {
  total: number;
  items: Row[];
}

let api: ApiProcess;
let admin: Client;
startedWithAdmin((started, signedInAdmin) => {
  [api, admin] = [started, signedInAdmin];
});

const page = async (client: Client, query: string) => {
  const reply = await client.get(`/api/v1/people?${query}`);
  expect({ query, status: reply.status }).toEqual({ query, status: 200 });
  return reply.body as Page;
};

describe('GET /people', () => {
  it('gives an admin every student, paged with a total, and the staff on their own', async () => {
    const all = await page(admin, 'kind=students&limit=200');
    const students = (await admin.get('/api/v1/students')).body as { id: string; leftSchoolOn: string | null }[];
    expect(all.total).toBe(students.filter((s) => !s.leftSchoolOn).length);
    expect(all.items.map((r) => r.name)).toEqual([...all.items.map((r) => r.name)].sort((a, b) => a.localeCompare(b, 'en')));
    const first = await page(admin, 'limit=5');
    const second = await page(admin, 'limit=5&offset=5');
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual(all.items.slice(0, 10).map((r) => r.id));
    const staff = await page(admin, 'kind=staff&limit=200');
    expect(staff.items.every((r) => r.roles.some((role) => ['admin', 'teacher', 'accompanist'].includes(role)))).toBe(true);
    expect(staff.items.map((r) => r.email)).toContain(demo('teacher1'));
  });

  it('finds by name, keeps minors, filters by teacher and sorts', async () => {
    const all = await page(admin, 'limit=200');
    const someone = all.items[3];
    const found = await page(admin, `q=${encodeURIComponent(someone.name.split(' ')[1].toUpperCase())}&limit=200`);
    expect(found.items.map((r) => r.id)).toContain(someone.id);
    expect(found.items.every((r) => r.name.toLowerCase().includes(someone.name.split(' ')[1].toLowerCase()) || r.email.includes(someone.name.split(' ')[1].toLowerCase()))).toBe(true);
    const minors = await page(admin, 'minors=only&limit=200');
    expect(minors.total).toBe(all.items.filter((r) => r.minor).length);
    expect(minors.total).toBeGreaterThan(0);
    const teacher = all.items.find((r) => r.teachers.length > 0)!.teachers[0];
    const taught = await page(admin, `teacherId=${teacher.id}&limit=200`);
    expect(taught.total).toBeGreaterThan(0);
    expect(taught.items.every((r) => r.teachers.some((t) => t.id === teacher.id))).toBe(true);
    const byBirth = await page(admin, 'sort=dateOfBirth&direction=desc&limit=200');
    const births = byBirth.items.map((r) => r.dateOfBirth ?? '9999');
    expect(births).toEqual([...births].sort().reverse());
  });

  it('filters students by the instruments of their profile and the staff by those they teach, in any case', async () => {
    const [first, second] = (await page(admin, 'limit=2&offset=4')).items;
    expect((await admin.patch(`/api/v1/students/${first.id}`, { instruments: ['Harpsichord', 'Piano'] })).status).toBe(200);
    expect((await admin.patch(`/api/v1/students/${second.id}`, { instruments: ['Baroque harpsichord'] })).status).toBe(200);
    const found = await page(admin, 'instrument=HARPSI&limit=200');
    expect(found.items.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    const teacher = (await page(admin, 'kind=staff&limit=200')).items.find((r) => r.email === demo('teacher1'))!;
    expect((await admin.patch(`/api/v1/teachers/${teacher.id}`, { instruments: ['Harpsichord'] })).status).toBe(200);
    expect((await page(admin, 'kind=staff&instrument=harpsichord')).items.map((r) => r.id)).toEqual([teacher.id]);
    expect((await page(admin, 'instrument=no-such-instrument')).total).toBe(0);
  });

  it('shows a student who left under archived, not active', async () => {
    const someone = (await page(admin, 'limit=1&offset=7')).items[0];
    expect((await admin.patch(`/api/v1/students/${someone.id}`, { leftSchoolOn: '2026-01-15' })).status).toBe(200);
    const archived = await page(admin, 'status=archived&limit=200');
    expect(archived.items.map((r) => [r.id, r.leftSchoolOn])).toContainEqual([someone.id, '2026-01-15']);
    expect((await page(admin, 'limit=200')).items.map((r) => r.id)).not.toContain(someone.id);
    expect((await admin.patch(`/api/v1/students/${someone.id}`, { leftSchoolOn: null })).status).toBe(200);
  });

  it('gives a teacher their own students only, and refuses them the staff and other teachers’ students', async () => {
    const teacher = await signedIn(api.url, demo('teacher1'));
    const me = (await teacher.get('/api/v1/me')).body as { id: string };
    const mine = await page(teacher, 'limit=200');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.teachers.some((t) => t.id === me.id))).toBe(true);
    expect(mine.total).toBe((await page(admin, `teacherId=${me.id}&limit=200`)).total);
    const other = (await page(admin, 'kind=staff&limit=200')).items.find((r) => r.roles.includes('teacher') && r.id !== me.id)!;
    for (const query of ['kind=staff', `teacherId=${other.id}`]) {
      const reply = await teacher.get(`/api/v1/people?${query}`);
      expect({ query, status: reply.status }).toEqual({ query, status: 403 });
    }
  });

  it.each(['accompanist', 'student1', 'parent1'])('refuses %s', async (who) => {
    const reply = await (await signedIn(api.url, demo(who))).get('/api/v1/people');
    expect(reply.status).toBe(403);
  });

  it('refuses bad input with a problem naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=age', 'sort'],
      ['kind=parents', 'kind'],
      ['status=gone', 'status'],
      ['teacherId=nobody', 'teacherId'],
      [`instrument=${'x'.repeat(61)}`, 'instrument'],
      ['colour=blue', 'colour'],
    ]) {
      const reply = await admin.get(`/api/v1/people?${query}`);
      expect({ query, status: reply.status, field: (reply.body as { errors?: { field: string }[] }).errors?.[0]?.field }).toEqual({ query, status: 400, field });
    }
  });
});
