import { choicesStillClashing, resolutionsFrom, type SeriesOccurrence } from './series-conflict-choices';

const occurrence = (date: string, suggestions: string[]): SeriesOccurrence => ({
  date,
  start: `${date}T16:00:00.000Z`,
  end: `${date}T16:45:00.000Z`,
  conflicts: [{ kind: 'teacher', severity: 'hard', id: 'l', start: `${date}T16:00:00.000Z`, end: `${date}T16:45:00.000Z`, message: 'Busy.' }],
  suggestions: suggestions.map((start) => ({ start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString(), roomId: null })),
});

describe('a series’ choices for its clashing dates', () => {
  const occurrences = [occurrence('2027-04-13', ['2027-04-13T17:00:00.000Z', '2027-04-13T18:00:00.000Z']), occurrence('2027-04-20', []), occurrence('2027-04-27', [])];

  it('skips a date, moves one to the free time chosen, and leaves out a date with no choice yet', () => {
    expect(resolutionsFrom(occurrences, { '2027-04-13': '1', '2027-04-20': 'skip' })).toEqual([
      { date: '2027-04-13', action: 'move', start: '2027-04-13T18:00:00.000Z', end: '2027-04-13T18:45:00.000Z' },
      { date: '2027-04-20', action: 'skip' },
    ]);
    expect(resolutionsFrom(occurrences, {})).toEqual([]);
  });

  it('keeps only the choices of the dates that still clash', () => {
    expect(choicesStillClashing([occurrences[1]], { '2027-04-13': '0', '2027-04-20': 'skip' })).toEqual({ '2027-04-20': 'skip' });
  });
});
