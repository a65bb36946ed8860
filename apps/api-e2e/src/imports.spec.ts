import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { acceptMailedInvitation, Client, signedIn } from './support/client.js';

/**
 * Bulk import through the built api, in a school of its own (so counts start at zero): the templates, the mapping
 * step, dry runs naming every bad row, commits that take all of a file or none of it, and files imported twice.
 */
let api: ApiProcess;
let admin: Client;

const FAMILY_HEADINGS = 'Family reference,Family name,Student name,Student email,Student date of birth,Guardian name,Guardian email,Guardian access,Second guardian name,Second guardian email';
const goodFamilies = [
  'F1,Okafor,Ada Okafor,ada@imports.example,2014-03-09,Ngozi Okafor,ngozi@imports.example,full,Chidi Okafor,chidi@imports.example',
  'F1,Okafor,Obi Okafor,obi@imports.example,2016-05-01,Ngozi Okafor,ngozi@imports.example,full,Chidi Okafor,chidi@imports.example',
  'F2,Lin,Mei Lin,mei@imports.example,2012-11-30,Wei Lin,wei@imports.example,view,,',
];
const badFamilies = [
  goodFamilies[0],
  'F1,Okafor,Obi Okafor,obi@imports.example,2016-02-30,Ngozi Okafor,ngozi@imports.example,full,Chidi Okafor,chidi@imports.example',
  'F2,Lin,Mei Lin,ada@imports.example,2012-11-30,Wei Lin,wei@imports.example,view,,',
  'F3,Diaz,Luz Diaz,luz@imports.example,2013-01-01,Ana Diaz,,full,,',
];
const csv = (headings: string, rows: string[]) => [headings, ...rows].join('\r\n') + '\r\n';
const runId = () => globalThis.crypto.randomUUID();

