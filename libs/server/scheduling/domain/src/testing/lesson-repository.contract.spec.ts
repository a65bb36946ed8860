import { newId, type Id, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { LessonTypeId, MakeupCreditId, RoomId, SeriesId } from '../model/ids.js';
import { InMemoryLessons } from './in-memory.js';
import { lessonRepositoryContract } from './lesson-repository.contract.js';

const some = <T extends Id<string>>(n: number) => Array.from({ length: n }, () => newId<T>());

lessonRepositoryContract('in-memory fake', async () => ({
  repo: new InMemoryLessons(),
  seed: {
    schoolId: newId<SchoolId>(),
    teacherIds: some<UserId>(3),
    studentIds: some<UserId>(4),
    roomIds: some<RoomId>(2),
    seriesIds: some<SeriesId>(2),
    lessonTypeIds: some<LessonTypeId>(1),
    makeupCreditIds: some<MakeupCreditId>(1),
  },
}));
