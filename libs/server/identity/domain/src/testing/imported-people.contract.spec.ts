import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { importedPeopleContract } from './imported-people.contract.js';
import { InMemoryImportedPeople } from './in-memory-imported-people.js';
import { InMemoryUsers } from './in-memory.js';

importedPeopleContract('in-memory fake, with a tenant', async () => {
  const schoolId = newId<SchoolId>();
  const otherSchoolId = newId<SchoolId>();
  let current: SchoolId = schoolId;
  const users = new InMemoryUsers(() => current);
  const imported = new InMemoryImportedPeople(() => current);
  return {
    users,
    imported,
    schoolId,
    otherSchoolId,
    inOtherSchool: async (user, runId) => {
      current = otherSchoolId;
      await users.add(user);
      await imported.record(runId, [user.id]);
      current = schoolId;
    },
  };
});
