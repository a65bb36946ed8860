import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import { InMemoryMakeupCredits } from './in-memory.js';
import { makeupCreditRepositoryContract } from './makeup-credit-repository.contract.js';

makeupCreditRepositoryContract('in-memory fake', async () => ({
  repo: new InMemoryMakeupCredits(),
  seed: {
    schoolId: newId<SchoolId>(),
    studentIds: [newId<UserId>(), newId<UserId>()],
    lessonIds: Array.from({ length: 4 }, () => newId<LessonId>()),
  },
}));
