import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { draftInvoiceFor, type DemoFamily } from './support/billing.js';

let api: ApiProcess;
let schoolB: Client;
let schoolA: Client;

beforeAll(async () => {
  api = await startApiProcess();
  const created = await api.cli(
    'create',
    '--name', 'Harbour Music Academy',
    '--time-zone', 'America/New_York',
    '--currency', 'USD',
    '--locale', 'en-US',
    '--admin-email', 'owner@harbour.example',
    '--admin-name', 'Harbour Owner',
    '--admin-password', 'harbour-password',
  );
  expect(created.code).toBe(0);
  schoolB = await signedIn(api.url, 'owner@harbour.example', 'harbour-password');
  schoolA = await signedIn(api.url, demo('admin'));
}, 240_000);
afterAll(() => api?.stop());

describe('schools are separate tenants', () => {
  // Two CLI processes, each starting Node and the ORM: a few seconds apiece on a loaded machine.
  it('the CLI lists both schools and refuses bad input', async () => {
    const list = await api.cli('list');
    expect(list.stdout).toMatch(/Cadenza Demo School/);
    expect(list.stdout).toMatch(/Harbour Music Academy/);
    const bad = await api.cli('create', '--name', 'X', '--time-zone', 'Nowhere/Land', '--currency', 'USD', '--locale', 'en', '--admin-email', 'a@b.example', '--admin-name', 'A', '--admin-password', 'long-enough-pw');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/time zone/);
  }, 120_000);

  it('an admin of school B sees nothing of school A', async () => {
    const me = await schoolB.get('/api/v1/me');
    expect(me.body.school).toMatchObject({ name: 'Harbour Music Academy', timeZone: 'America/New_York', currency: 'USD' });
    expect((await schoolB.get('/api/v1/users')).body.map((u: { email: string }) => u.email)).toEqual(['owner@harbour.example']);
    expect((await schoolB.get('/api/v1/students')).body).toEqual([]);
    expect((await schoolB.get('/api/v1/teachers')).body).toEqual([]);
    expect((await schoolB.get('/api/v1/families')).body).toEqual([]);
    expect((await schoolB.get('/api/v1/people?status=all')).body).toEqual({ total: 0, items: [] });
    expect((await schoolB.get('/api/v1/people?kind=staff')).body.items.map((p: { email: string }) => p.email)).toEqual(['owner@harbour.example']);
    expect((await schoolB.get('/api/v1/invitations')).body).toEqual([]);
    const trail = (await schoolB.get('/api/v1/audit-events?limit=200')).body.items as { action: string }[];
    expect(trail.every((e) => !e.action.includes('family'))).toBe(true);
    expect((await schoolB.get('/api/v1/school')).body.name).toBe('Harbour Music Academy');
  });

  it('ids of school A are not found from school B, for reads and changes', async () => {
    const students = (await schoolA.get('/api/v1/students')).body as { id: string }[];
    const families = (await schoolA.get('/api/v1/families')).body as { id: string; guardians: { userId: string }[]; children: { userId: string }[] }[];
    const users = (await schoolA.get('/api/v1/users')).body as { id: string; roles: string[] }[];
    const teacherA = users.find((u) => u.roles.includes('teacher'))?.id;
    const invitations = await schoolA.post('/api/v1/invitations', { email: 'tenant@example.org', name: 'Tenant', roles: ['teacher'] });
    const [termA] = (await schoolA.get('/api/v1/terms')).body as { id: string }[];
    const [closureA] = (await schoolA.get('/api/v1/closures')).body as { id: string }[];
    const [typeA] = (await schoolA.get('/api/v1/lesson-types')).body as { id: string }[];
    const [creditA] = (await schoolA.get('/api/v1/makeup-credits')).body as { id: string; studentId: string; originLessonId: string }[];
    expect(invitations.status).toBe(201);
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/students/${students[0].id}`],
      ['PATCH', `/api/v1/students/${students[0].id}`, { name: 'Changed by B' }],
      ['GET', `/api/v1/families/${families[0].id}`],
      ['GET', `/api/v1/users/${users[0].id}`],
      ['DELETE', `/api/v1/invitations/${invitations.body.id}`],
      ['GET', `/api/v1/users/${students[0].id}/archive-preview`],
      ['POST', `/api/v1/users/${students[0].id}/archive`, {}],
      ['POST', `/api/v1/users/${students[0].id}/restore`],
      ['PUT', `/api/v1/users/${teacherA}/roles`, { roles: ['admin'] }],
      ['POST', `/api/v1/users/${students[0].id}/personal-data-export`],
      ['POST', `/api/v1/users/${students[0].id}/erasure`, { confirmName: 'Anyone' }],
      ['PATCH', `/api/v1/families/${families[0].id}`, { name: 'Changed by B' }],
      ['POST', `/api/v1/families/${families[0].id}/children`, { childId: students[0].id }],
      ['POST', `/api/v1/families/${families[0].id}/guardians`, { userId: families[1].guardians[0].userId }],
      ['POST', `/api/v1/families/${families[0].id}/guardian-invitations`, { name: 'Cross School', email: 'cross.school.guardian@example.org' }],
      ['PATCH', `/api/v1/families/${families[0].id}/guardians/${families[0].guardians[0].userId}`, { access: [{ childId: families[0].children[0].userId, level: 'view' }] }],
      ['DELETE', `/api/v1/families/${families[0].id}/guardians/${families[0].guardians[0].userId}`],
      ['POST', `/api/v1/families/${families[0].id}/children/${families[0].children[0].userId}/move`, { toFamilyId: families[1].id }],
      ['POST', `/api/v1/students/${students[0].id}/invitation`, { email: 'cross.school@example.org' }],
      ['GET', `/api/v1/teachers/${teacherA}`],
      ['PATCH', `/api/v1/teachers/${teacherA}`, { bio: 'Changed by B' }],
      ['PATCH', `/api/v1/terms/${termA!.id}`, { name: 'Changed by B' }],
      ['DELETE', `/api/v1/terms/${termA!.id}`],
      ['POST', `/api/v1/terms/${termA!.id}/rollover/preview`, { targetTermId: termA!.id }],
      ['POST', `/api/v1/terms/${termA!.id}/rollover`, { targetTermId: termA!.id, series: [] }],
      ['PATCH', `/api/v1/closures/${closureA!.id}`, { name: 'Changed by B' }],
      ['DELETE', `/api/v1/closures/${closureA!.id}`],
      ['PATCH', `/api/v1/lesson-types/${typeA!.id}`, { name: 'Changed by B' }],
      ['DELETE', `/api/v1/lesson-types/${typeA!.id}`],
      ['POST', `/api/v1/makeup-credits/${creditA!.id}/extend`, { expiresAt: '2030-01-01T00:00:00Z', reason: 'Changed by B' }],
      ['POST', `/api/v1/makeup-credits/${creditA!.id}/void`, { reason: 'Changed by B' }],
      ['POST', `/api/v1/makeup-credits/${creditA!.id}/book`, { start: '2030-01-01T10:00:00Z', end: '2030-01-01T10:30:00Z' }],
    ];
    for (const [method, path, body] of probes) {
      const reply = await schoolB.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
    }
    const student = await schoolA.get(`/api/v1/students/${students[0].id}`);
    expect(student.body).toMatchObject({ archived: false });
    const family = (await schoolA.get(`/api/v1/families/${families[0].id}`)).body as { name: string; guardians: unknown[]; children: unknown[] };
    expect(family).toMatchObject({ guardians: families[0].guardians, children: families[0].children });
    expect(family.name).not.toBe('Changed by B');
    // Nor can school B take school A's people into a family of its own.
    const own = (await schoolB.post('/api/v1/families', { name: 'Harbour family' })).body as { id: string };
    const child = await schoolB.post(`/api/v1/families/${own.id}/children`, { childId: students[0].id });
    expect({ status: child.status, field: child.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'childId' });
    const guardian = await schoolB.post(`/api/v1/families/${own.id}/guardians`, { userId: families[0].guardians[0].userId });
    expect({ status: guardian.status, field: guardian.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'userId' });
    expect(student.body.name).not.toBe('Changed by B');
    expect((await schoolA.get('/api/v1/invitations')).body.find((i: { id: string }) => i.id === invitations.body.id)).toBeTruthy();
  });

  it('school A’s flags and its people’s messages are not found from school B, whose lead lists none of them', async () => {
    const parent = await signedIn(api.url, demo('parent1'));
    const parentId = ((await parent.get('/api/v1/me')).body as { id: string }).id;
    const thread = (await schoolA.post('/api/v1/threads', { kind: 'direct', participantIds: [parentId], subject: 'Tenancy' })).body as { id: string };
    const message = (await schoolA.post(`/api/v1/threads/${thread.id}/messages`, { body: 'A message of school A' })).body as { id: string };
    const flag = await parent.post(`/api/v1/threads/${thread.id}/messages/${message.id}/flags`, { reason: 'School A’s concern' });
    expect(flag.status).toBe(201);
    const review = await schoolB.post(`/api/v1/threads/flags/${flag.body.id}/review`, { outcome: 'no_concern', note: 'Changed by B' });
    expect({ status: review.status, code: review.body.code }).toEqual({ status: 404, code: 'MESSAGING.FLAG_NOT_FOUND' });
    expect((await schoolB.get(`/api/v1/people/${parentId}/messages`)).status).toBe(404);
    expect((await schoolB.get('/api/v1/threads/flags?status=open')).body).toEqual([]);
    const stillOpen = ((await schoolA.get('/api/v1/threads/flags?status=open')).body as { id: string }[]).map((f) => f.id);
    expect(stillOpen).toContain(flag.body.id);
    expect((await schoolA.get(`/api/v1/people/${parentId}/messages`)).body.openable.map((t: { id: string }) => t.id)).toContain(thread.id);
  });

  it('a lesson, its series and its requests of school A are not found from school B', async () => {
    const student1 = ((await schoolA.get('/api/v1/students')).body as { id: string; email: string }[]).find((s) => s.email === demo('student1'))!;
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const lessons = (await schoolA.get(`/api/v1/lessons?studentId=${student1.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { id: string; seriesId: string | null; status: string; start: string; end: string; openRequests: unknown[] }[];
    // One with no request open yet (the demo's student asks to cancel one of theirs: a second would be refused).
    const lesson = lessons.find((l) => l.seriesId && l.status === 'scheduled' && l.openRequests.length === 0);
    if (!lesson?.seriesId) throw new Error('the demo school has no series lesson of student 1 to come');
    const parent = await signedIn(api.url, demo('parent1'));
    const request = await parent.post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: lesson.id });
    expect(request.status).toBe(201);
    for (const path of [`/api/v1/lessons/${lesson.id}`, `/api/v1/lesson-series/${lesson.seriesId}`, `/api/v1/lesson-requests/${request.body.id}`]) {
      expect({ path, status: (await schoolB.get(path)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await schoolA.get(path)).status }).toEqual({ path, status: 200 });
    }
    // Nor is it decided from there, with choices or another time, and it stays open.
    const counter = { start: new Date(Date.parse(lesson.start) + 3_600_000).toISOString(), end: new Date(Date.parse(lesson.end) + 3_600_000).toISOString() };
    for (const [path, body] of [[`/api/v1/lesson-requests/${request.body.id}/approve`, { resolutions: [] }], [`/api/v1/lesson-requests/${request.body.id}/counter`, counter]] as const) {
      expect({ path, status: (await schoolB.post(path, body)).status }).toEqual({ path, status: 404 });
    }
    expect((await schoolA.get(`/api/v1/lesson-requests/${request.body.id}`)).body.status).toBe('pending');
    expect((await parent.post(`/api/v1/lesson-requests/${request.body.id}/withdraw`)).status).toBe(200);
    const changes: [string, string, unknown][] = [
      ['PATCH', `/api/v1/lessons/${lesson.id}`, { durationMinutes: 20 }],
      ['POST', `/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate: '2099-01-01', reason: 'From school B' }],
    ];
    for (const [method, path, body] of changes) {
      expect({ path, status: (await schoolB.call(method, path, body)).status }).toEqual({ path, status: 404 });
    }
    expect((await schoolA.get(`/api/v1/lessons/${lesson.id}`)).body.lesson).toMatchObject({ start: lesson.start, end: lesson.end });
  });

  it('an import of school B sees none of school A: not its run, not its students, teachers or rooms', async () => {
    const upload = async (client: Client, step: string, text: string, fields: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), 'import.csv');
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      const response = await fetch(`${api.url}/api/v1/imports/${step}`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
      return { status: response.status, body: await response.json() };
    };
    const runId = globalThis.crypto.randomUUID();
    const rooms = await upload(schoolA, 'rooms/dry-run', 'Room name,Capacity\r\nTenancy room,3\r\n', { mapping: JSON.stringify({ name: 'Room name', capacity: 'Capacity' }), runId });
    expect(rooms.body).toMatchObject({ committed: false, created: 1, problems: [] });
    expect((await schoolA.get(`/api/v1/imports/runs/${runId}/progress`)).status).toBe(200);
    expect((await schoolB.get(`/api/v1/imports/runs/${runId}/progress`)).status).toBe(404);

    const aRoom = ((await schoolA.get('/api/v1/rooms')).body as { name: string }[])[0].name;
    const aTeacher = ((await schoolA.get('/api/v1/users')).body as { email: string; roles: string[] }[]).find((u) => u.roles.includes('teacher'))!.email;
    const lessons = [
      'Student email,Teacher email,Room,Weekday,Start time,Duration (minutes),Term',
      `${demo('student1')},${aTeacher},${aRoom},Monday,16:00,30,${((await schoolA.get('/api/v1/terms')).body as { name: string }[])[0].name}`,
    ].join('\r\n');
    const mapping = JSON.stringify({ student_email: 'Student email', teacher_email: 'Teacher email', room: 'Room', weekday: 'Weekday', start_time: 'Start time', duration_minutes: 'Duration (minutes)', term: 'Term' });
    const refused = await upload(schoolB, 'lessons/dry-run', lessons, { mapping });
    expect(refused.body.problems.map((p: { field: string }) => p.field)).toEqual(['teacher_email', 'student_email', 'room', 'term']);

    // The people a run of school A created are school A's to invite: school B is told of no such import.
    const teachersRun = globalThis.crypto.randomUUID();
    const email = `tenancy.import.${teachersRun.slice(0, 8)}@example.org`;
    const teachers = await upload(schoolA, 'teachers/commit', `Name,Email\r\nTenancy Teacher,${email}\r\n`, { mapping: JSON.stringify({ name: 'Name', email: 'Email' }), runId: teachersRun });
    expect(teachers.body).toMatchObject({ committed: true, created: 1 });
    expect((await schoolB.post('/api/v1/invitations/imported', { runId: teachersRun })).status).toBe(404);
    expect((await schoolA.post('/api/v1/invitations/imported', { runId: teachersRun })).body).toMatchObject({ people: 1, sent: 1 });
  });

  it('school A’s registers are not found from school B, and its lists show none of them', async () => {
    const from = new Date(Date.now() - 7 * 24 * 3_600_000).toISOString();
    const to = new Date().toISOString();
    const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    let lessons: { lessonId: string; studentIds: string[] }[] = [];
    for (let tries = 0; tries < 100 && lessons.length === 0; tries++) {
      lessons = (await schoolA.get(`/api/v1/attendance/lessons?${period}`)).body;
      if (lessons.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const [lesson] = lessons;
    if (!lesson) throw new Error('attendance recorded no lesson of the demo school');
    // The demo school's past lessons have their registers marked: school B's probes must add nothing to their history.
    const historyBefore = (await schoolA.get(`/api/v1/attendance/lessons/${lesson.lessonId}/history`)).body;
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/attendance/lessons/${lesson.lessonId}`],
      ['GET', `/api/v1/attendance/lessons/${lesson.lessonId}/history`],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/marks`, { marks: [{ studentId: lesson.studentIds[0], status: 'present' }], reason: 'Probing' }],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/start`],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/end`],
    ];
    for (const [method, path, body] of probes) {
      const reply = await schoolB.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
    }
    expect((await schoolB.get(`/api/v1/attendance/lessons?${period}`)).body).toEqual([]);
    expect((await schoolA.get(`/api/v1/attendance/lessons/${lesson.lessonId}/history`)).body).toEqual(historyBefore);
    expect((await schoolB.patch('/api/v1/attendance/settings', { markingWindowDays: 1 })).status).toBe(200);
    expect((await schoolA.get('/api/v1/attendance/settings')).body.markingWindowDays).toBe(7);
  });

  it('school A’s students’ assignments, practice and progress are not found from school B, whose scale is its own', async () => {
    const [student] = (await schoolA.get('/api/v1/students')).body as { id: string }[];
    const levelA = ((await schoolA.get('/api/v1/practice/scale')).body as { levels: { id: string }[] }).levels[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/practice/students/${student!.id}/assignments`],
      ['POST', `/api/v1/practice/students/${student!.id}/assignments`, { title: 'Probe', dueOn: '2099-01-01' }],
      ['GET', `/api/v1/practice/students/${student!.id}/logs`],
      ['GET', `/api/v1/practice/students/${student!.id}/progress`],
      ['POST', `/api/v1/practice/students/${student!.id}/achievements`, { levelId: levelA, achievedOn: '2026-01-01' }],
      ['POST', `/api/v1/practice/students/${student!.id}/targets`, { description: 'Probe', dueOn: '2099-01-01' }],
    ];
    for (const [method, path, body] of probes) {
      const reply = await schoolB.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
    }
    expect((await schoolB.get('/api/v1/practice/scale')).body).toEqual({ name: 'Levels', levels: [] });
  });

  it('school A’s reports count none of school B’s records, and school B’s none of A’s', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(-28)}&to=${day(7)}`;
    const aRooms = (await schoolA.get(`/api/v1/reports/room-utilisation?${period}`)).body.rooms as { roomId: string }[];
    expect(aRooms.length).toBeGreaterThan(0);
    const aRoom = aRooms[0]!.roomId;
    expect((await schoolA.get(`/api/v1/reports/lessons?${period}&roomId=${aRoom}`)).body.total).toBeGreaterThan(0);
    expect((await schoolB.get(`/api/v1/reports/room-utilisation?${period}&roomId=${aRoom}`)).body.rooms).toEqual([]);
    expect((await schoolB.get(`/api/v1/reports/lessons?${period}&roomId=${aRoom}`)).body.total).toBe(0);
    expect((await schoolB.get(`/api/v1/reports/attendance?${period}&by=student`)).body.rows).toEqual([]);
    expect((await schoolB.get(`/api/v1/reports/teacher-hours?${period}`)).body.rows).toEqual([]);
    expect((await schoolB.get(`/api/v1/reports/students-at-risk?${period}`)).body.rows).toEqual([]);
    const aTeacher = ((await schoolA.get(`/api/v1/reports/teacher-hours?${period}`)).body.rows as { teacherId: string }[])[0]!.teacherId;
    expect((await schoolB.get(`/api/v1/reports/attendance?${period}&teacherId=${aTeacher}`)).body.rows).toEqual([]);
    expect((await schoolA.get(`/api/v1/reports/teachers/${aTeacher}/figures?${period}`)).body.weeks.length).toBeGreaterThan(0);
    expect((await schoolB.get(`/api/v1/reports/teachers/${aTeacher}/figures?${period}`)).body).toMatchObject({ weeks: [], hours: [], totals: { lessons: 0 } });
  });

  it('school A’s invoices, billing accounts and rates are not found from school B, which lists none of them and cannot price A’s lesson types', async () => {
    const schoolId = (await schoolA.get('/api/v1/me')).body.school.id as string;
    const [family] = (await schoolA.get('/api/v1/families')).body as DemoFamily[];
    const { invoiceId, accountId } = await draftInvoiceFor(api, schoolId, family!);
    const [type] = (await schoolA.get('/api/v1/lesson-types')).body as { id: string }[];
    const rate = await schoolA.post('/api/v1/billing/rates', { lessonTypeId: type!.id, durationMinutes: 50, price: { minor: 2000, currency: 'GBP' } });
    expect(rate.status).toBe(201);
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/v1/invoices/${invoiceId}`],
      ['GET', `/api/v1/invoices/${invoiceId}/pdf`],
      ['GET', `/api/v1/billing/accounts/${accountId}`],
      ['PATCH', `/api/v1/billing/rates/${rate.body.id}`, { price: { minor: 1, currency: 'USD' } }],
      ['DELETE', `/api/v1/billing/rates/${rate.body.id}`],
      ['GET', `/api/v1/invoices/${invoiceId}/payments`],
      ['GET', `/api/v1/invoices/${invoiceId}/payment-options`],
      ['POST', `/api/v1/invoices/${invoiceId}/payments`, { method: 'cash', amount: { minor: 100, currency: 'GBP' } }],
      ['POST', `/api/v1/invoices/${invoiceId}/refunds`, { paymentId: invoiceId, amount: { minor: 100, currency: 'GBP' } }],
    ];
    for (const [method, path, body] of probes) {
      const reply = await schoolB.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 404 });
    }
    expect((await schoolB.get('/api/v1/invoices')).body).toEqual([]);
    expect((await schoolB.get(`/api/v1/invoices?familyId=${family!.id}`)).body).toEqual([]);
    expect((await schoolB.get('/api/v1/billing/accounts')).body).toEqual([]);
    expect((await schoolB.get('/api/v1/billing/rates')).body).toEqual([]);
    const priced = await schoolB.post('/api/v1/billing/rates', { lessonTypeId: type!.id, price: { minor: 2000, currency: 'USD' } });
    expect({ status: priced.status, field: priced.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'lessonTypeId' });
    expect((await schoolB.put('/api/v1/billing/settings', { chargeBasis: 'delivered', taxBasisPoints: 500, siblingDiscountBasisPoints: 0, dueDays: 30 })).status).toBe(200);
    expect((await schoolA.get('/api/v1/billing/settings')).body).toMatchObject({ chargeBasis: 'in_advance', dueDays: 14 });
    expect((await schoolA.get(`/api/v1/invoices/${invoiceId}`)).body.id).toBe(invoiceId);
    expect((await schoolA.get(`/api/v1/billing/rates`)).body.map((r: { id: string }) => r.id)).toContain(rate.body.id);
    // A run is the school's: school B's run of the same month is its own, and lists none of A's accounts.
    const runA = await schoolA.post('/api/v1/billing/runs', { period: '2031-03' });
    expect(runA.body.created).toBe(true);
    expect((await schoolB.get('/api/v1/billing/runs/2031-03')).status).toBe(404);
    expect((await schoolB.get('/api/v1/billing/runs')).body).toEqual([]);
    const runB = await schoolB.post('/api/v1/billing/runs', { period: '2031-03' });
    expect(runB.body).toMatchObject({ created: true, run: { accounts: ((await schoolB.get('/api/v1/families')).body as unknown[]).length } });
    expect(runB.body.run.id).not.toBe(runA.body.run.id);
  });

  it('a student school B records is school B’s alone', async () => {
    const created = await schoolB.post('/api/v1/students', { name: 'Harbour Child', dateOfBirth: '2016-01-01', medicalNotes: 'B only.' });
    expect(created.status).toBe(201);
    expect((await schoolB.get('/api/v1/students')).body.map((s: { id: string }) => s.id)).toEqual([created.body.id]);
    expect((await schoolA.get(`/api/v1/students/${created.body.id}`)).status).toBe(404);
    expect((await schoolA.patch(`/api/v1/students/${created.body.id}`, { level: 'Grade 1' })).status).toBe(404);
    expect((await schoolA.post(`/api/v1/students/${created.body.id}/invitation`, { email: 'harbour.child@example.org' })).status).toBe(404);
    expect((await schoolA.get('/api/v1/students')).body.some((s: { id: string }) => s.id === created.body.id)).toBe(false);
  });

  it('a calendar feed of school B holds none of school A’s lessons, and each school’s feeds are its own', async () => {
    const eventsIn = async (url: string) => {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      return (await response.text()).split('BEGIN:VEVENT').length - 1;
    };
    const b = await schoolB.post('/api/v1/me/calendar-feed');
    expect(b.status).toBe(201);
    expect((await schoolA.get('/api/v1/me/calendar-feed')).body).toEqual({ exists: false, createdAt: null });
    const teacherA = await signedIn(api.url, demo('teacher1'));
    const taught = await teacherA.post('/api/v1/me/calendar-feed');
    // The feed's copy of the lessons follows scheduling's events: the demo's teacher's come in as they are read.
    const deadline = Date.now() + 60_000;
    while ((await eventsIn(taught.body.url)) === 0) {
      if (Date.now() > deadline) throw new Error('teacher A’s feed stayed empty');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await eventsIn(b.body.url)).toBe(0);
    expect((await schoolB.get('/api/v1/me/calendar-feed')).body.createdAt).toBe(b.body.createdAt);
  });

  it('a Google Calendar connection is its school’s: school B’s teacher cannot finish school A’s consent, nor reads A’s connection', async () => {
    const teacherA = await signedIn(api.url, demo('teacher1'));
    const started = await teacherA.post('/api/v1/me/google-calendar/connect');
    expect(started.status).toBe(200);
    // The api's own Google fake consents at once and sends the browser back with the code and the state.
    const back = new URL((await fetch(started.body.url, { redirect: 'manual' })).headers.get('location') ?? '');
    const answer = { code: back.searchParams.get('code'), state: back.searchParams.get('state') };
    const owner = (await schoolB.get('/api/v1/me')).body as { id: string };
    expect((await schoolB.put(`/api/v1/users/${owner.id}/roles`, { roles: ['admin', 'teacher'] })).status).toBe(200);
    const teacherB = await signedIn(api.url, 'owner@harbour.example', 'harbour-password');
    const stolen = await teacherB.post('/api/v1/me/google-calendar/callback', answer);
    expect({ status: stolen.status, code: stolen.body.code }).toEqual({ status: 400, code: 'CALENDAR_SYNC.UNKNOWN_STATE' });
    expect((await teacherA.post('/api/v1/me/google-calendar/callback', answer)).body).toMatchObject({ connected: true, account: demo('teacher1') });
    expect((await teacherB.get('/api/v1/me/google-calendar')).body).toMatchObject({ connected: false });
    expect((await teacherB.get('/api/v1/me/google-calendar/calendars')).status).toBe(404);
    expect((await teacherB.call('DELETE', '/api/v1/me/google-calendar')).status).toBe(404);
    expect((await teacherA.get('/api/v1/me/google-calendar')).body).toMatchObject({ connected: true, status: 'active' });
  });

  it('settings changed in school B leave school A alone', async () => {
    expect((await schoolB.patch('/api/v1/school', { name: 'Harbour Academy' })).status).toBe(200);
    expect((await schoolA.get('/api/v1/school')).body.name).toBe('Cadenza Demo School');
  });
});
