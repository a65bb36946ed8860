import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { familyRepositoryContract } from './family-repository.contract.js';
import { InMemoryFamilies } from './in-memory-families.js';

familyRepositoryContract('in-memory fake', async () => ({ repo: new InMemoryFamilies(), schoolId: newId<SchoolId>(), person: async () => newId<UserId>() }));
