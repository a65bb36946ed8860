import { newId } from '@cadenza/shared/kernel';
import type { SeriesId, TermId } from '../model/ids.js';
import { localParts } from '../time/zoned-time.js';
import { at, readyWorld, rejection, weeklySeries, type ReadyWorld } from '../testing/setup.js';

/** The ready world's spring term with two weekly series, and a summer term (with a closure) to copy them into. */
async function rolloverWorld() {
  const w = await readyWorld();
  const { admin, teacher, student, otherStudent } = w.people;
  const tuesday = await w.useCases.createSeries.execute(teacher, weeklySeries(w));
  const thursday = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { studentIds: [otherStudent.userId], rrule: 'FREQ=WEEKLY;BYDAY=TH', firstDate: '2026-01-08' }));
  // A series ended early does not roll over.
  const ended = await w.useCases.createSeries.execute(teacher, weeklySeries(w, { rrule: 'FREQ=WEEKLY;BYDAY=WE', firstDate: '2026-01-07' }));
  await w.useCases.endSeries.execute(admin, { seriesId: ended.series.id, lastDate: '2026-02-04', reason: 'Stopped' });
  const summer = await w.useCases.createTerm.execute(admin, { name: 'Summer', startDate: '2026-04-13', endDate: '2026-05-22' });
  await w.useCases.addClosure.execute(admin, { name: 'Bank holiday', startDate: '2026-05-05', endDate: '2026-05-05' });
  w.stores.audit.entries.length = 0;
  return { ...w, summer, tuesday: tuesday.series, thursday: thursday.series, student };
}

const terms = (w: ReadyWorld & { summer: { id: TermId } }) => ({ sourceTermId: w.term.id, targetTermId: w.summer.id });

