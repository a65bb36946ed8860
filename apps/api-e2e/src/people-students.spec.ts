import { linkIn, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn, startedWithAdmin } from './support/client.js';
import { directory, expectProblem, fieldsOf, plus, writeClearingTheWay } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;

startedWithAdmin(async (started, signedInAdmin) => {
  [api, admin] = [started, signedInAdmin];
  idOf = await directory(admin);
});

const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const contact = { name: 'Pat Parker', phone: '+44 20 7946 0958', relation: 'Father' };
const mia = {
  name: 'Mia Parker',
  dateOfBirth: '2016-05-04',
  instruments: ['Piano', 'Theory'],
  level: 'Grade 1',
  schoolYear: 'Year 5',
  staffNotes: 'Shy at first; warms up with duets.',
  medicalNotes: 'Asthma: inhaler in the blue bag.',
  emergencyContact: contact,
};

async function studentCount(): Promise<number> {
  return withClient(api.db.url, async (db) => Number((await db.query(`select count(*) as n from users where 'student' = any (roles)`)).rows[0].n));
}

async function create(body: Record<string, unknown>): Promise<{ id: string }> {
  const reply = await admin.post('/api/v1/students', body);
  if (reply.status !== 201) throw new Error(`create student: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

describe('an admin records a student without a sign-in', () => {
  it('refuses a missing or future date of birth, a bad phone and unknown fields, naming each field, and writes nothing', async () => {
    const before = await studentCount();
    const { dateOfBirth: _dob, ...noDob } = mia;
    const cases: [Record<string, unknown>, string][] = [
      [noDob, 'dateOfBirth'],
      [{ ...mia, dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
      [{ ...mia, dateOfBirth: '2016-02-30' }, 'dateOfBirth'],
      [{ ...mia, emergencyContact: { ...contact, phone: 'ring the office' } }, 'emergencyContact.phone'],
      [{ ...mia, emergencyContact: { name: 'Pat' } }, 'emergencyContact.phone'],
      [{ ...mia, password: 'sneaky-password' }, 'password'],
      [{ ...mia, name: '' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const reply = await admin.post('/api/v1/students', body);
      expectProblem(reply, 400);
      expect({ field, named: fieldsOf(reply) }).toEqual({ field, named: expect.arrayContaining([field]) });
    }
    expect(await studentCount()).toBe(before);
  });

  it('creates the student with their profile, without an email or a sign-in, and only admins may', async () => {
    const reply = await admin.post('/api/v1/students', mia);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ ...mia, email: null, signsIn: false, minor: true, roles: ['student'], leftSchoolOn: null, archived: false });
    const read = await admin.get(`/api/v1/students/${reply.body.id}`);
    expect(read.body).toEqual(reply.body);
    expect((await admin.get('/api/v1/students')).body.find((s: { id: string }) => s.id === reply.body.id)).toMatchObject({ email: null, name: 'Mia Parker' });
    for (const who of ['teacher1', 'accompanist', 'parent1', 'student1']) {
      const refused = await (await signedIn(api.url, demo(who))).post('/api/v1/students', mia);
      expect({ who, status: refused.status }).toEqual({ who, status: 403 });
    }
  });

  it('changes only the fields a PATCH names, and a cleared field only', async () => {
    const { id } = await create({ ...mia, name: 'Noah Partial' });
    const changed = await admin.patch(`/api/v1/students/${id}`, { level: 'Grade 2' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ...mia, name: 'Noah Partial', level: 'Grade 2' });
    const cleared = await admin.patch(`/api/v1/students/${id}`, { medicalNotes: null, instruments: ['Violin'] });
    expect(cleared.body).toMatchObject({ medicalNotes: null, instruments: ['Violin'], staffNotes: mia.staffNotes, emergencyContact: contact, schoolYear: 'Year 5', dateOfBirth: '2016-05-04' });
    const bad = await admin.patch(`/api/v1/students/${id}`, { name: 'Not Saved', emergencyContact: { ...contact, phone: '12' } });
    expectProblem(bad, 400, 'IDENTITY.INVALID_PHONE');
    expect(fieldsOf(bad)).toEqual(['emergencyContact.phone']);
    expect((await admin.get(`/api/v1/students/${id}`)).body.name).toBe('Noah Partial');
  });

  it('publishes the date of birth changed on the new edit path, so safeguarding is applied again', async () => {
    const { id } = await create({ ...mia, name: 'Ada Dated' });
    expect((await admin.patch(`/api/v1/students/${id}`, { dateOfBirth: '2000-01-01', schoolYear: 'Adult' })).body).toMatchObject({ minor: false, schoolYear: 'Adult' });
    const rows = await withClient(api.db.url, async (db) => (await db.query(`select payload from outbox_events where type = 'student.date_of_birth_changed.v1' and payload->>'studentId' = $1`, [id])).rows);
    expect(rows.map((r) => r.payload.dateOfBirth)).toEqual(['2000-01-01']);
  });
});

describe('who reads which part of a student’s profile', () => {
  let student: string;
  beforeAll(async () => {
    // The demo's first family: parent1 has full access to student1 and student2.
    student = idOf(demo('student2'));
    const changed = await admin.patch(`/api/v1/students/${student}`, { staffNotes: 'Staff only.', medicalNotes: 'Peanut allergy.', emergencyContact: contact, level: 'Grade 3' });
    expect(changed.status).toBe(200);
    const start = `${new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)}T05:00:00.000Z`;
    const booked = await writeClearingTheWay(admin, () =>
      admin.post('/api/v1/lessons', { teacherId: idOf(demo('teacher1')), studentIds: [student], start, end: plus(start, 30), override: { reason: 'Profile visibility test' } }),
    );
    expect(booked.status).toBe(201);
  }, 60_000);

  const read = async (who: string) => (await signedIn(api.url, demo(who))).get(`/api/v1/students/${student}`);

  it('shows the student’s own teacher the medical notes and the emergency contact', async () => {
    // teacher1's lesson with student 2 was booked above; the demo's own is with teacher2.
    const reply = await read('teacher1');
    expect(reply.body).toMatchObject({ staffNotes: 'Staff only.', medicalNotes: 'Peanut allergy.', emergencyContact: contact, level: 'Grade 3' });
  });

  it('shows another teacher the staff notes but not the medical notes or the family’s contact', async () => {
    // The demo's teacher k teaches students k, k+6, …: teacher 3 has no lesson with student 2.
    const reply = await read('teacher3');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ staffNotes: 'Staff only.', level: 'Grade 3' });
    expect(Object.keys(reply.body)).not.toContain('medicalNotes');
    expect(Object.keys(reply.body)).not.toContain('emergencyContact');
  });

  it('shows the guardian and the student the profile without the staff’s or medical notes', async () => {
    for (const who of ['parent1', 'student2']) {
      const reply = await read(who);
      expect({ who, status: reply.status }).toEqual({ who, status: 200 });
      expect(reply.body).toMatchObject({ level: 'Grade 3', emergencyContact: contact });
      expect(Object.keys(reply.body)).not.toContain('staffNotes');
      expect(Object.keys(reply.body)).not.toContain('medicalNotes');
    }
  });

  it('tells another family and another student the student is not there', async () => {
    for (const who of ['parent5', 'student9']) {
      const reply = await read(who);
      expect({ who, status: reply.status }).toEqual({ who, status: 404 });
    }
  });

  it('lets the guardian change what families may, and refuses the notes, naming them', async () => {
    const parent = await signedIn(api.url, demo('parent1'));
    const changed = await parent.patch(`/api/v1/students/${student}`, { schoolYear: 'Year 4' });
    expect(changed.status).toBe(200);
    expect(Object.keys(changed.body)).not.toContain('medicalNotes');
    const refused = await parent.patch(`/api/v1/students/${student}`, { medicalNotes: 'Changed by a parent', level: 'Grade 8' });
    expectProblem(refused, 403, 'IDENTITY.FORBIDDEN');
    expect((await admin.get(`/api/v1/students/${student}`)).body).toMatchObject({ medicalNotes: 'Peanut allergy.', level: 'Grade 3', schoolYear: 'Year 4' });
  });
});

describe('inviting a student recorded without a sign-in', () => {
  it('mails the usual invitation; accepting it lets the same student sign in', async () => {
    const { id } = await create({ ...mia, name: 'Leo Invited', dateOfBirth: '2008-01-02' });
    const invited = await admin.post(`/api/v1/students/${id}/invitation`, { email: 'Leo.Invited@Example.org' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'leo.invited@example.org', name: 'Leo Invited', roles: ['student'], acceptedAt: null });
    const link = linkIn(await api.mail.waitFor('leo.invited@example.org'), '/accept-invitation');
    const accepted = await new Client(api.url).post('/api/v1/invitations/accept', { token: tokenOf(link), password: 'leo-long-password' });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toEqual({ email: 'leo.invited@example.org' });
    const leo = await signedIn(api.url, 'leo.invited@example.org', 'leo-long-password');
    expect((await leo.get('/api/v1/me')).body).toMatchObject({ id, name: 'Leo Invited', roles: ['student'] });
    expect((await admin.get(`/api/v1/students/${id}`)).body).toMatchObject({ email: 'leo.invited@example.org', signsIn: true, level: 'Grade 1' });
    expectProblem(await admin.post(`/api/v1/students/${id}/invitation`, { email: 'leo.again@example.org' }), 409, 'IDENTITY.ALREADY_SIGNS_IN');
  });

  it('refuses a taken email, a bad one, and anyone but an admin', async () => {
    const { id } = await create({ ...mia, name: 'Uma Uninvited' });
    const taken = await admin.post(`/api/v1/students/${id}/invitation`, { email: demo('teacher2') });
    expectProblem(taken, 409, 'IDENTITY.EMAIL_TAKEN');
    expect(fieldsOf(await admin.post(`/api/v1/students/${id}/invitation`, { email: 'not an email' }))).toEqual(['email']);
    for (const who of ['teacher1', 'parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).post(`/api/v1/students/${id}/invitation`, { email: 'uma@example.org' });
      expect({ who, status: reply.status }).toEqual({ who, status: 403 });
    }
    expect((await admin.get(`/api/v1/students/${id}`)).body).toMatchObject({ email: null, signsIn: false });
  });
});
