import { EntitySchema } from '@mikro-orm/postgresql';
import { schoolOwned } from '@cadenza/server/platform/db';

export interface FeedLessonRow {
  id: string;
  schoolId: string;
  teacherId: string;
  accompanistId: string | null;
  studentIds: string[];
  roomId: string | null;
  startAt: Date;
  endAt: Date;
  cancelled: boolean;
  changedAt: Date;
}

export interface CalendarFeedRow {
  personId: string;
  schoolId: string;
  tokenHash: string;
  createdAt: Date;
}

const uuid = { type: 'uuid' } as const;
const uuidNull = { type: 'uuid', nullable: true } as const;
const ts = { type: 'datetime', columnType: 'timestamptz' } as const;

export const FeedLessonSchema = new EntitySchema<FeedLessonRow>({
  name: 'FeedLessonRow',
  tableName: 'calendar_sync_lessons',
  properties: {
    id: { ...uuid, primary: true },
    schoolId: uuid,
    teacherId: uuid,
    accompanistId: uuidNull,
    studentIds: { type: 'string[]', columnType: 'uuid[]' },
    roomId: uuidNull,
    startAt: ts,
    endAt: ts,
    cancelled: { type: 'boolean' },
    changedAt: ts,
  },
  filters: schoolOwned(),
});

export const CalendarFeedSchema = new EntitySchema<CalendarFeedRow>({
  name: 'CalendarFeedRow',
  tableName: 'calendar_feeds',
  properties: { personId: { ...uuid, primary: true }, schoolId: uuid, tokenHash: { type: 'text' }, createdAt: ts },
  filters: schoolOwned(),
});

export const calendarSyncEntities = [FeedLessonSchema, CalendarFeedSchema];
