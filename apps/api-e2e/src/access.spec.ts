import { pdfText, startApiProcess, withClient, type ApiProcess } from '@cadenza/server/testing';
import { Client, demo, signedIn } from './support/client.js';
import { sleep } from './support/waiting.js';
import { followed } from './support/practice.js';
import { draftInvoiceFor, familyOf, issue } from './support/billing.js';

let api: ApiProcess;
beforeAll(async () => {
  api = await startApiProcess();
}, 60_000);
afterAll(() => api?.stop());

describe('every route declares who may call it', () => {
  it('lists an access rule on every operation of the API', async () => {
    const doc = (await new Client(api.url).get('/api/docs-json')).body as { paths: Record<string, Record<string, { 'x-access'?: unknown }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, access: op['x-access'] })));
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => !o.access).map((o) => o.route)).toEqual([]);
  });

  it('documents for each operation the roles its guard admits: availability is the staff’s', async () => {
    const doc = (await new Client(api.url).get('/api/docs-json')).body as { paths: Record<string, Record<string, { 'x-access'?: { roles?: string[] } }>> };
    expect(doc.paths['/api/v1/availability/{personId}']?.['get']?.['x-access']?.roles).toEqual(['admin', 'teacher', 'accompanist']);
    const admin = await signedIn(api.url, demo('admin'));
    const teacher = ((await admin.get('/api/v1/teachers')).body as { id: string }[])[0]!;
    for (const who of ['parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).get(`/api/v1/availability/${teacher.id}`);
      expect({ who, status: reply.status, code: reply.body.code }).toEqual({ who, status: 403, code: 'ACCESS.FORBIDDEN' });
    }
    for (const who of ['admin', 'teacher1', 'accompanist']) {
      const reply = await (await signedIn(api.url, demo(who))).get(`/api/v1/availability/${teacher.id}`);
      expect({ who, status: reply.status }).toEqual({ who, status: 200 });
    }
  }, 60_000);
});

