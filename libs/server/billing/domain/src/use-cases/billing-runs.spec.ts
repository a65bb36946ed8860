import { newId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { BilledLesson } from '../model/billed-lesson.js';
import type { LessonId } from '../model/ids.js';
import { billingWorld } from '../testing/billing-world.js';

/** Three families (one of two children) with piano lessons in January 2027, priced at £25 with a 10 % sibling discount. */
async function school() {
  const world = billingWorld({ now: '2026-12-25T06:00:00Z' });
  const { ports, useCases, people, lessonTypes } = world;
  const teacher = newId<UserId>();
  const kids = Array.from({ length: 4 }, () => newId<UserId>());
  ports.directory.schoolFamilies.push(
    { familyId: newId<FamilyId>(), name: 'Adams', payerId: newId<UserId>(), studentIds: [kids[0], kids[1]] },
    { familyId: newId<FamilyId>(), name: 'Brown', payerId: newId<UserId>(), studentIds: [kids[2]] },
    { familyId: newId<FamilyId>(), name: 'Clark', payerId: null, studentIds: [kids[3]] },
  );
  await useCases.setRate.execute(people.admin, { lessonTypeId: lessonTypes.piano, teacherId: null, durationMinutes: null, price: { minor: 2500, currency: 'GBP' } });
  await useCases.updateSettings.execute(people.admin, { siblingDiscountBasisPoints: 1000 });
  const lesson = async (student: UserId, start: string, over: Partial<BilledLesson> = {}) => {
    const l: BilledLesson = { id: newId<LessonId>(), teacherId: teacher, studentIds: [student], start: new Date(start), end: new Date(new Date(start).getTime() + 30 * 60_000), status: 'scheduled', lateCancellation: false, deliveredAt: null, lessonTypeId: lessonTypes.piano, ...over };
    await ports.lessons.record(l);
    return l;
  };
  const lessons = [await lesson(kids[0], '2027-01-07T16:00:00Z'), await lesson(kids[1], '2027-01-07T16:30:00Z'), await lesson(kids[2], '2027-01-08T16:00:00Z'), await lesson(kids[2], '2027-01-15T16:00:00Z')];
  // Clark's lesson has no type, and a lesson of December is not January's.
  await lesson(kids[3], '2027-01-09T10:00:00Z', { lessonTypeId: null });
  await lesson(kids[0], '2026-12-31T23:00:00Z');
  const billAll = async () => {
    let issued = 0;
    for (const ref of ports.runQueue.enqueued.splice(0)) issued += await useCases.billRunBatch.execute(ref);
    return issued;
  };
  return { ...world, kids, lessons, lesson, billAll };
}

describe('the billing run', () => {
  it('previews each family’s total and what it cannot charge, writing nothing', async () => {
    const { useCases, people, ports, lessons } = await school();
    const audited = ports.audit.entries.length;
    const preview = await useCases.previewRun.execute(people.admin, '2027-01');
    expect(preview.period).toEqual({ from: '2027-01-01', to: '2027-02-01' });
    expect(preview.run).toBeNull();
    expect(preview.accounts.map((a) => [a.familyName, a.lessons, a.total.minor])).toEqual([
      ['Adams', 2, 2500 + 2250],
      ['Brown', 2, 5000],
    ]);
    expect(preview.warnings.map((w) => w.kind)).toEqual(['no_lesson_type']);
    expect(await ports.accounts.list()).toEqual([]);
    expect(ports.invoices.byId.size).toBe(0);
    expect(ports.audit.entries).toHaveLength(audited);
    expect(lessons).toHaveLength(4);
    await expect(useCases.previewRun.execute(people.teacher, '2027-01')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(useCases.previewRun.execute(people.admin, '2027-13')).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field: 'period' })] } });
  });

  it('starts once per period: accounts for the families, batches handed on, each billed once with numbers from 1', async () => {
    const { useCases, people, ports, schoolId, billAll } = await school();
    const started = await useCases.startRun.execute(people.admin, schoolId, '2027-01');
    expect(started).toMatchObject({ created: true, progress: { run: { accounts: 3, batches: 1 }, batchesDone: 0 } });
    expect(await ports.accounts.list()).toHaveLength(3);
    const refs = [...ports.runQueue.enqueued];
    expect(await billAll()).toBe(2);
    // A batch handed on again (a retried or stalled job, the sweep) bills nothing.
    for (const ref of refs) expect(await useCases.billRunBatch.execute(ref)).toBe(0);
    const again = await useCases.startRun.execute(people.admin, schoolId, '2027-01');
    expect(again).toMatchObject({ created: false, progress: { run: { id: started.progress.run.id }, accountsDone: 3, batchesDone: 1, invoices: 2 } });
    expect(ports.runQueue.enqueued).toEqual([]);
    const invoices = [...ports.invoices.byId.values()];
    expect(invoices.map((i) => [i.status, i.number, i.lines.length]).sort()).toEqual([['issued', 1, 2], ['issued', 2, 2]]);
    expect(invoices.every((i) => i.dueAt?.toISOString() === '2027-01-08T06:00:00.000Z')).toBe(true);
    expect(ports.audit.entries.map((e) => e.action).slice(-2)).toEqual(['billing.run.started', 'billing.run.batch_issued']);
    // The batch told its progress once, in its unit of work; the batches handed on again told nothing.
    expect(ports.events.published.map((e) => [e.type, e.schoolId, e.payload])).toEqual([['billing.run_batch_billed.v1', schoolId, { runId: started.progress.run.id, periodFrom: '2027-01-01', batch: 0, invoices: 2 }]]);
  });

  it('credits on the next run a lesson an earlier invoice charged that the school cancelled, and charges no lesson twice', async () => {
    const { useCases, people, ports, schoolId, billAll, lessons, lesson, kids } = await school();
    await useCases.startRun.execute(people.admin, schoolId, '2027-01');
    await billAll();
    await ports.lessons.record({ ...lessons[2], status: 'cancelled', lateCancellation: false });
    await lesson(kids[2], '2027-02-05T16:00:00Z');
    await lesson(kids[2], '2027-02-12T16:00:00Z');
    // The Adams' January lesson moved into February is charged once, in January.
    await ports.lessons.record({ ...lessons[0], start: new Date('2027-02-01T10:00:00Z'), end: new Date('2027-02-01T10:30:00Z') });
    await useCases.startRun.execute(people.admin, schoolId, '2027-02');
    expect(await billAll()).toBe(1);
    const feb = [...ports.invoices.byId.values()].find((i) => i.period?.from === '2027-02-01');
    expect(feb?.lines.map((l) => [l.kind, l.amount.minor, l.sourceId])).toEqual([
      ['lesson', 2500, expect.any(String)],
      ['lesson', 2500, expect.any(String)],
      ['credit', -2500, lessons[2].id],
    ]);
    expect(feb?.number).toBe(3);
  });

  it('leaves nothing of a batch that fails, and bills it whole when tried again', async () => {
    const { useCases, people, ports, schoolId } = await school();
    await useCases.startRun.execute(people.admin, schoolId, '2027-01');
    const [ref] = ports.runQueue.enqueued;
    const save = ports.invoices.addForRun.bind(ports.invoices);
    ports.invoices.addForRun = async () => {
      throw new Error('the database went away');
    };
    await expect(useCases.billRunBatch.execute(ref!)).rejects.toThrow('went away');
    expect([ports.invoices.byId.size, ports.numbering.taken.length, (await ports.runs.list())[0]?.batchesDone, ports.events.published.length]).toEqual([0, 0, 0, 0]);
    ports.invoices.addForRun = save;
    expect(await useCases.billRunBatch.execute(ref!)).toBe(2);
    expect(ports.numbering.taken).toEqual([1, 2]);
    expect(ports.events.published.map((e) => e.type)).toEqual(['billing.run_batch_billed.v1']);
  });
});
