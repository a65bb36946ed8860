import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { InMemoryThreads } from './in-memory.js';
import { threadRepositoryContract } from './thread-repository.contract.js';

threadRepositoryContract('in memory', async () => ({
  repo: new InMemoryThreads(),
  schoolId: newId<SchoolId>(),
  people: [newId<UserId>(), newId<UserId>(), newId<UserId>()],
}));
