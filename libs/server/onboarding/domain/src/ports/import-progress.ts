import type { SchoolId } from '@cadenza/shared/kernel';
import type { ImportKind } from '../model/import-kinds.js';

export type ImportPhase = 'checking' | 'writing' | 'done' | 'failed';

export interface ImportProgressState {
  runId: string;
  schoolId: SchoolId;
  kind: ImportKind;
  phase: ImportPhase;
  /** Groups written so far (families, or rows of the other kinds), and how many there are. */
  done: number;
  total: number;
}

/**
 * Where a running import tells how far it is, outside its transaction, so the wizard can show it while the commit's
 * request is still open.
 */
export abstract class ImportProgress {
  abstract report(state: ImportProgressState): void;
  abstract read(schoolId: SchoolId, runId: string): ImportProgressState | null;
}