describe('roles', () => {
  const adminOnly: [string, string, unknown?][] = [
    ['GET', '/api/v1/users'],
    ['GET', '/api/v1/invitations'],
    ['GET', '/api/v1/audit-events'],
    ['PATCH', '/api/v1/school', { name: 'Renamed' }],
    // Leaving and returning: any id will do, the role is refused before the person is looked for.
    ['GET', '/api/v1/users/00000000-0000-4000-8000-000000000000/archive-preview'],
    ['POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/archive', {}],
    ['POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/restore'],
    ['PUT', '/api/v1/users/00000000-0000-4000-8000-000000000000/roles', { roles: ['teacher'] }],
    // Data protection: exports and erasures are admins' only.
    ['POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/personal-data-export'],
    ['POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/erasure', { confirmName: 'Anyone' }],
    ['GET', '/api/v1/imports/kinds'],
    ['GET', '/api/v1/imports/templates/families.csv'],
    ['POST', '/api/v1/imports/families/preview', {}],
    ['POST', '/api/v1/imports/families/dry-run', {}],
    ['POST', '/api/v1/imports/families/commit', {}],
    ['GET', '/api/v1/imports/runs/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/progress'],
    ['POST', '/api/v1/invitations/imported', { runId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }],
    // A person's messages in summary, and reviewing a flag (the lead's, who is an admin).
    ['GET', '/api/v1/people/00000000-0000-4000-8000-000000000000/messages'],
    ['POST', '/api/v1/threads/flags/00000000-0000-4000-8000-000000000000/review', { outcome: 'no_concern', note: 'x' }],
    // Families are kept by admins; their members only read them.
    ['POST', '/api/v1/families', { name: 'Ours now' }],
    ['PATCH', '/api/v1/families/00000000-0000-4000-8000-000000000000', { name: 'Ours now' }],
    ['POST', '/api/v1/families/00000000-0000-4000-8000-000000000000/guardians', { userId: '00000000-0000-4000-8000-000000000000' }],
    ['PATCH', '/api/v1/families/00000000-0000-4000-8000-000000000000/guardians/00000000-0000-4000-8000-000000000000', { access: [{ childId: '00000000-0000-4000-8000-000000000000', level: 'full' }] }],
    ['DELETE', '/api/v1/families/00000000-0000-4000-8000-000000000000/guardians/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/v1/families/00000000-0000-4000-8000-000000000000/children', { childId: '00000000-0000-4000-8000-000000000000' }],
    ['POST', '/api/v1/families/00000000-0000-4000-8000-000000000000/guardian-invitations', { name: 'Not Invited', email: 'not.invited.guardian@example.org' }],
    ['POST', '/api/v1/families/00000000-0000-4000-8000-000000000000/children/00000000-0000-4000-8000-000000000000/move', { toFamilyId: '00000000-0000-4000-8000-000000000000' }],
    ['POST', '/api/v1/students', { name: 'Not Created', dateOfBirth: '2015-01-01' }],
    ['POST', '/api/v1/students/00000000-0000-4000-8000-000000000000/invitation', { email: 'not.invited@example.org' }],
    // The school's calendar settings are kept by its admins.
    ['PATCH', '/api/v1/terms/00000000-0000-4000-8000-000000000000', { name: 'Ours now' }],
    ['DELETE', '/api/v1/terms/00000000-0000-4000-8000-000000000000'],
    ['POST', '/api/v1/terms/00000000-0000-4000-8000-000000000000/rollover/preview', { targetTermId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }],
    ['POST', '/api/v1/terms/00000000-0000-4000-8000-000000000000/rollover', { targetTermId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', series: [] }],
    ['PATCH', '/api/v1/closures/00000000-0000-4000-8000-000000000000', { name: 'Ours now' }],
    ['DELETE', '/api/v1/closures/00000000-0000-4000-8000-000000000000'],
    ['PATCH', '/api/v1/lesson-types/00000000-0000-4000-8000-000000000000', { name: 'Ours now' }],
    ['DELETE', '/api/v1/lesson-types/00000000-0000-4000-8000-000000000000'],
    // Makeup credits are granted, extended and voided by admins.
    ['POST', '/api/v1/makeup-credits', { studentId: '00000000-0000-4000-8000-000000000000', originLessonId: '00000000-0000-4000-8000-000000000000', reason: 'Ours now' }],
    ['POST', '/api/v1/makeup-credits/00000000-0000-4000-8000-000000000000/extend', { expiresAt: '2030-01-01T00:00:00Z', reason: 'Ours now' }],
    ['POST', '/api/v1/makeup-credits/00000000-0000-4000-8000-000000000000/void', { reason: 'Ours now' }],
    // The school's reports are its admins'.
    ['GET', '/api/v1/reports/room-utilisation?from=2026-09-01&to=2026-09-30'],
    ['GET', '/api/v1/reports/attendance?from=2026-09-01&to=2026-09-30'],
    ['GET', '/api/v1/reports/students-at-risk?from=2026-09-01&to=2026-09-30'],
    ['GET', '/api/v1/reports/teacher-hours?from=2026-09-01&to=2026-09-30&format=csv'],
    ['GET', '/api/v1/reports/lessons?from=2026-09-01&to=2026-09-30'],
    // Billing's settings and rates are the admins'.
    ['GET', '/api/v1/billing/settings'],
    ['PUT', '/api/v1/billing/settings', { chargeBasis: 'delivered', taxBasisPoints: 0, siblingDiscountBasisPoints: 0, dueDays: 14 }],
    ['GET', '/api/v1/billing/rates'],
    ['POST', '/api/v1/billing/rates', { lessonTypeId: '00000000-0000-4000-8000-000000000000', price: { minor: 100, currency: 'GBP' } }],
    ['PATCH', '/api/v1/billing/rates/00000000-0000-4000-8000-000000000000', { price: { minor: 100, currency: 'GBP' } }],
    ['DELETE', '/api/v1/billing/rates/00000000-0000-4000-8000-000000000000'],
    // Payments recorded by hand and refunds are the admins'.
    ['POST', '/api/v1/invoices/00000000-0000-4000-8000-000000000000/payments', { method: 'cash', amount: { minor: 100, currency: 'GBP' } }],
    ['POST', '/api/v1/invoices/00000000-0000-4000-8000-000000000000/refunds', { paymentId: '00000000-0000-4000-8000-000000000000', amount: { minor: 100, currency: 'GBP' } }],
    ['POST', '/api/v1/billing/runs/preview', { period: '2027-01' }],
    ['POST', '/api/v1/billing/runs', { period: '2027-01' }],
    ['GET', '/api/v1/billing/runs'],
    ['GET', '/api/v1/billing/runs/2027-01'],
  ];
  it.each(['teacher1', 'accompanist', 'student1', 'parent1'])('refuses admin-only routes to %s', async (who) => {
    const client = await signedIn(api.url, demo(who));
    for (const [method, path, body] of adminOnly) {
      const reply = await client.call(method, path, body);
      expect({ route: `${method} ${path}`, status: reply.status }).toEqual({ route: `${method} ${path}`, status: 403 });
    }
  });

  it('lets an admin change the school settings, validated and audited', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    expect((await admin.patch('/api/v1/school', { timeZone: 'Mars/Base' })).status).toBe(400);
    const changed = await admin.patch('/api/v1/school', { idleTimeoutMinutes: 60 });
    expect(changed.status).toBe(200);
    expect(changed.body.idleTimeoutMinutes).toBe(60);
    const trail = await admin.get('/api/v1/audit-events?action=identity.school.updated');
    expect(trail.body.items[0]).toMatchObject({ before: { idleTimeoutMinutes: 120 }, after: { idleTimeoutMinutes: 60 } });
  });
});

describe('a teacher’s own figures', () => {
  it('are their own: another teacher’s are a 404, students, parents and accompanists are refused, admins read any', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    const figures = (teacher: string) => `/api/v1/reports/teachers/${idOf(teacher)}/figures?from=2026-09-01&to=2026-09-30`;
    const teacher1 = await signedIn(api.url, demo('teacher1'));
    expect((await teacher1.get(figures('teacher1'))).status).toBe(200);
    expect((await teacher1.get(figures('teacher2'))).status).toBe(404);
    expect((await teacher1.get(`/api/v1/reports/teachers/00000000-0000-4000-8000-000000000000/figures?from=2026-09-01&to=2026-09-30`)).status).toBe(404);
    for (const who of ['accompanist', 'student1', 'parent1']) {
      const reply = await (await signedIn(api.url, demo(who))).get(figures('teacher1'));
      expect({ who, status: reply.status }).toEqual({ who, status: 403 });
    }
    expect((await admin.get(figures('teacher2'))).status).toBe(200);
  });
});

