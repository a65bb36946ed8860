import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { calendarFeedsContract } from './calendar-feeds.contract.js';
import { feedLessonsContract } from './feed-lessons.contract.js';
import { InMemoryCalendarFeeds, InMemoryFeedLessons } from './in-memory.js';

const people = (n: number) => Array.from({ length: n }, () => newId<UserId>());

feedLessonsContract('in-memory fake', async () => ({ lessons: new InMemoryFeedLessons(), people: people(5) }));

calendarFeedsContract('in-memory fake', async () => {
  const schoolId = newId<SchoolId>();
  return { feeds: new InMemoryCalendarFeeds(schoolId), schoolId, people: people(2) };
});
