import { apiSuite, demo, signedIn } from './support/client.js';
import { expectProblem, fieldsOf } from './support/scheduling.js';

/**
 * Makeup credits kept by admins: every credit of the school listed without naming a student (it used to be empty
 * for an admin), a credit granted for a student's lesson, extended, voided with a reason (audited), and a makeup
 * lesson booked on the family's behalf. Who may call these: the access and tenancy suites.
 */
const suite = apiSuite();

interface Credit {
  id: string;
  studentId: string;
  originLessonId: string;
  status: string;
  expiresAt: string;
  voidReason: string | null;
}

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe('makeup credits for admins', () => {
  it('lists the school’s credits to an admin who names no student, as the parents see theirs', async () => {
    const { api, admin } = suite;
    const all = (await admin.get('/api/v1/makeup-credits')).body as Credit[];
    expect(all.length).toBeGreaterThan(0);
    const parent = await signedIn(api.url, demo('parent2'));
    const theirs = (await parent.get('/api/v1/makeup-credits')).body as Credit[];
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((c) => all.some((a) => a.id === c.id))).toBe(true);
  });

  it('grants a credit for a student’s lesson once, extends it, books a makeup lesson with it for the family, and voids another', async () => {
    const { api, admin } = suite;
    const users = (await admin.get('/api/v1/users')).body as { id: string; email: string }[];
    const student = users.find((u) => u.email === demo('student7'))!.id;
    const lessons = (await admin.get(`/api/v1/lessons?studentId=${student}&from=${encodeURIComponent(days(-21))}&to=${encodeURIComponent(days(0))}`)).body as { id: string }[];
    expect(lessons.length).toBeGreaterThan(1);
    const [first, second] = lessons;

    const bad = await admin.post('/api/v1/makeup-credits', { studentId: student, originLessonId: first!.id, reason: '' });
    expectProblem(bad, 400);
    expect(fieldsOf(bad)).toEqual(['reason']);
    const stranger = users.find((u) => u.email === demo('student8'))!.id;
    expect(fieldsOf(await admin.post('/api/v1/makeup-credits', { studentId: stranger, originLessonId: first!.id, reason: 'Not theirs' }))).toEqual(['studentId']);

    const granted = await admin.post('/api/v1/makeup-credits', { studentId: student, originLessonId: first!.id, validDays: 3, reason: 'Teacher was ill' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ studentId: student, originLessonId: first!.id, status: 'available', voidReason: null });
    expectProblem(await admin.post('/api/v1/makeup-credits', { studentId: student, originLessonId: first!.id, reason: 'Again' }), 409, 'SCHEDULING.CREDIT_EXISTS');

    expect(fieldsOf(await admin.post(`/api/v1/makeup-credits/${granted.body.id}/extend`, { expiresAt: days(-1), reason: 'Backwards' }))).toEqual(['expiresAt']);
    const extended = await admin.post(`/api/v1/makeup-credits/${granted.body.id}/extend`, { expiresAt: days(40), reason: 'Family away for a fortnight' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(Date.parse(days(39)));

    // The admin books the makeup lesson at one of the teacher's free times the family would be offered.
    // Times when the cancelled lesson's room is free too, so the makeup lesson keeps its room.
    const origin = (await admin.get(`/api/v1/lessons/${first!.id}`)).body as { lesson: { teacherId: string; roomId: string } };
    const slots = (await admin.get(`/api/v1/availability/slots?teacherId=${origin.lesson.teacherId}&studentId=${student}&roomId=${origin.lesson.roomId}&durationMinutes=30&from=${encodeURIComponent(days(2))}&to=${encodeURIComponent(days(30))}&limit=3`)).body as { start: string; end: string; roomId: string }[];
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.roomId === origin.lesson.roomId)).toBe(true);
    const booked = await admin.post(`/api/v1/makeup-credits/${granted.body.id}/book`, { start: slots[0]!.start, end: slots[0]!.end, roomId: slots[0]!.roomId });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ studentIds: [student], teacherId: origin.lesson.teacherId, roomId: origin.lesson.roomId, status: 'scheduled' });
    expectProblem(await admin.post(`/api/v1/makeup-credits/${granted.body.id}/void`, { reason: 'Too late' }), 409, 'SCHEDULING.CREDIT_USED');

    const other = await admin.post('/api/v1/makeup-credits', { studentId: student, originLessonId: second!.id, reason: 'Goodwill' });
    const voided = await admin.post(`/api/v1/makeup-credits/${other.body.id}/void`, { reason: 'Made up in the group lesson' });
    expect(voided.body).toMatchObject({ status: 'void', voidReason: 'Made up in the group lesson' });
    expectProblem(await admin.post(`/api/v1/makeup-credits/${other.body.id}/book`, { start: slots[1]!.start, end: slots[1]!.end }), 409, 'SCHEDULING.CREDIT_UNAVAILABLE');

    const trail = (await admin.get(`/api/v1/audit-events?entityType=makeup_credit&entityId=${other.body.id}`)).body.items as { action: string; after: { reason?: string } }[];
    expect(trail.map((e) => [e.action, e.after.reason])).toEqual([
      ['scheduling.makeup_credit.voided', 'Made up in the group lesson'],
      ['scheduling.makeup_credit.granted', 'Goodwill'],
    ]);
    // The family sees the voided credit and why.
    const family = await signedIn(api.url, demo('student7'));
    expect(((await family.get('/api/v1/makeup-credits')).body as Credit[]).find((c) => c.id === other.body.id)).toMatchObject({ status: 'void', voidReason: 'Made up in the group lesson' });
  }, 60_000);
});
