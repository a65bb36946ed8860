import type { EntityManager } from '@mikro-orm/postgresql';
import type { SchoolRepository } from '@cadenza/server/identity/domain';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';
import type { SchoolId } from '@cadenza/shared/kernel';

/**
 * Runs `work` for every school, one after another, each in its own persistence context with its school in force: the
 * shape of every clock-driven job that walks the schools. With `onFailure`, a school that fails is reported and the
 * others go on (its work waits for the next pass); without, the first failure ends the walk. Answers each school's
 * result, in the schools' order.
 */
export async function inEachSchool<T>(
  em: EntityManager,
  schools: SchoolRepository,
  work: (schoolId: SchoolId) => Promise<T>,
  onFailure?: (schoolId: SchoolId, error: unknown) => void,
): Promise<{ schoolId: SchoolId; result: T }[]> {
  const all = await inOwnContext(em, () => schools.listAll());
  const results: { schoolId: SchoolId; result: T }[] = [];
  for (const school of all) {
    const schoolId = school.id as SchoolId;
    try {
      const result = await inOwnContext(em, () => {
        enterSchool(em, schoolId);
        return work(schoolId);
      });
      results.push({ schoolId, result });
    } catch (error) {
      if (!onFailure) throw error;
      onFailure(schoolId, error);
    }
  }
  return results;
}
