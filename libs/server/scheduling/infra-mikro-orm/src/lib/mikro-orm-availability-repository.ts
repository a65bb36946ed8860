import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Availability, AvailabilityRepository } from '@cadenza/server/scheduling/domain';
import { AvailabilitySchema } from './entities.js';

@Injectable()
export class MikroOrmAvailabilityRepository extends AvailabilityRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async save(availability: Availability): Promise<void> {
    const s = availability.snapshot();
    await this.em.upsert(AvailabilitySchema, { personId: s.personId, schoolId: s.schoolId, windows: s.windows, exceptions: s.exceptions, bufferMinutes: s.bufferMinutes });
  }
  async of(personId: UserId): Promise<Availability | null> {
    const [one] = await this.ofMany([personId]);
    return one ?? null;
  }
  async ofMany(personIds: readonly UserId[]): Promise<Availability[]> {
    if (personIds.length === 0) return [];
    // Plain SQL: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await this.em.getConnection().execute<{ schoolId: string; personId: string; windows: unknown; exceptions: unknown; bufferMinutes: number }[]>(
      `select school_id as "schoolId", person_id as "personId", windows, exceptions, buffer_minutes as "bufferMinutes"
         from availabilities where school_id = ? and person_id = any(?::uuid[])`,
      [currentSchool(this.em), `{${[...new Set(personIds)].join(',')}}`],
      'all',
      this.em.getTransactionContext(),
    );
    return rows.map((row) =>
      Availability.restore({
        schoolId: asId<SchoolId>(row.schoolId),
        personId: asId<UserId>(row.personId),
        windows: row.windows as never,
        exceptions: row.exceptions as never,
        bufferMinutes: row.bufferMinutes,
      }),
    );
  }
}
