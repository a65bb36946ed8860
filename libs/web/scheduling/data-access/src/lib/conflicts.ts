import { HttpErrorResponse } from '@angular/common/http';
import type { ConflictProblem, SeriesConflictProblem } from '@cadenza/shared/contracts';

function body409(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const body: unknown = error.error;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

/** The conflicts and suggested free slots of a refused booking, move or approval; null for any other failure. */
export function conflictProblemOf(error: unknown): ConflictProblem | null {
  const body = body409(error);
  if (body?.['code'] !== 'SCHEDULING.CONFLICT') return null;
  return {
    code: 'SCHEDULING.CONFLICT',
    conflicts: Array.isArray(body['conflicts']) ? (body['conflicts'] as ConflictProblem['conflicts']) : [],
    suggestions: Array.isArray(body['suggestions']) ? (body['suggestions'] as ConflictProblem['suggestions']) : [],
  };
}

/** The conflicting occurrences of a refused series; null for any other failure. */
export function seriesConflictOf(error: unknown): SeriesConflictProblem | null {
  const body = body409(error);
  if (body?.['code'] !== 'SCHEDULING.SERIES_CONFLICT') return null;
  return { code: 'SCHEDULING.SERIES_CONFLICT', occurrences: Array.isArray(body['occurrences']) ? (body['occurrences'] as SeriesConflictProblem['occurrences']) : [] };
}
