import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { busyBlocksContract } from './busy-blocks.contract.js';
import { calendarFeedsContract } from './calendar-feeds.contract.js';
import { feedLessonsContract } from './feed-lessons.contract.js';
import { googleConnectionsContract } from './google-connections.contract.js';
import { InMemoryBusyBlocks, InMemoryBusySyncStates, InMemoryCalendarFeeds, InMemoryConnectStates, InMemoryFeedLessons, InMemoryGoogleConnections } from './in-memory.js';

const people = (n: number) => Array.from({ length: n }, () => newId<UserId>());

feedLessonsContract('in-memory fake', async () => ({ lessons: new InMemoryFeedLessons(), people: people(5) }));

calendarFeedsContract('in-memory fake', async () => {
  const schoolId = newId<SchoolId>();
  return { feeds: new InMemoryCalendarFeeds(schoolId), schoolId, people: people(2) };
});

busyBlocksContract('in-memory fake', async () => ({ blocks: new InMemoryBusyBlocks(), states: new InMemoryBusySyncStates(), people: people(2) }));

googleConnectionsContract('in-memory fake', async () => {
  const schoolId = newId<SchoolId>();
  return { connections: new InMemoryGoogleConnections(schoolId), states: new InMemoryConnectStates(), schoolId, people: people(2) };
});
