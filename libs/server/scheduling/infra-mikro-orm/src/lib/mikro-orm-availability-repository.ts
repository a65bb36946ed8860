import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Availability, AvailabilityRepository } from '@cadenza/server/scheduling/domain';
import { AvailabilitySchema } from './entities.js';
import { AVAILABILITIES_OF } from './statements.js';

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
    // Hand-shaped: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await schoolRows(this.em, AVAILABILITIES_OF, [`{${[...new Set(personIds)].join(',')}}`]);
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
