import { z } from 'zod';

/** Bulk import of a school's records from CSV files: one kind per file. */
export const IMPORT_KIND_NAMES = ['families', 'teachers', 'rooms', 'lessons'] as const;
export const ImportKindName = z.enum(IMPORT_KIND_NAMES);
export type ImportKindName = z.infer<typeof ImportKindName>;

export const ImportKindParam = z.strictObject({ kind: ImportKindName });
export type ImportKindParam = z.infer<typeof ImportKindParam>;
export const ImportRunParam = z.strictObject({ runId: z.uuid({ message: 'Must be a UUID.' }) });
export type ImportRunParam = z.infer<typeof ImportRunParam>;

/**
 * The form fields sent with the file (multipart, the file in a part named `file`): `mapping`, a JSON object from each
 * field's key to the file's column heading; `runId`, the wizard's id for the run, under which its progress is read.
 */
export const ImportUploadFields = z.strictObject({
  mapping: z
    .string()
    .max(8_000)
    .transform((text, ctx) => {
      try {
        const parsed: unknown = JSON.parse(text);
        const result = z.record(z.string().max(60), z.string().max(200)).safeParse(parsed);
        if (result.success) return result.data;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'Must be a JSON object from field keys to column headings.' });
      return z.NEVER;
    })
    .optional(),
  runId: z.uuid({ message: 'Must be a UUID.' }).optional(),
});
export type ImportUploadFields = z.infer<typeof ImportUploadFields>;

export const ImportField = z.object({ key: z.string(), label: z.string(), required: z.boolean(), description: z.string(), example: z.string() });
export type ImportField = z.infer<typeof ImportField>;
export const ImportKindInfo = z
  .object({ kind: ImportKindName, title: z.string(), fields: z.array(ImportField) })
  .meta({ id: 'ImportKindInfo', example: { kind: 'rooms', title: 'Rooms', fields: [{ key: 'name', label: 'Room name', required: true, description: 'Unique in the school.', example: 'Studio 1' }] } });
export type ImportKindInfo = z.infer<typeof ImportKindInfo>;

export const ImportPreview = z
  .object({
    kind: ImportKindName,
    columns: z.array(z.string()),
    /** The file's first rows (up to five), as the mapping step shows them. */
    firstRows: z.array(z.array(z.string())),
    rowCount: z.number().int(),
    rowLimit: z.number().int(),
    /** For each field, the column it most likely comes from (null: none found). */
    mapping: z.record(z.string(), z.string().nullable()),
  })
  .meta({ id: 'ImportPreview', example: { kind: 'rooms', columns: ['Room name', 'Capacity'], firstRows: [['Studio 1', '4']], rowCount: 1, rowLimit: 10000, mapping: { name: 'Room name', capacity: 'Capacity', features: null } } });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportProblem = z.object({
  /** The row as a spreadsheet numbers it: the headings are row 1. */
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportReport = z
  .object({
    kind: ImportKindName,
    runId: z.string(),
    committed: z.boolean(),
    rowCount: z.number().int(),
    /** Families (or rows of the other kinds) that are, or would be, new; and those already there as the file says. */
    created: z.number().int(),
    unchanged: z.number().int(),
    problems: z.array(ImportProblem),
  })
  .meta({
    id: 'ImportReport',
    example: {
      kind: 'families',
      runId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
      committed: false,
      rowCount: 3,
      created: 1,
      unchanged: 0,
      problems: [{ row: 3, column: 'Student date of birth', field: 'student_date_of_birth', code: 'ONBOARDING.INVALID_DATE', message: '"2014-13-40" is not a date written YYYY-MM-DD.' }],
    },
  });
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProgress = z
  .object({ runId: z.string(), kind: ImportKindName, phase: z.enum(['checking', 'writing', 'done', 'failed']), done: z.number().int(), total: z.number().int() })
  .meta({ id: 'ImportProgress', example: { runId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', kind: 'families', phase: 'writing', done: 1200, total: 3000 } });
export type ImportProgress = z.infer<typeof ImportProgress>;
