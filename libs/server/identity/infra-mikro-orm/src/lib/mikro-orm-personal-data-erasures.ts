import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PersonalDataErasures, pseudonymFor, type ErasureRecord } from '@cadenza/server/identity/domain';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { PersonalDataErasureSchema, type PersonalDataErasureRow } from './personal-data-erasure.entity.js';

const NO_MAP = { disableIdentityMap: true } as const;
const toRecord = (row: PersonalDataErasureRow): ErasureRecord => ({
  personId: asId<UserId>(row.userId),
  number: row.number,
  pseudonym: pseudonymFor(row.label, row.number),
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

/** The school's erasures; two erasures beginning at once in one school may not share a number (`unique (school_id, number)`). */
@Injectable()
export class MikroOrmPersonalDataErasures extends PersonalDataErasures {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async begin(personId: UserId, label: string, now: Date): Promise<ErasureRecord> {
    const existing = await this.of(personId);
    if (existing) return existing;
    const [last] = await this.em.find(PersonalDataErasureSchema, {}, { ...NO_MAP, orderBy: { number: 'desc' }, limit: 1 });
    const row: PersonalDataErasureRow = { userId: personId, schoolId: currentSchool(this.em), number: (last?.number ?? 0) + 1, label, startedAt: now, finishedAt: null };
    await this.em.insert(PersonalDataErasureSchema, row);
    return toRecord(row);
  }

  async finish(personId: UserId, now: Date): Promise<void> {
    await this.em.nativeUpdate(PersonalDataErasureSchema, { userId: personId, finishedAt: null }, { finishedAt: now });
  }

  async of(personId: UserId): Promise<ErasureRecord | null> {
    const row = await this.em.findOne(PersonalDataErasureSchema, { userId: personId }, NO_MAP);
    return row ? toRecord(row) : null;
  }
}
