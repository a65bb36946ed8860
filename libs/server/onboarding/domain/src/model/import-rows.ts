import { DomainError } from '@cadenza/shared/kernel';
import { IMPORT_FIELDS, IMPORT_ROW_LIMIT, type ImportKind } from './import-kinds.js';

/** A file as parsed: its headings and its data rows, each a list of cells. */
export interface ImportTable {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

/** What is wrong with a row, by the row as a spreadsheet numbers it (the headings are row 1) and the file's column. */
export interface ImportProblem {
  row: number;
  /** The file's column heading, or null for a problem of the whole row. */
  column: string | null;
  /** The import field (`student_email`), or null for a problem of the whole row. */
  field: string | null;
  code: string;
  message: string;
}

/** Field key → the file's column heading it comes from. */
export type ImportMapping = Readonly<Record<string, string>>;

export interface MappedRow {
  row: number;
  /** Every field of the kind, trimmed; empty when the cell is empty or the field is not mapped. */
  values: Readonly<Record<string, string>>;
}

export function tooManyRows(count: number): DomainError {
  return DomainError.invalid(
    'ONBOARDING.TOO_MANY_ROWS',
    'file',
    `The file has ${count.toLocaleString('en-GB')} rows; an import takes at most ${IMPORT_ROW_LIMIT.toLocaleString('en-GB')}. Split it into several files.`,
  );
}

/**
 * Applies the mapping to the file: refused (400, naming `mapping.<field>`) when it names a field the kind does not
 * have or a column the file does not have, or leaves a required field unmapped; refused when the file is empty or
 * over the row limit.
 */
export function mapRows(kind: ImportKind, table: ImportTable, mapping: ImportMapping): MappedRow[] {
  if (table.rows.length > IMPORT_ROW_LIMIT) throw tooManyRows(table.rows.length);
  const fields = IMPORT_FIELDS[kind];
  const problems: { field: string; message: string }[] = [];
  for (const key of Object.keys(mapping)) {
    if (!fields.some((f) => f.key === key)) problems.push({ field: `mapping.${key}`, message: `A ${kind} import has no field "${key}".` });
    else if (!table.columns.includes(mapping[key])) problems.push({ field: `mapping.${key}`, message: `The file has no column "${mapping[key]}".` });
  }
  for (const f of fields) {
    if (f.required && !mapping[f.key]) problems.push({ field: `mapping.${f.key}`, message: `Choose the column for ${f.label}.` });
  }
  if (problems.length > 0) throw new DomainError('ONBOARDING.INVALID_MAPPING', 'invalid', 'The columns are not mapped to the fields yet.', { fields: problems });
  if (table.rows.length === 0) throw DomainError.invalid('ONBOARDING.EMPTY_FILE', 'file', 'The file has headings but no rows.');
  const index = new Map(fields.map((f) => [f.key, mapping[f.key] ? table.columns.indexOf(mapping[f.key]) : -1]));
  return table.rows.map((cells, i) => ({
    row: i + 2,
    values: Object.fromEntries(fields.map((f) => {
      const at = index.get(f.key) ?? -1;
      return [f.key, at >= 0 ? (cells[at] ?? '').trim() : ''];
    })),
  }));
}
