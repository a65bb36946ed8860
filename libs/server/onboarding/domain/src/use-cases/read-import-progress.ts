import { DomainError, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { ImportProgress, type ImportProgressState } from '../ports/import-progress.js';

/** How far a run of the actor's school is; 404 for a run this process has not seen (or another school's). */
export class ReadImportProgress {
  constructor(private readonly progress: ImportProgress) {}

  execute(actor: Actor, runId: string): ImportProgressState {
    requireAdmin(actor);
    const state = this.progress.read(actor.schoolId, runId);
    if (!state) throw DomainError.notFound('ONBOARDING.RUN_NOT_FOUND', 'The import run');
    return state;
  }
}
