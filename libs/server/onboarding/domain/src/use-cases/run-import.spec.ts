import { asId, DomainError, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { InMemoryImportProgress, InMemoryImportTargets } from '../testing/index.js';
import { IMPORT_FIELDS, IMPORT_ROW_LIMIT, suggestMapping, templateCsv, type ImportKind } from '../model/import-kinds.js';
import type { ImportTable } from '../model/import-rows.js';
import { RunImport } from './run-import.js';

const school = asId<SchoolId>('00000000-0000-4000-8000-000000000001');
const admin: Actor = { userId: asId<UserId>('00000000-0000-4000-8000-0000000000a1'), schoolId: school, roles: ['admin'] };
const teacher: Actor = { ...admin, userId: asId<UserId>('00000000-0000-4000-8000-0000000000a2'), roles: ['teacher'] };

const FAMILY_COLUMNS = IMPORT_FIELDS.families.map((f) => f.label);
const family = (ref: string, student: string, dob: string, guardian: string, extra: Partial<Record<'access' | 'second', string>> = {}): string[] => [
  ref,
  `${ref} family`,
  `Student ${student}`,
  `${student}@example.org`,
  dob,
  `Parent ${guardian}`,
  `${guardian}@example.org`,
  extra.access ?? '',
  extra.second ? `Parent ${extra.second}` : '',
  extra.second ? `${extra.second}@example.org` : '',
];

function world() {
  const targets = new InMemoryImportTargets();
  const progress = new InMemoryImportProgress();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([targets, audit]);
  const run = new RunImport(targets, progress, audit, uow, new FixedClock('2026-12-07T10:00:00Z'));
  const exec = (kind: ImportKind, table: ImportTable, commit: boolean, actor = admin) =>
    run.execute(actor, { kind, table, mapping: mappingFor(kind, table), runId: 'run-1', commit });
  return { targets, progress, audit, exec };
}

const mappingFor = (kind: ImportKind, table: ImportTable) =>
  Object.fromEntries(Object.entries(suggestMapping(kind, table.columns)).filter((e): e is [string, string] => e[1] !== null));

describe('RunImport', () => {
  const good: ImportTable = {
    columns: FAMILY_COLUMNS,
    rows: [family('F1', 'ada', '2014-03-09', 'ngozi', { second: 'chidi' }), family('F1', 'obi', '2016-05-01', 'ngozi', { second: 'chidi' }), family('F2', 'lin', '2001-01-01', 'mei', { access: 'view' })],
  };

  it('lists every bad row by row, column and field in a dry run, and writes nothing', async () => {
    const { targets, audit, exec } = world();
    const table: ImportTable = {
      columns: FAMILY_COLUMNS,
      rows: [
        family('F1', 'ada', '2014-03-09', 'ngozi'),
        family('F2', 'ben', '2014-13-40', 'bola'),
        family('F3', 'ada', '2015-01-01', 'carla'),
        family('F4', 'dan', '2030-01-01', 'dora'),
        ['F5', 'F5 family', '', 'eve@example.org', '2012-02-02', 'Parent Eli', 'eli@example.org', 'sometimes', '', ''],
      ],
    };
    const report = await exec('families', table, false);
    expect(report.committed).toBe(false);
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'Student date of birth', 'ONBOARDING.INVALID_DATE'],
      [4, 'Student email', 'ONBOARDING.DUPLICATE'],
      [5, 'Student date of birth', 'ONBOARDING.FUTURE_DATE_OF_BIRTH'],
      [6, 'Student name', 'ONBOARDING.REQUIRED'],
      [6, 'Guardian access', 'ONBOARDING.INVALID_CHOICE'],
    ]);
    expect(report.created).toBe(1);
    expect(targets.people.size).toBe(0);
    expect(audit.entries).toEqual([]);
  });

  it('commits a good file whole, audited once, and changes nothing when the same file comes again', async () => {
    const { targets, audit, progress, exec } = world();
    const first = await exec('families', good, true);
    expect(first).toMatchObject({ committed: true, rowCount: 3, created: 2, unchanged: 0, problems: [] });
    expect([...targets.people.keys()].sort()).toEqual(['ada@example.org', 'chidi@example.org', 'lin@example.org', 'mei@example.org', 'ngozi@example.org', 'obi@example.org']);
    expect(audit.entries.map((e) => [e.action, e.after])).toEqual([['onboarding.import.committed', { kind: 'families', rows: 3, created: 2, unchanged: 0 }]]);
    expect(progress.read(school, 'run-1')).toMatchObject({ phase: 'done', done: 2, total: 2 });

    const again = await exec('families', good, true);
    expect(again).toMatchObject({ committed: true, created: 0, unchanged: 2, problems: [] });
    expect(targets.people.size).toBe(6);
  });

  it('keeps nothing of a commit when one group is refused by the school’s records', async () => {
    const { targets, audit, exec } = world();
    targets.people.set('mei@example.org', { name: 'Mei the teacher', roles: ['teacher'] });
    await expect(exec('families', good, true)).rejects.toMatchObject({
      code: 'ONBOARDING.ROWS_REFUSED',
      kind: 'invalid',
      details: {
        fields: [{ field: 'rows.4.guardian_email', message: 'mei@example.org belongs to someone else.' }],
        report: { committed: false, created: 1, problems: [{ row: 4, column: 'Guardian email', field: 'guardian_email', code: 'TEST.REFUSED', message: 'mei@example.org belongs to someone else.' }] },
      },
    });
    expect([...targets.people.keys()]).toEqual(['mei@example.org']);
    expect(audit.entries).toEqual([]);
  });

  it('checks each lesson against the rows written before it', async () => {
    const { targets, exec } = world();
    targets.people.set('t@example.org', { name: 'T', roles: ['teacher'] });
    targets.people.set('a@example.org', { name: 'A', roles: ['student'] });
    targets.people.set('b@example.org', { name: 'B', roles: ['student'] });
    targets.terms.add('Spring');
    const columns = IMPORT_FIELDS.lessons.map((f) => f.label);
    const table: ImportTable = {
      columns,
      rows: [
        ['a@example.org', 't@example.org', '', 'Tuesday', '16:00', '30', 'Spring', ''],
        ['b@example.org', 't@example.org', '', 'tue', '16:00', '30', 'Spring', ''],
        ['b@example.org', 'x@example.org', 'Hall', 'Funday', '25:00', '0', 'Spring', '2026-02-30'],
      ],
    };
    const report = await exec('lessons', table, false);
    expect(report.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'start_time'],
      [4, 'weekday'],
      [4, 'start_time'],
      [4, 'duration_minutes'],
      [4, 'first_date'],
    ]);
    expect(targets.lessons).toEqual([]);
  });

  it('refuses a file over the row limit, an unmapped required field and a non-admin, before anything is written', async () => {
    const { targets, exec } = world();
    const huge: ImportTable = { columns: FAMILY_COLUMNS, rows: Array.from({ length: IMPORT_ROW_LIMIT + 1 }, (_, i) => family(`F${i}`, `s${i}`, '2010-01-01', `p${i}`)) };
    await expect(exec('families', huge, false)).rejects.toMatchObject({ code: 'ONBOARDING.TOO_MANY_ROWS', details: { fields: [{ field: 'file' }] } });
    const unmapped: ImportTable = { columns: FAMILY_COLUMNS.slice(1), rows: [family('F1', 'a', '2010-01-01', 'p').slice(1)] };
    await expect(exec('families', unmapped, false)).rejects.toMatchObject({ code: 'ONBOARDING.INVALID_MAPPING', details: { fields: [{ field: 'mapping.family_ref' }] } });
    await expect(exec('families', good, true, teacher)).rejects.toBeInstanceOf(DomainError);
    expect(targets.opened).toBe(0);
  });
});

describe('templates and mapping', () => {
  it('gives each kind a template whose headings map back to every field', () => {
    for (const kind of ['families', 'teachers', 'rooms', 'lessons'] as const) {
      const [headings] = templateCsv(kind).split('\r\n');
      const columns = headings.split(',').map((h) => h.replace(/^"|"$/g, ''));
      expect(Object.values(suggestMapping(kind, columns))).not.toContain(null);
    }
  });

  it('suggests columns whatever their case and punctuation', () => {
    expect(suggestMapping('rooms', ['ROOM NAME', 'capacity', 'Notes'])).toEqual({ name: 'ROOM NAME', capacity: 'capacity', features: null });
  });
});
