import { lessonsQueryOf } from '@cadenza/web/reporting/data-access';
import { heat, lastDays, percent, spanDays } from './report-format';
import { problemOf } from './report-range';

describe('the reports’ period and figures', () => {
  it('takes the last days up to today, both included', () => {
    expect(lastDays(28, new Date(2026, 11, 7))).toEqual({ from: '2026-11-10', to: '2026-12-07' });
    expect(spanDays({ from: '2026-11-10', to: '2026-12-07' })).toBe(28);
  });

  it('names what is wrong with a period and applies none of it', () => {
    expect(problemOf({ from: '2026-12-07', to: '2026-12-07' })).toBeNull();
    expect(problemOf({ from: '2026-12-08', to: '2026-12-07' })).toBe('The period must not end before it begins.');
    expect(problemOf({ from: '2025-12-06', to: '2026-12-07' })).toBe('A report covers at most 366 days.');
    expect(problemOf({ from: '', to: '2026-12-07' })).toBe('Choose both dates.');
  });

  it('shows shares as percentages and shades the heat map by them, keeping dark text', () => {
    expect(percent(0.875)).toBe('88%');
    expect(percent(null)).toBe('—');
    expect(heat(0)).toBe('background: hsl(212 80% 96%); color: #111');
    expect(heat(1)).toBe('background: hsl(212 80% 58%); color: #111');
    expect(heat(null)).toBe('background: transparent');
  });

  it('reads the lessons behind a figure from the link the API gives with it', () => {
    expect(lessonsQueryOf('/api/v1/reports/lessons?from=2026-11-01&to=2026-11-30&teacherId=t1&delivered=true')).toEqual({ from: '2026-11-01', to: '2026-11-30', teacherId: 't1', delivered: 'true' });
  });
});
