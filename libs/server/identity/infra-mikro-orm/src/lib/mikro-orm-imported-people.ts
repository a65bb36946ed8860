import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ImportedPeople } from '@cadenza/server/identity/domain';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { ImportedPersonSchema } from './imported-person.entity.js';

/** `imported_people`: which run created whom, in the school in force; a second record of the same pair is kept once. */
@Injectable()
export class MikroOrmImportedPeople extends ImportedPeople {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async record(runId: string, personIds: readonly UserId[]): Promise<void> {
    if (personIds.length === 0) return;
    const schoolId = currentSchool(this.em);
    await this.em.upsertMany(
      ImportedPersonSchema,
      personIds.map((userId) => ({ runId, userId, schoolId })),
      { onConflictFields: ['runId', 'userId'], onConflictAction: 'ignore' },
    );
  }

  async of(runId: string): Promise<UserId[]> {
    const rows = await this.em.find(ImportedPersonSchema, { runId }, { disableIdentityMap: true, orderBy: { userId: 'asc' } });
    return rows.map((r) => asId<UserId>(r.userId));
  }
}
