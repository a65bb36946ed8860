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


export interface BusyBlockRow {
  schoolId: string;
  personId: string;
  calendarId: string;
  eventId: string;
  startAt: Date;
  endAt: Date;
}

export interface BusySyncRow {
  schoolId: string;
  personId: string;
  calendarId: string;
  syncToken: string | null;
  syncedAt: Date;
}

export const BusyBlockSchema = new EntitySchema<BusyBlockRow>({
  name: 'BusyBlockRow',
  tableName: 'calendar_busy_blocks',
  properties: {
    schoolId: uuid,
    personId: { ...uuid, primary: true },
    calendarId: { type: 'text', primary: true },
    eventId: { type: 'text', primary: true },
    startAt: ts,
    endAt: ts,
  },
  filters: schoolOwned(),
});

export const BusySyncSchema = new EntitySchema<BusySyncRow>({
  name: 'BusySyncRow',
  tableName: 'calendar_busy_syncs',
  properties: { schoolId: uuid, personId: { ...uuid, primary: true }, calendarId: { type: 'text', primary: true }, syncToken: { type: 'text', nullable: true }, syncedAt: ts },
  filters: schoolOwned(),
});

export interface GoogleConnectionRow {
  schoolId: string;
  personId: string;
  account: string;
  refreshTokenSealed: string;
  busyCalendarIds: string[];
  writeCalendarId: string;
  status: 'active' | 'reconnect_needed';
  connectedAt: Date;
  lastSyncAt: Date | null;
  lastError: string | null;
}

export interface ConnectStateRow {
  stateHash: string;
  schoolId: string;
  personId: string;
  expiresAt: Date;
}

export const GoogleConnectionSchema = new EntitySchema<GoogleConnectionRow>({
  name: 'GoogleConnectionRow',
  tableName: 'calendar_google_connections',
  properties: {
    schoolId: uuid,
    personId: { ...uuid, primary: true },
    account: { type: 'text' },
    refreshTokenSealed: { type: 'text' },
    busyCalendarIds: { type: 'string[]', columnType: 'text[]' },
    writeCalendarId: { type: 'text' },
    status: { type: 'text' },
    connectedAt: ts,
    lastSyncAt: { ...ts, nullable: true },
    lastError: { type: 'text', nullable: true },
  },
  filters: schoolOwned(),
});

export const ConnectStateSchema = new EntitySchema<ConnectStateRow>({
  name: 'ConnectStateRow',
  tableName: 'calendar_connect_states',
  properties: { stateHash: { type: 'text', primary: true }, schoolId: uuid, personId: uuid, expiresAt: ts },
  filters: schoolOwned(),
});

export const calendarSyncEntities = [FeedLessonSchema, CalendarFeedSchema, BusyBlockSchema, BusySyncSchema, GoogleConnectionSchema, ConnectStateSchema];
