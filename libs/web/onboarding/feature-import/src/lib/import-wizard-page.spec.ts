import type { ImportKindInfo, ImportReport } from '@cadenza/shared/contracts';
import { invitationsSummary, reportSummary } from './import-wizard-page';

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

describe('invitationsSummary', () => {
  const answer = { people: 6, sent: 6, alreadyInvited: 0, notInvitable: 0, waiting: 0, retryAfterSeconds: null };
  it('says what was sent, what was left alone and what waits for the limit', () => {
    expect(invitationsSummary(answer)).toBe('6 invitations sent.');
    expect(invitationsSummary({ ...answer, sent: 1, alreadyInvited: 5 })).toBe('1 invitation sent, 5 already invited.');
    expect(invitationsSummary({ ...answer, people: 40, sent: 30, notInvitable: 2, waiting: 8, retryAfterSeconds: 20 })).toBe(
      '30 invitations sent, 2 without an email or signing in already. 8 more wait for the invitations’ limit: invite again in 20 seconds.',
    );
  });
});
