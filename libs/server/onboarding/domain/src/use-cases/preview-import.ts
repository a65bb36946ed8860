import type { Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { IMPORT_ROW_LIMIT, suggestMapping, type ImportKind } from '../model/import-kinds.js';
import { tooManyRows, type ImportTable } from '../model/import-rows.js';

export interface ImportPreviewResult {
  kind: ImportKind;
  columns: readonly string[];
  firstRows: (readonly string[])[];
  rowCount: number;
  rowLimit: number;
  mapping: Record<string, string | null>;
}

/** The mapping step: the file's headings, its first rows and a suggested column for each field. A file over the row limit is refused here already. */
export class PreviewImport {
  execute(actor: Actor, input: { kind: ImportKind; table: ImportTable }): ImportPreviewResult {
    requireAdmin(actor);
    if (input.table.rows.length > IMPORT_ROW_LIMIT) throw tooManyRows(input.table.rows.length);
    return {
      kind: input.kind,
      columns: input.table.columns,
      firstRows: input.table.rows.slice(0, 5),
      rowCount: input.table.rows.length,
      rowLimit: IMPORT_ROW_LIMIT,
      mapping: suggestMapping(input.kind, input.table.columns),
    };
  }
}