describe('people, teachers and families', () => {
  it('refuses a teacher’s profile change to anyone but admins and themself, the people list to families, and another family’s page', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    for (const who of ['teacher1', 'accompanist', 'parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).patch(`/api/v1/teachers/${idOf('teacher2')}`, { bio: 'Not theirs to write' });
      expect({ who, status: reply.status }).toEqual({ who, status: 403 });
    }
    for (const who of ['parent1', 'student1', 'accompanist']) {
      const reply = await (await signedIn(api.url, demo(who))).get('/api/v1/people');
      expect({ who, status: reply.status }).toEqual({ who, status: 403 });
    }
    const families = (await admin.get('/api/v1/families')).body as { id: string; guardians: { userId: string }[]; children: { userId: string }[] }[];
    const other = families.find((f) => !f.guardians.some((g) => g.userId === idOf('parent1')) && !f.children.some((c) => c.userId === idOf('student1')))!;
    for (const who of ['parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).get(`/api/v1/families/${other.id}`);
      expect({ who, status: reply.status }).toEqual({ who, status: 404 });
    }
  }, 60_000);
});

describe('families', () => {
  it('refuses every change of a family, their own included, to its guardian, its child and the staff who are not admins (403), with the family unchanged', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    type Family = { id: string; name: string; payerId: string | null; guardians: { userId: string }[]; children: { userId: string; access: unknown[] }[] };
    const families = (await admin.get('/api/v1/families')).body as Family[];
    const own = families.find((f) => f.guardians.some((g) => g.userId === idOf('parent1')))!;
    const other = families.find((f) => f.id !== own.id && f.children.length > 0)!;
    const [guardian, child, otherChild] = [idOf('parent1'), own.children[0]!.userId, other.children[0]!.userId];
    const changes: [string, string, unknown?][] = [
      ['POST', '/api/v1/families', { name: 'Ours now' }],
      ['PATCH', `/api/v1/families/${own.id}`, { name: 'Ours now' }],
      ['PATCH', `/api/v1/families/${own.id}`, { payerId: guardian }],
      ['POST', `/api/v1/families/${own.id}/guardians`, { userId: idOf('parent3'), level: 'full' }],
      ['POST', `/api/v1/families/${own.id}/guardian-invitations`, { name: 'Not Invited', email: 'own.family.guardian@example.org' }],
      ['PATCH', `/api/v1/families/${own.id}/guardians/${guardian}`, { access: [{ childId: child, level: 'view' }] }],
      ['DELETE', `/api/v1/families/${own.id}/guardians/${guardian}`],
      ['POST', `/api/v1/families/${own.id}/children`, { childId: otherChild }],
      ['POST', `/api/v1/families/${own.id}/children/${child}/move`, { toFamilyId: other.id }],
      ['POST', `/api/v1/families/${other.id}/children/${otherChild}/move`, { toFamilyId: own.id }],
    ];
    for (const who of ['parent1', 'student1', 'teacher1', 'accompanist']) {
      const client = await signedIn(api.url, demo(who));
      for (const [method, path, body] of changes) {
        const reply = await client.call(method, path, body);
        expect({ who, route: `${method} ${path}`, status: reply.status }).toEqual({ who, route: `${method} ${path}`, status: 403 });
      }
    }
    const after = (await admin.get('/api/v1/families')).body as Family[];
    expect(after.find((f) => f.id === own.id)).toEqual(own);
    expect(after.find((f) => f.id === other.id)).toEqual(other);
    expect(after).toHaveLength(families.length);
  }, 90_000);

  it('answers a family another family’s page, children and their profiles as not found (404), and a student any change to them as forbidden', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    type Family = { id: string; guardians: { userId: string }[]; children: { userId: string }[] };
    const families = (await admin.get('/api/v1/families')).body as Family[];
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    const theirs = (f: Family, ids: string[]) => f.guardians.some((g) => ids.includes(g.userId)) || f.children.some((c) => ids.includes(c.userId));
    for (const who of ['parent1', 'student1', 'parent2', 'student3']) {
      const client = await signedIn(api.url, demo(who));
      expect(((await client.get('/api/v1/families')).body as Family[]).every((f) => theirs(f, [idOf(who)]))).toBe(true);
      const mine = families.filter((f) => theirs(f, [idOf(who)])).map((f) => f.id);
      expect(mine.length).toBeGreaterThan(0);
      const others = families.filter((f) => !mine.includes(f.id));
      for (const family of others.slice(0, 3)) {
        for (const path of [`/api/v1/families/${family.id}`, ...family.children.map((c) => `/api/v1/students/${c.userId}`)]) {
          expect({ who, path, status: (await client.get(path)).status }).toEqual({ who, path, status: 404 });
        }
        // A guardian may change a child's details, so another family's child is not found; a student may change none (403).
        const refusal = who.startsWith('parent') ? 404 : 403;
        for (const c of family.children) expect({ who, child: c.userId, status: (await client.patch(`/api/v1/students/${c.userId}`, { name: 'Not theirs' })).status }).toEqual({ who, child: c.userId, status: refusal });
      }
    }
  }, 90_000);

  it('a parent sees only their own children; other students are not found', async () => {
    const parent = await signedIn(api.url, demo('parent1'));
    const mine = await parent.get('/api/v1/students');
    expect(mine.body.map((s: { email: string }) => s.email).sort()).toEqual([demo('student1'), demo('student2')]);
    const admin = await signedIn(api.url, demo('admin'));
    const all = (await admin.get('/api/v1/students')).body as { id: string; email: string }[];
    // 40 students and a young child without a sign-in; the one who left is not listed.
    expect(all).toHaveLength(41);
    const other = all.find((s) => s.email === demo('student9'))!;
    expect((await parent.get(`/api/v1/students/${other.id}`)).status).toBe(404);
    expect((await parent.patch(`/api/v1/students/${other.id}`, { name: 'Hijacked' })).status).toBe(404);
    const families = await parent.get('/api/v1/families');
    expect(families.body).toHaveLength(1);
  });

  it('everyone in the school sees who teaches there, by name and teaching role only', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const users = (await admin.get('/api/v1/users')).body as { id: string; name: string; roles: string[] }[];
    const teaching = users.filter((u) => u.roles.includes('teacher') || u.roles.includes('accompanist'));
    expect(teaching.length).toBeGreaterThan(1);
    for (const who of ['parent1', 'student3', 'teacher1', 'accompanist', 'admin']) {
      const reply = await (await signedIn(api.url, demo(who))).get('/api/v1/teachers');
      expect({ who, status: reply.status }).toEqual({ who, status: 200 });
      const listed = reply.body as { id: string; name: string; roles: string[] }[];
      expect(listed.map((t) => t.id).sort()).toEqual(teaching.map((u) => u.id).sort());
      for (const t of listed) {
        expect(Object.keys(t).sort()).toEqual(['id', 'name', 'roles']);
        expect(t.name).toBe(teaching.find((u) => u.id === t.id)?.name);
        expect(t.roles.length).toBeGreaterThan(0);
        expect(t.roles.every((r) => r === 'teacher' || r === 'accompanist')).toBe(true);
      }
    }
    expect((await new Client(api.url).get('/api/v1/teachers')).status).toBe(401);
  });

  it('keeps one’s calendar feed one’s own: the feed route needs its token only, /me/calendar-feed a session', async () => {
    const anonymous = new Client(api.url);
    expect((await anonymous.get('/api/v1/me/calendar-feed')).status).toBe(401);
    expect((await anonymous.post('/api/v1/me/calendar-feed')).status).toBe(401);
    expect((await anonymous.get(`/api/v1/calendar/feeds/${'x'.repeat(43)}.ics`)).status).toBe(404);
    for (const who of ['admin', 'teacher1', 'accompanist', 'student1', 'parent1']) {
      const client = await signedIn(api.url, demo(who));
      expect({ who, status: (await client.get('/api/v1/me/calendar-feed')).status }).toEqual({ who, status: 200 });
    }
  });

  it('keeps Google Calendar connections to teachers and accompanists, each their own: families and admins who teach nothing are refused', async () => {
    const routes = [
      ['GET', '/api/v1/me/google-calendar'],
      ['POST', '/api/v1/me/google-calendar/connect'],
      ['POST', '/api/v1/me/google-calendar/callback', { code: 'x', state: 'y'.repeat(43) }],
      ['GET', '/api/v1/me/google-calendar/calendars'],
      ['PUT', '/api/v1/me/google-calendar/calendars', { busyCalendarIds: [], writeCalendarId: 'x' }],
      ['DELETE', '/api/v1/me/google-calendar'],
    ] as const;
    const anonymous = new Client(api.url);
    for (const [method, path, body] of routes) expect({ method, path, status: (await anonymous.call(method, path, body)).status }).toEqual({ method, path, status: 401 });
    for (const who of ['admin', 'parent1', 'student1']) {
      const client = await signedIn(api.url, demo(who));
      for (const [method, path, body] of routes) {
        const reply = await client.call(method, path, body);
        expect({ who, method, path, status: reply.status }).toEqual({ who, method, path, status: 403 });
      }
    }
    // Nothing names another person's connection: a teacher reads their own only (none yet: not connected, 404 to list).
    for (const who of ['teacher1', 'accompanist']) {
      const client = await signedIn(api.url, demo(who));
      expect({ who, body: (await client.get('/api/v1/me/google-calendar')).body.connected }).toEqual({ who, body: false });
      expect({ who, status: (await client.get('/api/v1/me/google-calendar/calendars')).status }).toEqual({ who, status: 404 });
    }
  });

  it('view access reads but cannot change; full access can', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const all = (await admin.get('/api/v1/students')).body as { id: string; email: string }[];
    // The fifth family's guardian has view access only; its child is student 9.
    const viewer = await signedIn(api.url, demo('parent5'));
    const child = all.find((s) => s.email === demo('student9'))!;
    expect((await viewer.get(`/api/v1/students/${child.id}`)).status).toBe(200);
    const refused = await viewer.patch(`/api/v1/students/${child.id}`, { name: 'New Name' });
    expect(refused.status).toBe(403);
    const full = await signedIn(api.url, demo('parent1'));
    const own = all.find((s) => s.email === demo('student2'))!;
    const changed = await full.patch(`/api/v1/students/${own.id}`, { dateOfBirth: '2015-05-04' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ dateOfBirth: '2015-05-04', minor: true });
    expect((await full.patch(`/api/v1/students/${own.id}`, { dateOfBirth: '2999-01-01' })).status).toBe(400);
  });
});

