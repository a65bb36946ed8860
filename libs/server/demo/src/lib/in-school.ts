import type { INestApplicationContext } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';

/** Runs `work` as the given school would see the database (outside any HTTP request), in a persistence context of its own. */
export function inSchool<T>(app: INestApplicationContext, schoolId: string | null, work: () => Promise<T>): Promise<T> {
  const em = app.get(EntityManager, { strict: false });
  return inOwnContext(em, async () => {
    if (schoolId) enterSchool(em, schoolId);
    return work();
  });
}
