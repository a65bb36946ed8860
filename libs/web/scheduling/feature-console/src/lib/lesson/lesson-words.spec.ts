import { historyInWords } from './lesson-words';

describe('historyInWords', () => {
  it('says what was done to a lesson and which of its fields changed, never the raw action', () => {
    expect(historyInWords({ action: 'scheduling.lesson.edited', fields: ['accompanistId', 'end'] })).toBe('changed the lesson (accompanist, end)');
    expect(historyInWords({ action: 'scheduling.series.created', fields: [] })).toBe('created the series');
    expect(historyInWords({ action: 'scheduling.lesson.moved', fields: ['end', 'scope', 'start'] })).toBe('moved the lesson (end, start)');
    expect(historyInWords({ action: 'scheduling.lesson_type.renamed', fields: [] })).toBe('recorded lesson type renamed');
  });
});
