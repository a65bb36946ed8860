import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { absenceStreak, assertMayReadReports, assertMayReadTeacherFigures, attendanceFigures, daysOf, NO_COUNTS, pageOf, periodWithin, previousPeriod, roomUtilisation, studentsAtRisk, sumCounts, weekOf, weekdayOf, type Mark, type StudentMarks } from './reports.js';

const actor = (roles: string[]) => ({ userId: asId<UserId>('u'), schoolId: asId<SchoolId>('s'), roles });

describe('report periods', () => {
  it('lists every day, finds weekdays and Mondays, and the period before of the same length', () => {
    expect(daysOf({ from: '2026-12-28', to: '2027-01-02' })).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-13')).toBe(7);
    expect(weekOf('2026-12-13')).toBe('2026-12-07');
    expect(weekOf('2027-01-01')).toBe('2026-12-28');
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-02', to: '2026-10-31' });
  });

  it('keeps a week or month within the period', () => {
    expect(periodWithin({ from: '2026-12-09', to: '2026-12-31' }, '2026-12-07', 'week')).toEqual({ from: '2026-12-09', to: '2026-12-13' });
    expect(periodWithin({ from: '2026-01-01', to: '2026-12-31' }, '2026-02-01', 'month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodWithin({ from: '2026-01-01', to: '2026-12-20' }, '2026-12-01', 'month')).toEqual({ from: '2026-12-01', to: '2026-12-20' });
  });

  it('lets only admins read reports', () => {
    expect(() => assertMayReadReports(actor(['teacher']))).toThrow(expect.objectContaining({ code: 'REPORTING.ADMINS_ONLY', kind: 'forbidden' }));
    expect(() => assertMayReadReports(actor(['teacher', 'admin']))).not.toThrow();
  });
});

describe('a teacher’s own figures', () => {
  const school = asId<SchoolId>('s');
  const as = (userId: string, ...roles: string[]) => ({ userId: asId<UserId>(userId), schoolId: school, roles });
  it('are the teacher’s and the admins’: another teacher’s are not found, anyone else is refused', () => {
    expect(() => assertMayReadTeacherFigures(as('t1', 'teacher'), 't1')).not.toThrow();
    expect(() => assertMayReadTeacherFigures(as('a', 'admin'), 't1')).not.toThrow();
    expect(() => assertMayReadTeacherFigures(as('t2', 'teacher'), 't1')).toThrow(expect.objectContaining({ kind: 'not_found' }));
    for (const role of ['accompanist', 'student', 'parent']) expect(() => assertMayReadTeacherFigures(as('x', role), 't1')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });
});

describe('room utilisation', () => {
  const hours = { opens: '09:00', closes: '21:00', days: [1, 2, 3, 4, 5] };
  const rooms = [
    { id: 'a', name: 'Annex' },
    { id: 'b', name: 'Ballroom' },
    { id: 'c', name: 'Cellar' },
  ];

  it('divides booked by open minutes per day and week, closed days aside, least used rooms first', () => {
    // Monday 7 to Sunday 13 December, and Monday 14: the 9th is a closure.
    const result = roomUtilisation({ from: '2026-12-07', to: '2026-12-14' }, hours, new Set(['2026-12-09']), rooms, [
      { roomId: 'a', date: '2026-12-07', bookedMinutes: 360 },
      { roomId: 'a', date: '2026-12-09', bookedMinutes: 60 },
      { roomId: 'a', date: '2026-12-14', bookedMinutes: 720 },
      { roomId: 'b', date: '2026-12-08', bookedMinutes: 72 },
    ]);
    expect(result.map((r) => r.name)).toEqual(['Cellar', 'Ballroom', 'Annex']);
    const annex = result[2]!;
    expect(annex.days.find((d) => d.date === '2026-12-07')).toEqual({ date: '2026-12-07', bookedMinutes: 360, openMinutes: 720, utilisation: 0.5 });
    // A closure: what was booked shows, nothing is open, and it counts in no share.
    expect(annex.days.find((d) => d.date === '2026-12-09')).toEqual({ date: '2026-12-09', bookedMinutes: 60, openMinutes: 0, utilisation: null });
    expect(annex.days.find((d) => d.date === '2026-12-12')?.openMinutes).toBe(0);
    expect(annex.weeks).toEqual([
      { week: '2026-12-07', bookedMinutes: 360, openMinutes: 4 * 720, utilisation: 360 / 2880 },
      { week: '2026-12-14', bookedMinutes: 720, openMinutes: 720, utilisation: 1 },
    ]);
    expect(annex).toMatchObject({ bookedMinutes: 1080, openMinutes: 3600, utilisation: 0.3 });
    expect(result[0]).toMatchObject({ bookedMinutes: 0, utilisation: 0 });
    expect(result[1]!.utilisation).toBeCloseTo(72 / 3600);
  });

  it('puts rooms that were never open last', () => {
    const result = roomUtilisation({ from: '2026-12-12', to: '2026-12-13' }, hours, new Set(), rooms.slice(0, 1), []);
    expect(result[0]).toMatchObject({ openMinutes: 0, utilisation: null });
  });
});

describe('attendance figures', () => {
  it('rates on-time starts over lessons and attendance over the places marked, excused left out', () => {
    expect(attendanceFigures({ ...NO_COUNTS, lessons: 4, started: 3, onTime: 2, places: 10, marked: 9, present: 5, late: 1, absentWithNotice: 1, absentWithoutNotice: 1, excused: 1 })).toMatchObject({
      onTimeRate: 0.5,
      attendanceRate: 6 / 8,
    });
    expect(attendanceFigures(NO_COUNTS)).toMatchObject({ onTimeRate: null, attendanceRate: null });
    expect(sumCounts([{ ...NO_COUNTS, lessons: 2, late: 1 }, { ...NO_COUNTS, lessons: 3, excused: 4 }])).toEqual({ ...NO_COUNTS, lessons: 5, late: 1, excused: 4 });
  });
});

describe('students at risk', () => {
  const student = (id: string, marks: Mark[], previous = { marked: 0, attended: 0, excused: 0 }): StudentMarks => ({ studentId: id, name: `Student ${id}`, instrument: 'piano', marks, lastLessonAt: null, previous });

  it('counts absences in a row up to the latest mark, excused lessons neither breaking nor lengthening it', () => {
    expect(absenceStreak(['absent_no_notice', 'present', 'absent_notice', 'excused', 'absent_no_notice'])).toBe(2);
    expect(absenceStreak(['absent_no_notice', 'late'])).toBe(0);
    expect(absenceStreak([])).toBe(0);
  });

  it('finds streaks, falls against the period before and low rates, most at risk first', () => {
    const risks = studentsAtRisk([
      student('fine', ['present', 'present', 'late', 'present'], { marked: 4, attended: 4, excused: 0 }),
      student('streak', ['present', 'present', 'present', 'present', 'absent_notice', 'absent_no_notice']),
      student('falling', ['present', 'present', 'present', 'absent_notice', 'present'], { marked: 4, attended: 4, excused: 0 }),
      student('low', ['absent_no_notice', 'present', 'absent_no_notice', 'present'], { marked: 4, attended: 4, excused: 0 }),
      student('few', ['absent_notice', 'present']),
    ]);
    expect(risks.map((r) => [r.studentId, r.reasons])).toEqual([
      // As many reasons: the longer streak first.
      ['streak', ['absence_streak', 'low']],
      ['low', ['falling', 'low']],
      ['falling', ['falling']],
    ]);
    expect(risks[0]).toMatchObject({ absenceStreak: 2, marked: 6, attendanceRate: 4 / 6, previousRate: null });
  });
});

describe('paging', () => {
  it('gives one page with the total, or every row for an export', () => {
    expect(pageOf([1, 2, 3, 4, 5], { offset: 2, limit: 2 })).toEqual({ total: 5, offset: 2, limit: 2, rows: [3, 4] });
    expect(pageOf([1, 2], undefined)).toEqual({ total: 2, offset: 0, limit: 2, rows: [1, 2] });
  });
});
