import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { InMemoryUsers } from './in-memory.js';
import { userRepositoryContract } from './user-repository.contract.js';

userRepositoryContract('in-memory fake, with a tenant', async () => {
  const schoolId = newId<SchoolId>();
  return { repo: new InMemoryUsers(() => schoolId), schoolId, otherSchoolId: newId<SchoolId>() };
});
