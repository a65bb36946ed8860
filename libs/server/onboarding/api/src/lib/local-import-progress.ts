import { Injectable } from '@nestjs/common';
import { ImportProgress, type ImportProgressState } from '@cadenza/server/onboarding/domain';
import type { SchoolId } from '@cadenza/shared/kernel';

/** How many runs' progress a process keeps: the latest ones, for the wizards polling them. */
const KEPT_RUNS = 500;

/**
 * Progress of the imports this api process runs, kept in its memory: a commit's progress is read while its own
 * request is open, which a load balancer without sticky sessions may send to another process (the wizard then shows
 * the run without a count until its answer comes).
 */
@Injectable()
export class LocalImportProgress extends ImportProgress {
  private readonly runs = new Map<string, ImportProgressState>();

  report(state: ImportProgressState): void {
    this.runs.delete(state.runId);
    this.runs.set(state.runId, { ...state });
    if (this.runs.size > KEPT_RUNS) this.runs.delete(this.runs.keys().next().value as string);
  }

  read(schoolId: SchoolId, runId: string): ImportProgressState | null {
    const state = this.runs.get(runId);
    return state && state.schoolId === schoolId ? { ...state } : null;
  }
}
