import type { ImportKindInfo, ImportReport } from '@cadenza/shared/contracts';
import { reportSummary } from './import-wizard-page';

const families: ImportKindInfo = { kind: 'families', title: 'Families, guardians and students', fields: [] };
const report = (change: Partial<ImportReport>): ImportReport => ({ kind: 'families', runId: 'r', committed: false, rowCount: 3, created: 2, unchanged: 1, problems: [], ...change });
const problem = (row: number) => ({ row, column: 'Student email', field: 'student_email', code: 'X', message: 'Bad.' });

describe('reportSummary', () => {
  it('counts the rows with problems, not the problems', () => {
    expect(reportSummary(report({ problems: [problem(3), problem(3), problem(5)] }), families)).toBe('2 rows have problems; nothing was imported. Fix them in the file and choose it again.');
    expect(reportSummary(report({ problems: [problem(4)] }), families)).toBe('1 row has problems; nothing was imported. Fix them in the file and choose it again.');
  });

  it('says what a clean dry run would do and what a commit did, in families or rows', () => {
    expect(reportSummary(report({}), families)).toBe('Ready to import: 2 families new, 1 already there. Nothing is written yet.');
    expect(reportSummary(report({ committed: true, kind: 'rooms' }), { ...families, kind: 'rooms' })).toBe('Imported: 2 rows new, 1 already there.');
  });
});
