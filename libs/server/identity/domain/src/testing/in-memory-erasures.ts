import type { UserId } from '@cadenza/shared/kernel';
import { pseudonymFor } from '../model/pseudonym.js';
import { PersonalDataErasures, type ErasureRecord } from '../ports/personal-data-erasures.js';

/** The erasures of one school, numbered from 1 in the order they begin. */
export class InMemoryPersonalDataErasures extends PersonalDataErasures {
  readonly rows = new Map<string, ErasureRecord>();

  async begin(personId: UserId, label: string, now: Date): Promise<ErasureRecord> {
    const existing = this.rows.get(personId);
    if (existing) return { ...existing };
    const number = this.rows.size + 1;
    const record = { personId, number, pseudonym: pseudonymFor(label, number), startedAt: now, finishedAt: null };
    this.rows.set(personId, record);
    return { ...record };
  }

  async finish(personId: UserId, now: Date): Promise<void> {
    const row = this.rows.get(personId);
    if (row && !row.finishedAt) this.rows.set(personId, { ...row, finishedAt: now });
  }

  async of(personId: UserId): Promise<ErasureRecord | null> {
    const row = this.rows.get(personId);
    return row ? { ...row } : null;
  }
}