describe('one lesson, its series and its requests', () => {
  it('lets the lesson’s audience read it (families only their own part), and answers 404 to another family and another teacher', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const students = (await admin.get('/api/v1/students')).body as { id: string; email: string }[];
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string; roles: string[] }[];
    const student1 = students.find((s) => s.email === demo('student1'))!;
    const student9 = students.find((s) => s.email === demo('student9'))!;
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const listed = (await admin.get(`/api/v1/lessons?studentId=${student1.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { id: string; seriesId: string | null; teacherId: string; studentIds: string[]; openRequests: unknown[] }[];
    // One with no request open yet (the demo's student asks to cancel one of theirs: a second would be refused).
    const lesson = listed.find((l) => l.seriesId && !l.studentIds.includes(student9.id) && l.openRequests.length === 0);
    if (!lesson?.seriesId) throw new Error('the demo school has no series lesson of student 1 to come');
    const teacher = users.find((u) => u.id === lesson.teacherId)!;
    const stranger = users.find((u) => u.roles.includes('teacher') && u.id !== lesson.teacherId && u.email.startsWith('teacher'))!;

    const parent = await signedIn(api.url, demo('parent1'));
    const asked = await parent.post('/api/v1/lesson-requests', { kind: 'cancellation', lessonId: lesson.id, message: 'Exam week' });
    expect(asked.status).toBe(201);
    const readers = { admin, teacher: await signedIn(api.url, teacher.email), student1: await signedIn(api.url, demo('student1')), parent1: parent };
    for (const [who, client] of Object.entries(readers)) {
      const detail = await client.get(`/api/v1/lessons/${lesson.id}`);
      expect({ who, status: detail.status }).toEqual({ who, status: 200 });
      const family = who === 'student1' || who === 'parent1';
      expect(detail.body.lesson.studentIds).toEqual(family ? [student1.id] : lesson.studentIds);
      expect(detail.body.series.id).toBe(lesson.seriesId);
      expect(detail.body.requests.map((r: { id: string }) => r.id)).toContain(asked.body.id);
      expect(detail.body.people).toEqual(expect.arrayContaining([expect.objectContaining({ id: lesson.teacherId })]));
      expect(detail.body.history === null).toBe(family);
      expect(detail.body.canChange).toBe(who === 'admin' || who === 'teacher');
      expect({ who, status: (await client.get(`/api/v1/lesson-series/${lesson.seriesId}`)).status }).toEqual({ who, status: 200 });
      expect({ who, status: (await client.get(`/api/v1/lesson-requests/${asked.body.id}`)).status }).toEqual({ who, status: 200 });
    }
    expect((await admin.get(`/api/v1/lessons/${lesson.id}`)).body.history.map((h: { action: string }) => h.action)).toContain('scheduling.series.created');
    const outsiders = { parent5: await signedIn(api.url, demo('parent5')), student9: await signedIn(api.url, demo('student9')), otherTeacher: await signedIn(api.url, stranger.email) };
    for (const [who, client] of Object.entries(outsiders)) {
      for (const path of [`/api/v1/lessons/${lesson.id}`, `/api/v1/lesson-series/${lesson.seriesId}`, `/api/v1/lesson-requests/${asked.body.id}`]) {
        expect({ who, path, status: (await client.get(path)).status }).toEqual({ who, path, status: 404 });
      }
    }
    const bad = await admin.get('/api/v1/lessons/not-a-lesson');
    expect({ status: bad.status, field: bad.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'id' });
    expect((await parent.post(`/api/v1/lesson-requests/${asked.body.id}/withdraw`)).status).toBe(200);
    expect((await admin.get(`/api/v1/lessons/${lesson.id}`)).body.requests.map((r: { id: string }) => r.id)).not.toContain(asked.body.id);
  }, 120_000);

  it('lets admins and the lesson’s teacher edit it and end its series (bad input named, families 403, another teacher 403), and keeps the change in its history', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const students = (await admin.get('/api/v1/students')).body as { id: string; email: string }[];
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string; roles: string[] }[];
    const student2 = students.find((s) => s.email === demo('student2'))!;
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const listed = (await admin.get(`/api/v1/lessons?studentId=${student2.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { id: string; seriesId: string | null; teacherId: string; start: string; end: string }[];
    const lesson = listed.find((l) => l.seriesId);
    if (!lesson?.seriesId) throw new Error('the demo school has no series lesson of student 2 to come');
    const teacher = await signedIn(api.url, users.find((u) => u.id === lesson.teacherId)!.email);
    const stranger = users.find((u) => u.roles.includes('teacher') && u.id !== lesson.teacherId && u.email.startsWith('teacher'))!;
    const minutes = (Date.parse(lesson.end) - Date.parse(lesson.start)) / 60_000;
    const lastDate = lesson.start.slice(0, 10);
    for (const who of ['student2', 'parent1']) {
      const family = await signedIn(api.url, demo(who));
      expect({ who, status: (await family.patch(`/api/v1/lessons/${lesson.id}`, { durationMinutes: minutes - 5 })).status }).toEqual({ who, status: 403 });
      expect({ who, status: (await family.post(`/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate, reason: 'Ours' })).status }).toEqual({ who, status: 403 });
    }
    const other = await signedIn(api.url, stranger.email);
    expect((await other.patch(`/api/v1/lessons/${lesson.id}`, { durationMinutes: minutes - 5 })).status).toBe(403);
    expect((await other.post(`/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate, reason: 'Not mine' })).status).toBe(403);
    const bad: [string, string, unknown, string][] = [
      ['PATCH', `/api/v1/lessons/${lesson.id}`, { durationMinutes: 2 }, 'durationMinutes'],
      ['PATCH', `/api/v1/lessons/${lesson.id}`, { studentIds: [] }, 'studentIds'],
      ['PATCH', `/api/v1/lessons/${lesson.id}`, { accompanistId: student2.id }, 'accompanistId'],
      ['PATCH', `/api/v1/lessons/${lesson.id}`, {}, 'lessonId'],
      ['POST', `/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate: 'soon', reason: 'x' }, 'lastDate'],
      ['POST', `/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate: '2000-01-01', reason: 'x' }, 'lastDate'],
      ['POST', `/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate }, 'reason'],
    ];
    for (const [method, path, body, field] of bad) {
      const reply = await teacher.call(method, path, body);
      expect({ body, status: reply.status, field: reply.body.errors?.[0]?.field }).toEqual({ body, status: 400, field });
    }
    const edited = await teacher.patch(`/api/v1/lessons/${lesson.id}`, { durationMinutes: minutes - 5 });
    expect(edited.status).toBe(200);
    expect(Date.parse(edited.body.lessons[0].end) - Date.parse(lesson.start)).toBe((minutes - 5) * 60_000);
    const history = (await admin.get(`/api/v1/lessons/${lesson.id}`)).body.history as { action: string; fields: string[] }[];
    expect(history[0]).toMatchObject({ action: 'scheduling.lesson.edited', fields: ['end'] });
    const ended = await teacher.post(`/api/v1/lesson-series/${lesson.seriesId}/end`, { lastDate, reason: 'Stopping after this one' });
    expect(ended.status).toBe(200);
    expect(ended.body.cancelled.length).toBeGreaterThan(0);
    const series = (await admin.get(`/api/v1/lesson-series/${lesson.seriesId}`)).body as { series: { untilDate: string }; lessons: { start: string; status: string }[] };
    expect(series.series.untilDate).toBe(lastDate);
    expect(series.lessons.filter((l) => l.start > lesson.end).every((l) => l.status === 'cancelled')).toBe(true);
  }, 120_000);
});

describe('audit trail', () => {
  it('is append-only in the database', async () => {
    await withClient(api.db.url, async (db) => {
      await expect(db.query('update audit_events set action = $1', ['tampered'])).rejects.toThrow(/append-only/);
      await expect(db.query('delete from audit_events')).rejects.toThrow(/append-only/);
    });
  });

  it('pages and filters for admins', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const first = await admin.get('/api/v1/audit-events?limit=5&entityType=user');
    expect(first.body.items).toHaveLength(5);
    const second = await admin.get(`/api/v1/audit-events?limit=5&entityType=user&cursor=${first.body.next}`);
    expect(second.body.items).toHaveLength(5);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await admin.get('/api/v1/audit-events?limit=5000')).status).toBe(400);
    expect((await admin.get('/api/v1/audit-events?from=yesterday')).status).toBe(400);
  });
});

describe('attendance', () => {
  /** A lesson of the demo term's last week, once attendance has recorded it from scheduling's events. */
  async function lastWeeksLesson(admin: Client): Promise<{ lessonId: string; teacherId: string; studentIds: string[] }> {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 7 * 24 * 3_600_000).toISOString();
    for (let tries = 0; tries < 100; tries++) {
      const listed = (await admin.get(`/api/v1/attendance/lessons?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).body as { lessonId: string; teacherId: string; studentIds: string[]; cancelled: boolean }[];
      const lesson = listed.find((l) => !l.cancelled);
      if (lesson) return lesson;
      await sleep(200);
    }
    throw new Error('attendance recorded no lesson of the demo term’s last week');
  }

  it('refuses families every attendance route (403), and keeps another teacher’s register from a teacher (404, or 403 saying why when marking)', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const lesson = await lastWeeksLesson(admin);
    const mark = { marks: [{ studentId: lesson.studentIds[0], status: 'present' }] };
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/v1/attendance/lessons?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`],
      ['GET', `/api/v1/attendance/lessons/${lesson.lessonId}`],
      ['GET', `/api/v1/attendance/lessons/${lesson.lessonId}/history`],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/marks`, mark],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/start`],
      ['POST', `/api/v1/attendance/lessons/${lesson.lessonId}/end`],
      ['GET', '/api/v1/attendance/settings'],
      ['PATCH', '/api/v1/attendance/settings', { markingWindowDays: 2 }],
      ['GET', '/api/v1/attendance/day'],
    ];
    for (const who of ['student1', 'parent1', 'parent5']) {
      const family = await signedIn(api.url, demo(who));
      for (const [method, path, body] of routes) {
        const reply = await family.call(method, path, body);
        expect({ who, route: `${method} ${path}`, status: reply.status }).toEqual({ who, route: `${method} ${path}`, status: 403 });
      }
    }
    const teachers = (await admin.get('/api/v1/teachers')).body as { id: string; roles: string[] }[];
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const stranger = users.find((u) => u.id !== lesson.teacherId && teachers.some((t) => t.id === u.id && t.roles.includes('teacher')) && u.email.startsWith('teacher'))!;
    const otherTeacher = await signedIn(api.url, stranger.email);
    expect((await otherTeacher.get(`/api/v1/attendance/lessons/${lesson.lessonId}`)).status).toBe(404);
    expect((await otherTeacher.get(`/api/v1/attendance/lessons/${lesson.lessonId}/history`)).status).toBe(404);
    expect((await otherTeacher.post(`/api/v1/attendance/lessons/${lesson.lessonId}/marks`, mark)).body.code).toBe('ATTENDANCE.NOT_YOUR_LESSON');
    expect((await otherTeacher.patch('/api/v1/attendance/settings', { markingWindowDays: 2 })).status).toBe(403);
    expect((await otherTeacher.get(`/api/v1/attendance/day?teacherId=${lesson.teacherId}`)).body.code).toBe('ATTENDANCE.FORBIDDEN');
  }, 120_000);
});

describe('practice and progress', () => {
  it('keeps the teachers’ routes from families (403), the scale from teachers (403), and a student from another family (404)', async () => {
    const student = await signedIn(api.url, demo('student1'));
    const [{ studentId }] = await followed(student);
    const none = '00000000-0000-4000-8000-000000000000';
    const teaching: [string, string, unknown?][] = [
      ['POST', `/api/v1/practice/students/${studentId}/assignments`, { title: 'Mine', dueOn: '2099-01-01' }],
      ['PATCH', `/api/v1/practice/assignments/${none}`, { done: true }],
      ['POST', `/api/v1/practice/logs/${none}/comments`, { body: 'Hello' }],
      ['POST', `/api/v1/practice/students/${studentId}/achievements`, { levelId: none, achievedOn: '2026-01-01' }],
      ['POST', `/api/v1/practice/students/${studentId}/targets`, { description: 'More', dueOn: '2099-01-01' }],
      ['PUT', '/api/v1/practice/scale', { name: 'Ours', levels: [] }],
    ];
    for (const who of ['student1', 'parent1', 'parent5']) {
      const family = await signedIn(api.url, demo(who));
      for (const [method, path, body] of teaching) expect({ who, path, status: (await family.call(method, path, body)).status }).toEqual({ who, path, status: 403 });
    }
    expect((await (await signedIn(api.url, demo('teacher1'))).call('PUT', '/api/v1/practice/scale', { name: 'Ours', levels: [] })).status).toBe(403);
    const otherFamily = await signedIn(api.url, demo('parent3'));
    for (const what of ['assignments', 'logs', 'progress']) expect((await otherFamily.get(`/api/v1/practice/students/${studentId}/${what}`)).status).toBe(404);
    expect((await otherFamily.post(`/api/v1/practice/students/${studentId}/logs`, { practisedOn: '2026-01-01', minutes: 5 })).status).toBe(404);
    expect((await (await signedIn(api.url, demo('admin'))).get('/api/v1/practice/students')).status).toBe(403);
  }, 60_000);
});

describe('billing', () => {
  it('keeps invoices and accounts from the staff who are not admins (403), another family’s from a guardian (404), and shows a view-only guardian theirs', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const schoolId = (await admin.get('/api/v1/me')).body.school.id as string;
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    const ours = await draftInvoiceFor(api, schoolId, await familyOf(admin, idOf('parent1')));
    const theirs = await draftInvoiceFor(api, schoolId, await familyOf(admin, idOf('parent5')));
    for (const who of ['teacher1', 'accompanist']) {
      const staff = await signedIn(api.url, demo(who));
      for (const path of ['/api/v1/invoices', `/api/v1/invoices/${ours.invoiceId}`, `/api/v1/invoices/${ours.invoiceId}/pdf`, '/api/v1/billing/accounts', `/api/v1/billing/accounts/${ours.accountId}`]) {
        expect({ who, path, status: (await staff.get(path)).status }).toEqual({ who, path, status: 403 });
      }
    }
    const parent = await signedIn(api.url, demo('parent1'));
    // The demo school holds an issued invoice of each of the two families too.
    const parentSees = ((await parent.get('/api/v1/invoices')).body as { id: string }[]).map((i) => i.id);
    expect(parentSees).toContain(ours.invoiceId);
    expect(parentSees).not.toContain(theirs.invoiceId);
    expect((await parent.get(`/api/v1/invoices/${ours.invoiceId}`)).body).toMatchObject({ id: ours.invoiceId, status: 'draft', total: { minor: 2500, currency: 'GBP' }, lines: [{ kind: 'lesson', amount: { minor: 2500 } }], history: [{ event: 'drafted' }] });
    expect((await parent.get(`/api/v1/invoices/${theirs.invoiceId}`)).status).toBe(404);
    expect((await parent.get(`/api/v1/billing/accounts/${theirs.accountId}`)).status).toBe(404);
    // The PDF follows the invoice's readers: theirs is 404 to parent1, ours a PDF.
    const pdf = await fetch(`${api.url}/api/v1/invoices/${ours.invoiceId}/pdf`, { headers: { authorization: `Bearer ${parent.token}` } });
    expect({ status: pdf.status, type: pdf.headers.get('content-type'), disposition: pdf.headers.get('content-disposition') }).toEqual({ status: 200, type: 'application/pdf', disposition: `attachment; filename="invoice-draft-${ours.invoiceId}.pdf"` });
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    for (const expected of ['Draft invoice', 'DRAFT', '£25.00']) expect(text).toContain(expected);
    expect((await parent.get(`/api/v1/invoices/${theirs.invoiceId}/pdf`)).status).toBe(404);
    const viewer = await signedIn(api.url, demo('parent5'));
    const viewerSees = ((await viewer.get('/api/v1/invoices')).body as { id: string }[]).map((i) => i.id);
    expect(viewerSees).toContain(theirs.invoiceId);
    expect(viewerSees).not.toContain(ours.invoiceId);
    expect((await viewer.get(`/api/v1/invoices/${ours.invoiceId}`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/invoices/${ours.invoiceId}/pdf`)).status).toBe(404);
    expect((await viewer.get(`/api/v1/invoices/${theirs.invoiceId}/pdf`)).status).toBe(200);
    const student = await signedIn(api.url, demo('student1'));
    expect((await student.get('/api/v1/invoices')).body).toEqual([]);
    expect((await student.get(`/api/v1/invoices/${ours.invoiceId}`)).status).toBe(404);
    expect((await student.get(`/api/v1/invoices/${ours.invoiceId}/pdf`)).status).toBe(404);
    const all = (await admin.get('/api/v1/invoices?status=draft&period=2026-01')).body as { id: string }[];
    expect(all.map((i) => i.id).sort()).toEqual([ours.invoiceId, theirs.invoiceId].sort());
    expect((await admin.get('/api/v1/invoices?period=2026-13')).body.errors[0].field).toBe('period');
  }, 120_000);

  it('lets a full-access guardian open the card checkout of their family’s invoice; a view-only guardian reads it but cannot pay (403), another family gets 404, the staff 403', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const schoolId = (await admin.get('/api/v1/me')).body.school.id as string;
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const idOf = (local: string) => users.find((u) => u.email === demo(local))!.id;
    const ours = await draftInvoiceFor(api, schoolId, await familyOf(admin, idOf('parent1')));
    const theirs = await draftInvoiceFor(api, schoolId, await familyOf(admin, idOf('parent5')));
    const parent = await signedIn(api.url, demo('parent1'));
    const viewer = await signedIn(api.url, demo('parent5'));
    expect((await parent.post(`/api/v1/invoices/${ours.invoiceId}/checkout`)).body.code).toBe('BILLING.INVOICE_NOT_OPEN');
    await issue(api, ours.invoiceId);
    await issue(api, theirs.invoiceId);
    const checkout = await parent.post(`/api/v1/invoices/${ours.invoiceId}/checkout`);
    expect(checkout.status).toBe(201);
    expect(checkout.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkout\/cs_test_/);
    expect((await parent.get(`/api/v1/invoices/${ours.invoiceId}/payments`)).body).toEqual([]);
    expect((await viewer.get(`/api/v1/invoices/${theirs.invoiceId}`)).status).toBe(200);
    expect((await viewer.get(`/api/v1/invoices/${theirs.invoiceId}/payments`)).status).toBe(200);
    expect((await parent.get(`/api/v1/invoices/${ours.invoiceId}/payment-options`)).body).toEqual({ mayPay: true, payableNow: true });
    expect((await viewer.get(`/api/v1/invoices/${theirs.invoiceId}/payment-options`)).body).toEqual({ mayPay: false, payableNow: false });
    expect((await viewer.get(`/api/v1/invoices/${ours.invoiceId}/payment-options`)).status).toBe(404);
    expect((await (await signedIn(api.url, demo('teacher1'))).get(`/api/v1/invoices/${ours.invoiceId}/payment-options`)).status).toBe(403);
    const refused = await viewer.post(`/api/v1/invoices/${theirs.invoiceId}/checkout`);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'BILLING.VIEW_ONLY' });
    for (const [who, client, invoiceId] of [['parent1', parent, theirs.invoiceId], ['parent5', viewer, ours.invoiceId]] as const) {
      expect({ who, status: (await client.post(`/api/v1/invoices/${invoiceId}/checkout`)).status }).toEqual({ who, status: 404 });
      expect({ who, status: (await client.get(`/api/v1/invoices/${invoiceId}/payments`)).status }).toEqual({ who, status: 404 });
    }
    expect((await (await signedIn(api.url, demo('student1'))).post(`/api/v1/invoices/${ours.invoiceId}/checkout`)).status).toBe(404);
    for (const who of ['teacher1', 'accompanist', 'admin']) {
      const staff = await signedIn(api.url, demo(who));
      expect({ who, status: (await staff.post(`/api/v1/invoices/${ours.invoiceId}/checkout`)).status }).toEqual({ who, status: 403 });
    }
    expect((await (await signedIn(api.url, demo('teacher1'))).get(`/api/v1/invoices/${ours.invoiceId}/payments`)).status).toBe(403);
  }, 120_000);

  it('refuses a bad rate naming the field, writing nothing; an admin adds, changes and removes one', async () => {
    const admin = await signedIn(api.url, demo('admin'));
    const [type] = (await admin.get('/api/v1/lesson-types')).body as { id: string }[];
    const before = (await admin.get('/api/v1/billing/rates')).body as unknown[];
    const bad: [unknown, string][] = [
      [{ lessonTypeId: type!.id, price: { minor: -100, currency: 'GBP' } }, 'price.minor'],
      [{ lessonTypeId: type!.id, price: { minor: 0, currency: 'GBP' } }, 'price.minor'],
      [{ lessonTypeId: type!.id, price: { minor: 12.5, currency: 'GBP' } }, 'price.minor'],
      [{ lessonTypeId: type!.id, price: { minor: 1200, currency: 'EUR' } }, 'price.currency'],
      [{ lessonTypeId: '00000000-0000-4000-8000-000000000000', price: { minor: 1200, currency: 'GBP' } }, 'lessonTypeId'],
    ];
    for (const [body, field] of bad) {
      const reply = await admin.post('/api/v1/billing/rates', body);
      expect({ field, status: reply.status, named: reply.body.errors?.[0]?.field }).toEqual({ field, status: 400, named: field });
    }
    expect((await admin.get('/api/v1/billing/rates')).body).toEqual(before);
    const created = await admin.post('/api/v1/billing/rates', { lessonTypeId: type!.id, durationMinutes: 75, price: { minor: 3100, currency: 'GBP' } });
    expect(created.status).toBe(201);
    expect((await admin.patch(`/api/v1/billing/rates/${created.body.id}`, { price: { minor: 0, currency: 'GBP' } })).body.errors[0].field).toBe('price.minor');
    expect((await admin.patch(`/api/v1/billing/rates/${created.body.id}`, { price: { minor: 3300, currency: 'GBP' } })).body).toMatchObject({ durationMinutes: 75, price: { minor: 3300 } });
    expect((await admin.delete(`/api/v1/billing/rates/${created.body.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/billing/rates')).body).toEqual(before);
    const settings = await admin.put('/api/v1/billing/settings', { chargeBasis: 'in_advance', taxBasisPoints: -1, siblingDiscountBasisPoints: 0, dueDays: 14 });
    expect({ status: settings.status, field: settings.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'taxBasisPoints' });
    const settingsBefore = (await admin.get('/api/v1/billing/settings')).body;
    for (const [field, value] of [['runDay', 29], ['runTime', '6am'], ['runPeriod', 'later'], ['scheduledRun', 'yes']] as const) {
      const schedule = await admin.put('/api/v1/billing/settings', { ...settingsBefore, [field]: value });
      expect({ status: schedule.status, field: schedule.body.errors?.[0]?.field }).toEqual({ status: 400, field });
    }
    expect((await admin.get('/api/v1/billing/settings')).body).toEqual(settingsBefore);
  }, 60_000);
});
