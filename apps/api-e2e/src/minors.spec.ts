import { demo, startedWithAdmin, type Client } from './support/client.js';

let admin: Client;
startedWithAdmin((_api, signedInAdmin) => {
  admin = signedInAdmin;
});

/** Today's calendar day in a time zone, `YYYY-MM-DD`. */
const dayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const eighteenYearsBefore = (day: string) => `${String(Number(day.slice(0, 4)) - 18).padStart(4, '0')}${day.slice(4)}`;

describe('who is a minor, one way on every path', () => {
  it('follows the school’s calendar day: eighteen today at UTC+14, still seventeen at UTC−11, in every answer', async () => {
    // Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC−11).
    const ahead = 'Pacific/Kiritimati';
    const behind = 'Pacific/Pago_Pago';
    expect(dayIn(ahead) > dayIn(behind)).toBe(true);
    // 29 February has no eighteenth birthday of its own; the test is then for another day.
    const born = eighteenYearsBefore(dayIn(ahead).endsWith('02-29') ? dayIn(behind) : dayIn(ahead));
    expect((await admin.patch('/api/v1/school', { timeZone: ahead })).status).toBe(200);
    const created = await admin.post('/api/v1/students', { name: 'Birthday Today', dateOfBirth: born });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const family = (await admin.post('/api/v1/families', { name: 'Birthday family' })).body as { id: string };
    expect((await admin.post(`/api/v1/families/${family.id}/children`, { childId: id })).status).toBe(201);
    const parent = ((await admin.get('/api/v1/users?role=parent')).body as { id: string; email: string }[]).find((u) => u.email === demo('parent1'))!;

    const everyPath = async () => ({
      student: (await admin.get(`/api/v1/students/${id}`)).body.minor,
      user: (await admin.get(`/api/v1/users/${id}`)).body.minor,
      students: ((await admin.get('/api/v1/students')).body as { id: string; minor: boolean }[]).find((s) => s.id === id)?.minor,
      people: ((await admin.get('/api/v1/people?q=Birthday%20Today')).body.items as { minor: boolean }[])[0]?.minor,
      minorsOnly: ((await admin.get('/api/v1/people?q=Birthday%20Today&minors=only')).body.items as unknown[]).length === 1,
      family: ((await admin.get(`/api/v1/families/${family.id}`)).body.children as { userId: string; minor: boolean }[]).find((c) => c.userId === id)?.minor,
      // A parent without a date of birth is an adult; a student without one would be a minor.
      parentWithoutBirthday: (await admin.get(`/api/v1/users/${parent.id}`)).body.minor,
    });
    expect(await everyPath()).toEqual({ student: false, user: false, students: false, people: false, minorsOnly: false, family: false, parentWithoutBirthday: false });

    expect((await admin.patch('/api/v1/school', { timeZone: behind })).status).toBe(200);
    expect(await everyPath()).toEqual({ student: true, user: true, students: true, people: true, minorsOnly: true, family: true, parentWithoutBirthday: false });
  }, 60_000);
});