async function send(step: 'preview' | 'dry-run' | 'commit', kind: string, text: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), `${kind}.csv`);
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  const response = await fetch(`${api.url}/api/v1/imports/${kind}/${step}`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` }, body: form });
  return { status: response.status, body: await response.json() };
}

/** The mapping the preview suggests, as the wizard sends it after the admin confirms it. */
async function mappingOf(kind: string, text: string): Promise<string> {
  const preview = await send('preview', kind, text);
  expect(preview.status).toBe(200);
  return JSON.stringify(Object.fromEntries(Object.entries(preview.body.mapping as Record<string, string | null>).filter(([, column]) => column !== null)));
}

async function counts() {
  const [students, families, users] = await Promise.all([admin.get('/api/v1/students'), admin.get('/api/v1/families'), admin.get('/api/v1/users')]);
  return { students: students.body.length as number, families: families.body.length as number, users: users.body.length as number };
}

beforeAll(async () => {
  api = await startApiProcess();
  const created = await api.cli(
    'create',
    '--name', 'Import Academy',
    '--time-zone', 'Europe/London',
    '--currency', 'GBP',
    '--locale', 'en-GB',
    '--admin-email', 'owner@imports.example',
    '--admin-name', 'Import Owner',
    '--admin-password', 'imports-password',
  );
  expect(created.code).toBe(0);
  admin = await signedIn(api.url, 'owner@imports.example', 'imports-password');
}, 240_000);
afterAll(() => api?.stop());

describe('templates and the mapping step', () => {
  it('downloads a template per kind whose headings the preview maps to every field', async () => {
    for (const kind of ['families', 'teachers', 'rooms', 'lessons']) {
      const template = await admin.get(`/api/v1/imports/templates/${kind}.csv`);
      expect(template.status).toBe(200);
      expect(template.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(template.headers.get('content-disposition')).toBe(`attachment; filename="cadenza-${kind}-template.csv"`);
      const preview = await send('preview', kind, template.body as string);
      expect(preview.status).toBe(200);
      expect(preview.body.rowCount).toBe(1);
      expect(Object.values(preview.body.mapping)).not.toContain(null);
    }
  });

  it('shows the first rows of a file and suggests columns by heading', async () => {
    const preview = await send('preview', 'families', csv(FAMILY_HEADINGS, goodFamilies));
    expect(preview.body).toMatchObject({ kind: 'families', rowCount: 3, rowLimit: 10_000, mapping: { family_ref: 'Family reference', second_guardian_email: 'Second guardian email' } });
    expect(preview.body.firstRows[2]).toEqual(['F2', 'Lin', 'Mei Lin', 'mei@imports.example', '2012-11-30', 'Wei Lin', 'wei@imports.example', 'view', '', '']);
  });
});

describe('bad input is refused by field, and nothing is written', () => {
  it('refuses a file over the row limit in the preview, the dry run and the commit', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => `F${i},Fam,S ${i},s${i}@limit.example,2010-01-01,P ${i},p${i}@limit.example,full,,`);
    const text = csv(FAMILY_HEADINGS, rows);
    for (const step of ['preview', 'dry-run', 'commit'] as const) {
      const reply = await send(step, 'families', text, step === 'preview' ? {} : { mapping: JSON.stringify({ family_ref: 'Family reference' }), runId: runId() });
      expect({ step, status: reply.status, code: reply.body.code, errors: reply.body.errors }).toEqual({
        step,
        status: 400,
        code: 'ONBOARDING.TOO_MANY_ROWS',
        errors: [{ field: 'file', message: 'The file has 10,001 rows; an import takes at most 10,000. Split it into several files.' }],
      });
    }
    expect(await counts()).toEqual({ students: 0, families: 0, users: 1 });
  });

  it('names the mapping’s missing fields, a file that is not CSV, and unknown form fields', async () => {
    const text = csv(FAMILY_HEADINGS, goodFamilies);
    const unmapped = await send('dry-run', 'families', text, { mapping: JSON.stringify({ family_ref: 'Family reference', student_name: 'Nope' }) });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.errors.map((e: { field: string }) => e.field)).toEqual(['mapping.student_name', 'mapping.family_name', 'mapping.student_email', 'mapping.student_date_of_birth', 'mapping.guardian_name', 'mapping.guardian_email']);
    const notCsv = await send('preview', 'families', 'a,b\n"1,2\n');
    expect(notCsv.body).toMatchObject({ status: 400, code: 'ONBOARDING.INVALID_CSV', errors: [{ field: 'file' }] });
    const extra = await send('dry-run', 'families', text, { runId: 'not-a-uuid' });
    expect(extra.body).toMatchObject({ status: 400, errors: [{ field: 'runId', message: 'Must be a UUID.' }] });
    const unknownKind = await admin.get('/api/v1/imports/templates/pupils.csv');
    expect(unknownKind.status).toBe(400);
  });
});

describe('families', () => {
  it('lists the three bad rows in a dry run and refuses to commit them, writing nothing; then takes the fixed file once', async () => {
    const bad = csv(FAMILY_HEADINGS, badFamilies);
    const mapping = await mappingOf('families', bad);
    const dry = await send('dry-run', 'families', bad, { mapping, runId: runId() });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ committed: false, rowCount: 4 });
    expect(dry.body.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, 'Student date of birth', 'ONBOARDING.INVALID_DATE'],
      [4, 'Student email', 'ONBOARDING.DUPLICATE'],
      [5, 'Guardian email', 'ONBOARDING.REQUIRED'],
    ]);
    expect(await counts()).toEqual({ students: 0, families: 0, users: 1 });

    const refused = await send('commit', 'families', bad, { mapping, runId: runId() });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ONBOARDING.ROWS_REFUSED', detail: '3 rows have problems; nothing was imported.' });
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['rows.3.student_date_of_birth', 'rows.4.student_email', 'rows.5.guardian_email']);
    expect(await counts()).toEqual({ students: 0, families: 0, users: 1 });

    const good = csv(FAMILY_HEADINGS, goodFamilies);
    const run = runId();
    const committed = await send('commit', 'families', good, { mapping, runId: run });
    expect(committed.status).toBe(200);
    expect(committed.body).toMatchObject({ committed: true, rowCount: 3, created: 2, unchanged: 0, problems: [] });
    expect((await admin.get(`/api/v1/imports/runs/${run}/progress`)).body).toEqual({ runId: run, kind: 'families', phase: 'done', done: 2, total: 2 });
    expect(await counts()).toEqual({ students: 3, families: 2, users: 7 });
    const families = (await admin.get('/api/v1/families')).body as { name: string; guardians: { name: string }[]; children: { name: string; access: { level: string }[] }[] }[];
    const summary = families.map((f) => [f.name, f.guardians.map((g) => g.name).sort(), f.children.map((c) => [c.name, c.access.map((a) => a.level)]).sort()]).sort();
    expect(summary).toEqual([
      ['Lin', ['Wei Lin'], [['Mei Lin', ['view']]]],
      ['Okafor', ['Chidi Okafor', 'Ngozi Okafor'], [['Ada Okafor', ['full', 'full']], ['Obi Okafor', ['full', 'full']]]],
    ]);
    const trail = (await admin.get('/api/v1/audit-events?action=onboarding.import.committed')).body.items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ entityId: run, after: { kind: 'families', rows: 3, created: 2, unchanged: 0 } });

    const againRun = runId();
    const again = await send('commit', 'families', good, { mapping, runId: againRun });
    expect(again.body).toMatchObject({ committed: true, created: 0, unchanged: 2, problems: [] });
    expect(await counts()).toEqual({ students: 3, families: 2, users: 7 });

    // Nobody imported was mailed; the admin then invites the import's people in one action, each once whatever the presses.
    const imported = ['ada', 'obi', 'mei', 'ngozi', 'chidi', 'wei'].map((n) => `${n}@imports.example`);
    const mailedTo = () => api.mail.messages.flatMap((m) => m.to).filter((to) => imported.includes(to.toLowerCase()));
    expect(mailedTo()).toEqual([]);
    const invited = await admin.post('/api/v1/invitations/imported', { runId: run });
    expect({ status: invited.status, body: invited.body }).toEqual({ status: 200, body: { people: 6, sent: 6, alreadyInvited: 0, notInvitable: 0, waiting: 0, retryAfterSeconds: null } });
    expect((await admin.post('/api/v1/invitations/imported', { runId: run })).body).toEqual({ people: 6, sent: 0, alreadyInvited: 6, notInvitable: 0, waiting: 0, retryAfterSeconds: null });
    // The second import created nobody: there is no one of its own to invite.
    expect((await admin.post('/api/v1/invitations/imported', { runId: againRun })).status).toBe(404);
    expect((await admin.post('/api/v1/invitations/imported', { runId: 'not-a-run' })).body.errors).toEqual([{ field: 'runId', message: 'Must be a UUID.' }]);
    const ngozi = await acceptMailedInvitation(api, 'ngozi@imports.example', 'ngozi-long-password');
    expect(((await ngozi.get('/api/v1/families')).body as { name: string }[]).map((f) => f.name)).toEqual(['Okafor']);
    expect(mailedTo().sort()).toEqual([...imported].sort());
  });
});

describe('rooms, teachers and weekly lessons', () => {
  it('imports rooms and teachers, then lessons whose clashes and unknown people are named by row', async () => {
    const rooms = csv('Room name,Capacity,Features', ['Studio 1,4,piano; mirror', 'Hall,60,', 'Hall,20,']);
    const roomMapping = await mappingOf('rooms', rooms);
    const dryRooms = await send('dry-run', 'rooms', rooms, { mapping: roomMapping });
    expect(dryRooms.body.problems).toEqual([{ row: 4, column: 'Room name', field: 'name', code: 'ONBOARDING.DUPLICATE', message: 'The room "Hall" is already on row 3.' }]);
    const fixedRooms = csv('Room name,Capacity,Features', ['Studio 1,4,piano; mirror', 'Hall,60,']);
    expect((await send('commit', 'rooms', fixedRooms, { mapping: roomMapping })).body).toMatchObject({ committed: true, created: 2 });
    expect(((await admin.get('/api/v1/rooms')).body as { name: string; features: string[] }[]).map((r) => [r.name, r.features]).sort()).toEqual([['Hall', []], ['Studio 1', ['piano', 'mirror']]]);

    const teachers = csv('Name,Email,Role', ['Clara Wieck,clara@imports.example,teacher', 'Franz Liszt,franz@imports.example,', 'Ngozi Again,ngozi@imports.example,teacher']);
    const teacherMapping = await mappingOf('teachers', teachers);
    const dryTeachers = await send('dry-run', 'teachers', teachers, { mapping: teacherMapping });
    expect(dryTeachers.body.problems).toEqual([{ row: 4, column: 'Email', field: 'email', code: 'ONBOARDING.EMAIL_IN_USE', message: 'ngozi@imports.example is already at the school as parent, not teacher.' }]);
    expect((await send('commit', 'teachers', csv('Name,Email,Role', ['Clara Wieck,clara@imports.example,teacher', 'Franz Liszt,franz@imports.example,']), { mapping: teacherMapping })).body).toMatchObject({ created: 2 });

    expect((await admin.post('/api/v1/terms', { name: 'Spring 2027', startDate: '2027-01-04', endDate: '2027-03-26' })).status).toBe(201);
    const headings = 'Student email,Teacher email,Room,Weekday,Start time,Duration (minutes),Term,First date';
    const lessons = [
      'ada@imports.example,clara@imports.example,Studio 1,Tuesday,16:00,30,Spring 2027,',
      'obi@imports.example,clara@imports.example,Studio 1,Tue,16:15,30,Spring 2027,',
      'mei@imports.example,nobody@imports.example,Attic,Wednesday,17:00,45,Spring 2027,',
      'mei@imports.example,franz@imports.example,Hall,Thursday,17:00,45,Spring 2027,',
    ];
    const lessonMapping = await mappingOf('lessons', csv(headings, lessons));
    const dry = await send('dry-run', 'lessons', csv(headings, lessons), { mapping: lessonMapping });
    expect(dry.body.problems.map((p: { row: number; field: string; code: string }) => [p.row, p.field, p.code])).toEqual([
      [3, 'start_time', 'ONBOARDING.LESSON_CLASH'],
      [4, 'teacher_email', 'ONBOARDING.UNKNOWN_TEACHER'],
      [4, 'room', 'ONBOARDING.UNKNOWN_ROOM'],
    ]);
    expect(dry.body.problems[0].message).toMatch(/^On 2027-01-05 \(and 11 more of its dates\): /);
    const range = '?from=2027-01-01T00:00:00Z&to=2027-04-01T00:00:00Z';
    expect((await admin.get(`/api/v1/lessons${range}`)).body).toEqual([]);

    const fixed = csv(headings, [lessons[0], 'obi@imports.example,clara@imports.example,Studio 1,Tue,16:30,30,Spring 2027,', lessons[3]]);
    const committed = await send('commit', 'lessons', fixed, { mapping: lessonMapping });
    expect(committed.body).toMatchObject({ committed: true, created: 3, unchanged: 0 });
    const booked = (await admin.get(`/api/v1/lessons${range}`)).body as unknown[];
    expect(booked).toHaveLength(36);
    expect((await send('commit', 'lessons', fixed, { mapping: lessonMapping })).body).toMatchObject({ committed: true, created: 0, unchanged: 3 });
    expect((await admin.get(`/api/v1/lessons${range}`)).body).toHaveLength(36);
  });
});

describe('a large lessons file', () => {
  it('books 500 weekly series, 6,000 lessons, in one transaction', async () => {
    const families = Array.from({ length: 500 }, (_, i) => `L${i},Large ${i},Large Student ${i},large${i}@imports.example,2012-01-01,Large Parent ${i},largeparent${i}@imports.example,full,,`);
    const familiesText = csv(FAMILY_HEADINGS, families);
    expect((await send('commit', 'families', familiesText, { mapping: await mappingOf('families', familiesText) })).body).toMatchObject({ committed: true, created: 500 });
    const rooms = csv('Room name,Capacity', Array.from({ length: 10 }, (_, i) => `Large room ${i},2`));
    expect((await send('commit', 'rooms', rooms, { mapping: await mappingOf('rooms', rooms) })).body).toMatchObject({ created: 10 });
    const teachers = csv('Name,Email', Array.from({ length: 10 }, (_, i) => `Large Teacher ${i},largeteacher${i}@imports.example`));
    expect((await send('commit', 'teachers', teachers, { mapping: await mappingOf('teachers', teachers) })).body).toMatchObject({ created: 10 });
    expect((await admin.post('/api/v1/terms', { name: 'Summer 2027', startDate: '2027-04-19', endDate: '2027-07-09' })).status).toBe(201);
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
    // Ten teachers each in a room of their own, ten half-hour slots an afternoon, five afternoons: 50 series each, none
    // clashing; 36 slot locks a series (teacher, student and room, twelve weeks), 18,000 in all.
    const rows = Array.from({ length: 500 }, (_, i) => {
      const slot = Math.floor(i / 10);
      const half = Math.floor(slot / 5);
      return `large${i}@imports.example,largeteacher${i % 10}@imports.example,Large room ${i % 10},${days[slot % 5]},${14 + Math.floor(half / 2)}:${half % 2 ? '30' : '00'},30,Summer 2027,`;
    });
    const text = csv('Student email,Teacher email,Room,Weekday,Start time,Duration (minutes),Term,First date', rows);
    const committed = await send('commit', 'lessons', text, { mapping: await mappingOf('lessons', text) });
    expect(committed.body).toMatchObject({ committed: true, created: 500, unchanged: 0, problems: [] });
    const lessons = (await admin.get('/api/v1/lessons?from=2027-04-19T00:00:00Z&to=2027-07-10T00:00:00Z')).body as unknown[];
    expect(lessons).toHaveLength(500 * 12);
  }, 300_000);
});

describe('inviting an import’s people from two places at once', () => {
  it('mails each person once when two admins (one in two tabs) press Invite at the same moment', async () => {
    // A second admin of the school, invited and signed in.
    expect((await admin.post('/api/v1/invitations', { email: 'second@imports.example', name: 'Second Admin', roles: ['admin'] })).status).toBe(201);
    const second = await acceptMailedInvitation(api, 'second@imports.example', 'second-admin-password');
    const families = Array.from({ length: 12 }, (_, i) => `R${i},Race ${i},Race Student ${i},racestudent${i}@imports.example,2013-02-0${(i % 9) + 1},Race Parent ${i},raceparent${i}@imports.example,full,,`);
    const text = csv(FAMILY_HEADINGS, families);
    const run = runId();
    expect((await send('commit', 'families', text, { mapping: await mappingOf('families', text), runId: run })).body).toMatchObject({ committed: true, created: 12 });
    const addresses = families.flatMap((_, i) => [`racestudent${i}@imports.example`, `raceparent${i}@imports.example`]);

    // Three presses at once: each goes through the same 24 people in the same order, so they meet on every one of them.
    const presses = await Promise.all([admin, admin, second].map((who) => who.post('/api/v1/invitations/imported', { runId: run })));
    expect(presses.map((p) => p.status)).toEqual([200, 200, 200]);
    const answers = presses.map((p) => p.body as { people: number; sent: number; alreadyInvited: number; waiting: number });
    for (const answer of answers) expect(answer).toMatchObject({ people: 24, waiting: 0, sent: 24 - answer.alreadyInvited });
    expect(answers.reduce((sum, a) => sum + a.sent, 0)).toBe(24);

    // Each address got one mail and holds one invitation: nobody was sent a second link that revoked the first.
    await api.mail.waitFor(addresses[addresses.length - 1]);
    const mailed = api.mail.messages.flatMap((m) => m.to.map((to) => to.toLowerCase())).filter((to) => addresses.includes(to));
    expect(mailed.sort()).toEqual([...addresses].sort());
    const created = ((await admin.get('/api/v1/audit-events?action=identity.invitation.created&limit=200')).body.items as { after: { email: string } }[]).filter((e) => addresses.includes(e.after.email));
    expect(created).toHaveLength(24);
    expect((await second.post('/api/v1/invitations/imported', { runId: run })).body).toEqual({ people: 24, sent: 0, alreadyInvited: 24, notInvitable: 0, waiting: 0, retryAfterSeconds: null });
  });
});