describe('RollOverTerm', () => {
  it('previews each series running to the term’s end with its dates in the next term, closures left out, and each clash', async () => {
    const w = await rolloverWorld();
    // Someone else already has the teacher on the first Thursday of summer at 16:00.
    const clash = await w.useCases.book.execute(w.people.admin, { teacherId: w.people.teacher.userId, studentIds: [w.student.userId], start: at('2026-04-16T15:00:00Z'), end: at('2026-04-16T15:45:00Z') });
    w.stores.audit.entries.length = 0;
    const preview = await w.useCases.rollOver.preview(w.people.admin, terms(w));
    expect(preview.series.map((s) => s.source.id)).toEqual([w.tuesday.id, w.thursday.id]);
    const [tue, thu] = preview.series;
    expect(tue.dates.map((d) => d.date)).toEqual(['2026-04-14', '2026-04-21', '2026-04-28', '2026-05-12', '2026-05-19']);
    expect(tue.closureDates).toEqual(['2026-05-05']);
    // 16:00 in London, now in summer time.
    expect(tue.dates.every((d) => localParts(d.start, 'Europe/London').time === '16:00' && d.conflicts.length === 0)).toBe(true);
    const first = thu.dates.find((d) => d.date === '2026-04-16');
    expect(first?.conflicts).toMatchObject([{ kind: 'teacher', id: clash.id }]);
    expect(first?.suggestions.length).toBeGreaterThan(0);
    expect(thu.dates.filter((d) => d.conflicts.length > 0)).toHaveLength(1);
    expect(preview.names.get(w.people.teacher.userId)).toBe('Tom Teacher');
    // A preview writes nothing.
    expect((await w.stores.series.inTerm(w.summer.id)).length).toBe(0);
    expect(w.stores.audit.entries).toEqual([]);
  });

  it('creates nothing while a chosen series still clashes, then copies with the clash skipped or moved, in one unit of work', async () => {
    const w = await rolloverWorld();
    await w.useCases.book.execute(w.people.admin, { teacherId: w.people.teacher.userId, studentIds: [w.student.userId], start: at('2026-04-16T15:00:00Z'), end: at('2026-04-16T15:45:00Z') });
    const both = [
      { seriesId: w.tuesday.id, action: 'copy' as const },
      { seriesId: w.thursday.id, action: 'copy' as const },
    ];
    const refused = await rejection(w.useCases.rollOver.commit(w.people.admin, { ...terms(w), series: both }));
    expect(refused.code).toBe('SCHEDULING.ROLLOVER_CONFLICT');
    expect(refused.details['series']).toMatchObject([{ seriesId: w.thursday.id, occurrences: [{ date: '2026-04-16' }] }]);
    expect((await w.stores.series.inTerm(w.summer.id)).length).toBe(0);

    w.stores.uow.runs = 0;
    w.stores.audit.entries.length = 0;
    const moved = { date: '2026-04-16', action: 'move' as const, start: at('2026-04-16T17:00:00Z'), end: at('2026-04-16T17:45:00Z') };
    const result = await w.useCases.rollOver.commit(w.people.admin, { ...terms(w), series: [both[0], { ...both[1], resolutions: [moved] }] });
    expect(w.stores.uow.runs).toBe(1);
    expect(result.created.map((c) => [c.source.id, c.lessons.length])).toEqual([
      [w.tuesday.id, 5],
      [w.thursday.id, 6],
    ]);
    const copies = await w.stores.series.inTerm(w.summer.id);
    expect(copies.map((c) => c.copiedFromId).sort()).toEqual([w.tuesday.id, w.thursday.id].sort());
    expect(copies.every((c) => c.untilDate === '2026-05-22' && c.firstDate === '2026-04-13')).toBe(true);
    const thursdayLessons = result.created[1].lessons.map((l) => l.start.toISOString());
    expect(thursdayLessons).toContain('2026-04-16T17:00:00.000Z');
    expect(w.stores.audit.entries.map((e) => e.action)).toEqual(['scheduling.series.created', 'scheduling.series.created', 'scheduling.term.rolled_over']);
  });

  it('copies a series once per term: a commit repeated creates nothing, and the preview names the copy', async () => {
    const w = await rolloverWorld();
    const choice = { seriesId: w.tuesday.id, action: 'copy' as const };
    const first = await w.useCases.rollOver.commit(w.people.admin, { ...terms(w), series: [choice, { seriesId: w.thursday.id, action: 'skip' }] });
    expect(first.created).toHaveLength(1);
    expect(first.notCopied.map((s) => s.id)).toEqual([w.thursday.id]);
    const lessons = w.stores.lessons.rows.size;
    const again = await w.useCases.rollOver.commit(w.people.admin, { ...terms(w), series: [choice] });
    expect(again.created).toEqual([]);
    expect(again.alreadyCopied).toEqual([{ source: expect.objectContaining({ id: w.tuesday.id }), copyId: first.created[0].series.id }]);
    expect(w.stores.lessons.rows.size).toBe(lessons);
    const preview = await w.useCases.rollOver.preview(w.people.admin, terms(w));
    expect(preview.series.map((s) => s.copyId)).toEqual([first.created[0].series.id, null]);
  });

  it('lets one of two racing commits copy a series: the other checks again and finds the copy', async () => {
    const w = await rolloverWorld();
    const input = { ...terms(w), series: [{ seriesId: w.tuesday.id, action: 'copy' as const }] };
    const [a, b] = await Promise.all([w.useCases.rollOver.commit(w.people.admin, input), w.useCases.rollOver.commit(w.people.admin, input)]);
    expect([a.created.length, b.created.length].sort()).toEqual([0, 1]);
    expect((await w.stores.series.inTerm(w.summer.id)).length).toBe(1);
  });

  it('refuses bad terms naming the field, choices that are not the term’s series, and anyone but an admin', async () => {
    const w = await rolloverWorld();
    const admin = w.people.admin;
    expect((await rejection(w.useCases.rollOver.preview(admin, { sourceTermId: w.term.id, targetTermId: newId<TermId>() }))).details.fields).toEqual([{ field: 'targetTermId', message: 'No term of the school has this id.' }]);
    expect((await rejection(w.useCases.rollOver.preview(admin, { sourceTermId: w.term.id, targetTermId: w.term.id }))).details.fields?.[0].field).toBe('targetTermId');
    expect((await rejection(w.useCases.rollOver.preview(admin, { sourceTermId: w.summer.id, targetTermId: w.term.id }))).code).toBe('SCHEDULING.ROLLOVER_TERMS');
    expect((await rejection(w.useCases.rollOver.preview(admin, { sourceTermId: newId<TermId>(), targetTermId: w.summer.id }))).kind).toBe('not_found');
    const unknown = await rejection(w.useCases.rollOver.commit(admin, { ...terms(w), series: [{ seriesId: newId<SeriesId>(), action: 'copy' }] }));
    expect(unknown.details.fields).toEqual([{ field: 'series.0.seriesId', message: expect.any(String) }]);
    const badDate = await rejection(w.useCases.rollOver.commit(admin, { ...terms(w), series: [{ seriesId: w.tuesday.id, action: 'copy', resolutions: [{ date: '2026-04-15', action: 'skip' }] }] }));
    expect(badDate.details.fields?.[0].field).toBe('series.0.resolutions.0.date');
    for (const who of [w.people.teacher, w.people.parent, w.people.student]) {
      expect((await rejection(w.useCases.rollOver.preview(who, terms(w)))).kind).toBe('forbidden');
      expect((await rejection(w.useCases.rollOver.commit(who, { ...terms(w), series: [] }))).kind).toBe('forbidden');
    }
    expect((await w.stores.series.inTerm(w.summer.id)).length).toBe(0);
  });

  it('lists a series whose student has left as one that cannot be copied, with the reason', async () => {
    const w = await rolloverWorld();
    w.stores.directory.addPerson(w.people.otherStudent.userId, ['student'], 'Sue Student', true);
    const preview = await w.useCases.rollOver.preview(w.people.admin, terms(w));
    expect(preview.series[1]).toMatchObject({ dates: [], problem: { code: 'SCHEDULING.PERSON_ARCHIVED' } });
    expect(preview.series[0].problem).toBeNull();
  });
});
