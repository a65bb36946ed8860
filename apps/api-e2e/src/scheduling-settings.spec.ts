import { apiSuite } from './support/client.js';
import { expectProblem, fieldsOf, YEAR } from './support/scheduling.js';

/**
 * The school's scheduling settings change, not only grow: a room keeps what a change does not name, and terms,
 * closures and lesson types are changed and removed where nothing depends on them, or refused with the reason.
 * Who may call these routes: the access and tenancy suites.
 */
const suite = apiSuite();

describe('rooms', () => {
  it('a change of one field keeps the others: capacity alone leaves the features', async () => {
    const { admin } = suite;
    const room = await admin.post('/api/v1/rooms', { name: 'Settings studio', capacity: 3, features: ['piano', 'drum kit'] });
    expect(room.status).toBe(201);
    const changed = await admin.patch(`/api/v1/rooms/${room.body.id}`, { capacity: 5 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Settings studio', capacity: 5, features: ['piano', 'drum kit'], active: true });
    const renamed = await admin.patch(`/api/v1/rooms/${room.body.id}`, { name: 'Settings studio A' });
    expect(renamed.body).toMatchObject({ name: 'Settings studio A', capacity: 5, features: ['piano', 'drum kit'] });
    const listed = ((await admin.get('/api/v1/rooms')).body as { id: string; features: string[] }[]).find((r) => r.id === room.body.id);
    expect(listed?.features).toEqual(['piano', 'drum kit']);
    const bad = await admin.patch(`/api/v1/rooms/${room.body.id}`, { capacity: 0 });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(['capacity']);
  });
});

describe('terms', () => {
  it('renames and moves a term no series runs in, refuses an overlap, and removes it', async () => {
    const { admin } = suite;
    const term = await admin.post('/api/v1/terms', { name: 'Spare term', startDate: `${YEAR + 1}-01-05`, endDate: `${YEAR + 1}-03-27` });
    expect(term.status).toBe(201);
    const moved = await admin.patch(`/api/v1/terms/${term.body.id}`, { name: 'Spring term', endDate: `${YEAR + 1}-03-20` });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ id: term.body.id, name: 'Spring term', startDate: `${YEAR + 1}-01-05`, endDate: `${YEAR + 1}-03-20` });
    const other = await admin.post('/api/v1/terms', { name: 'Summer term', startDate: `${YEAR + 1}-04-13`, endDate: `${YEAR + 1}-07-17` });
    expect(other.status).toBe(201);
    const overlap = await admin.patch(`/api/v1/terms/${term.body.id}`, { endDate: `${YEAR + 1}-04-20` });
    expectProblem(overlap, 409, 'SCHEDULING.TERM_OVERLAP');
    const backwards = await admin.patch(`/api/v1/terms/${term.body.id}`, { startDate: `${YEAR + 1}-03-21` });
    expectProblem(backwards, 400);
    expect(fieldsOf(backwards)).toEqual(['endDate']);
    expect(fieldsOf(await admin.patch(`/api/v1/terms/${term.body.id}`, { startDate: 'soon' }))).toEqual(['startDate']);
    expect((await admin.get('/api/v1/terms')).body.find((t: { id: string }) => t.id === term.body.id)).toEqual(moved.body);

    expect((await admin.delete(`/api/v1/terms/${term.body.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/terms')).body.some((t: { id: string }) => t.id === term.body.id)).toBe(false);
    expectProblem(await admin.delete(`/api/v1/terms/${term.body.id}`), 404, 'SCHEDULING.TERM_NOT_FOUND');
    const trail = (await admin.get(`/api/v1/audit-events?entityId=${term.body.id}`)).body.items as { action: string }[];
    expect(trail.map((e) => e.action).sort()).toEqual(['scheduling.term.created', 'scheduling.term.removed', 'scheduling.term.updated']);
  });

  it('keeps the dates of a term that series run in, and the term, saying why; renaming it is allowed', async () => {
    const { admin } = suite;
    const current = ((await admin.get('/api/v1/terms')).body as { id: string; name: string; endDate: string }[]).find((t) => t.name === 'Current term')!;
    const moved = await admin.patch(`/api/v1/terms/${current.id}`, { endDate: `${YEAR + 5}-01-01` });
    expectProblem(moved, 409, 'SCHEDULING.TERM_IN_USE');
    expect(moved.body.detail).toMatch(/lesson series run in Current term/);
    expectProblem(await admin.delete(`/api/v1/terms/${current.id}`), 409, 'SCHEDULING.TERM_IN_USE');
    const renamed = await admin.patch(`/api/v1/terms/${current.id}`, { name: 'This term' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'This term', endDate: current.endDate });
    expect((await admin.patch(`/api/v1/terms/${current.id}`, { name: 'Current term' })).status).toBe(200);
  });
});

describe('closures', () => {
  it('changes and deletes a closure (the console’s Delete was calling a route that did not exist)', async () => {
    const { admin } = suite;
    const closure = await admin.post('/api/v1/closures', { name: 'Inset day', startDate: `${YEAR}-02-02`, endDate: `${YEAR}-02-02` });
    expect(closure.status).toBe(201);
    const changed = await admin.patch(`/api/v1/closures/${closure.body.id}`, { endDate: `${YEAR}-02-03` });
    expect(changed.body).toEqual({ id: closure.body.id, name: 'Inset day', startDate: `${YEAR}-02-02`, endDate: `${YEAR}-02-03` });
    expect(fieldsOf(await admin.patch(`/api/v1/closures/${closure.body.id}`, { name: '' }))).toEqual(['name']);
    expect((await admin.delete(`/api/v1/closures/${closure.body.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/closures')).body.some((c: { id: string }) => c.id === closure.body.id)).toBe(false);
    expectProblem(await admin.patch(`/api/v1/closures/${closure.body.id}`, { name: 'Back' }), 404, 'SCHEDULING.CLOSURE_NOT_FOUND');
  });
});

describe('lesson types', () => {
  it('changes one field of a type and clears its rate; removes an unused type and refuses one lessons are of', async () => {
    const { admin } = suite;
    const type = await admin.post('/api/v1/lesson-types', { name: 'Theory 45', durationMinutes: 45, format: 'group', rateMinor: 1800 });
    expect(type.status).toBe(201);
    const priced = await admin.patch(`/api/v1/lesson-types/${type.body.id}`, { rateMinor: 2000 });
    expect(priced.body).toMatchObject({ name: 'Theory 45', durationMinutes: 45, format: 'group', rateMinor: 2000 });
    const cleared = await admin.patch(`/api/v1/lesson-types/${type.body.id}`, { rateMinor: null, durationMinutes: 40 });
    expect(cleared.body).toMatchObject({ name: 'Theory 45', durationMinutes: 40, rateMinor: null });
    expect(fieldsOf(await admin.patch(`/api/v1/lesson-types/${type.body.id}`, { format: 'duet' }))).toEqual(['format']);
    expect((await admin.delete(`/api/v1/lesson-types/${type.body.id}`)).status).toBe(204);

    const week = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const used = ((await admin.get(`/api/v1/lessons?from=${week(-7)}&to=${week(14)}`)).body as { lessonTypeId: string | null }[]).find((l) => l.lessonTypeId)!;
    const refused = await admin.delete(`/api/v1/lesson-types/${used.lessonTypeId}`);
    expectProblem(refused, 409, 'SCHEDULING.LESSON_TYPE_IN_USE');
    expect(refused.body.detail).toMatch(/cannot be removed/);
    expect((await admin.get('/api/v1/lesson-types')).body.some((t: { id: string }) => t.id === used.lessonTypeId)).toBe(true);
  });
});
