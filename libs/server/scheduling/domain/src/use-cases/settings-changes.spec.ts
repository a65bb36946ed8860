import { newId } from '@cadenza/shared/kernel';
import type { ClosureId } from '../model/ids.js';
import { readyWorld, rejection, weeklySeries } from '../testing/setup.js';

describe('changing and removing settings', () => {
  it('a room change names only what changes', async () => {
    const w = await readyWorld();
    const changed = await w.useCases.updateRoom.execute(w.people.admin, { roomId: w.room.id, capacity: 6 });
    expect(changed.snapshot()).toMatchObject({ name: 'Studio 1', capacity: 6, features: ['piano'] });
  });

  it('moves a term with no series, keeps the dates of one with series (renaming it), and removes only an unused term', async () => {
    const w = await readyWorld();
    const { admin, teacher } = w.people;
    await expect(w.useCases.updateTerm.execute(teacher, { termId: w.term.id, name: 'Mine' })).rejects.toMatchObject({ kind: 'forbidden' });
    const summer = await w.useCases.createTerm.execute(admin, { name: 'Summer', startDate: '2026-04-13', endDate: '2026-07-17' });
    const moved = await w.useCases.updateTerm.execute(admin, { termId: summer.id, startDate: '2026-04-20' });
    expect(moved.snapshot()).toMatchObject({ name: 'Summer', startDate: '2026-04-20', endDate: '2026-07-17' });
    expect((await rejection(w.useCases.updateTerm.execute(admin, { termId: summer.id, startDate: '2026-03-20' }))).code).toBe('SCHEDULING.TERM_OVERLAP');

    await w.useCases.createSeries.execute(admin, weeklySeries(w));
    const inUse = await rejection(w.useCases.updateTerm.execute(admin, { termId: w.term.id, endDate: '2026-03-20' }));
    expect({ code: inUse.code, kind: inUse.kind }).toEqual({ code: 'SCHEDULING.TERM_IN_USE', kind: 'conflict' });
    expect(inUse.message).toMatch(/1 lesson series runs in Spring/);
    expect((await rejection(w.useCases.removeTerm.execute(admin, { termId: w.term.id }))).code).toBe('SCHEDULING.TERM_IN_USE');
    expect((await w.useCases.updateTerm.execute(admin, { termId: w.term.id, name: 'Spring 2026', endDate: '2026-03-27' })).name).toBe('Spring 2026');

    await w.useCases.removeTerm.execute(admin, { termId: summer.id });
    expect((await w.useCases.listTerms.execute(teacher)).map((t) => t.name)).toEqual(['Spring 2026']);
    expect(w.stores.audit.entries.map((e) => e.action).filter((a) => a.startsWith('scheduling.term'))).toEqual(['scheduling.term.created', 'scheduling.term.updated', 'scheduling.term.updated', 'scheduling.term.removed']);
  });

  it('changes and removes closures, audited', async () => {
    const w = await readyWorld();
    const { admin } = w.people;
    const closure = await w.useCases.addClosure.execute(admin, { name: 'Inset', startDate: '2026-02-02', endDate: '2026-02-02' });
    expect((await w.useCases.updateClosure.execute(admin, { closureId: closure.id, name: 'Inset day' })).snapshot()).toMatchObject({ name: 'Inset day', startDate: '2026-02-02' });
    expect((await rejection(w.useCases.updateClosure.execute(admin, { closureId: closure.id, endDate: '2026-02-01' }))).code).toBe('SCHEDULING.END_BEFORE_START');
    await w.useCases.removeClosure.execute(admin, { closureId: closure.id });
    expect(await w.useCases.listClosures.execute(admin)).toEqual([]);
    expect((await rejection(w.useCases.removeClosure.execute(admin, { closureId: newId<ClosureId>() }))).kind).toBe('not_found');
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.closure.created', 'scheduling.closure.updated', 'scheduling.closure.removed']);
  });

  it('changes a lesson type field by field and removes it only while no lesson is of it', async () => {
    const w = await readyWorld();
    const { admin } = w.people;
    const type = await w.useCases.createLessonType.execute(admin, { name: 'Piano 45', durationMinutes: 45, format: 'individual', rateMinor: 3000 });
    const changed = await w.useCases.updateLessonType.execute(admin, { typeId: type.id, rateMinor: null });
    expect(changed.snapshot()).toMatchObject({ name: 'Piano 45', durationMinutes: 45, format: 'individual', rateMinor: null });
    expect((await rejection(w.useCases.updateLessonType.execute(admin, { typeId: type.id, format: 'choir' }))).kind).toBe('invalid');
    await w.useCases.createSeries.execute(admin, weeklySeries(w, { lessonTypeId: type.id }));
    const refused = await rejection(w.useCases.removeLessonType.execute(admin, { typeId: type.id }));
    expect({ code: refused.code, kind: refused.kind }).toEqual({ code: 'SCHEDULING.LESSON_TYPE_IN_USE', kind: 'conflict' });
    const spare = await w.useCases.createLessonType.execute(admin, { name: 'Spare', durationMinutes: 30, format: 'group' });
    await w.useCases.removeLessonType.execute(admin, { typeId: spare.id });
    expect((await w.useCases.listLessonTypes.execute(admin)).map((t) => t.name)).toEqual(['Piano 45']);
  });
});
