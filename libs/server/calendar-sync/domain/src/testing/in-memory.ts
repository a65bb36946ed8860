import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { CalendarFeed, FeedOwner } from '../model/calendar-feed.js';
import type { FeedLesson } from '../model/feed-lesson.js';
import type { LessonId, RoomId } from '../model/ids.js';
import { CalendarDirectory } from '../ports/calendar-directory.js';
import { CalendarFeeds } from '../ports/calendar-feeds.js';
import { FeedLessons } from '../ports/feed-lessons.js';
import { FeedSecrets } from '../ports/feed-secrets.js';
import { SchoolContext } from '../ports/school-context.js';

const copyLesson = (l: FeedLesson): FeedLesson => ({ ...l, studentIds: [...l.studentIds], start: new Date(l.start), end: new Date(l.end), changedAt: new Date(l.changedAt) });

export class InMemoryFeedLessons extends FeedLessons {
  readonly byId = new Map<LessonId, FeedLesson>();

  async get(id: LessonId): Promise<FeedLesson | null> {
    const lesson = this.byId.get(id);
    return lesson ? copyLesson(lesson) : null;
  }
  async record(lesson: FeedLesson): Promise<void> {
    this.byId.set(lesson.id, copyLesson(lesson));
  }
  async involving(people: readonly UserId[], from: Date): Promise<FeedLesson[]> {
    const wanted = new Set(people);
    return [...this.byId.values()]
      .filter((l) => l.start >= from && (wanted.has(l.teacherId) || (l.accompanistId !== null && wanted.has(l.accompanistId)) || l.studentIds.some((id) => wanted.has(id))))
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map(copyLesson);
  }
}

/** Feeds of one school (`schoolId`), as a school's adapter holds them. */
export class InMemoryCalendarFeeds extends CalendarFeeds {
  readonly byPerson = new Map<UserId, CalendarFeed>();

  constructor(readonly schoolId: string) {
    super();
  }
  async ofPerson(personId: UserId): Promise<CalendarFeed | null> {
    const feed = this.byPerson.get(personId);
    return feed ? { ...feed } : null;
  }
  async replace(feed: CalendarFeed): Promise<void> {
    this.byPerson.set(feed.personId, { ...feed });
  }
  async byTokenHashAcrossSchools(tokenHash: string): Promise<FeedOwner | null> {
    const feed = [...this.byPerson.values()].find((f) => f.tokenHash === tokenHash);
    return feed ? { schoolId: this.schoolId, personId: feed.personId } : null;
  }
}

/** The school's people, families and rooms as the specs set them. */
export class FakeCalendarDirectory extends CalendarDirectory {
  zone = 'Europe/London';
  readonly people = new Map<UserId, { name: string; left?: boolean }>();
  readonly children = new Map<UserId, UserId[]>();
  readonly rooms = new Map<RoomId, string>();

  async timeZone(): Promise<string> {
    return this.zone;
  }
  async activePerson(id: UserId): Promise<{ name: string } | null> {
    const person = this.people.get(id);
    return person && !person.left ? { name: person.name } : null;
  }
  async childrenOf(guardianId: UserId): Promise<UserId[]> {
    return [...(this.children.get(guardianId) ?? [])];
  }
  async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    return new Map(ids.flatMap((id) => (this.people.has(id) ? [[id, this.people.get(id)?.name ?? '']] : [])));
  }
  async roomNames(ids: readonly RoomId[]): Promise<Map<RoomId, string>> {
    return new Map(ids.flatMap((id) => (this.rooms.has(id) ? [[id, this.rooms.get(id) ?? '']] : [])));
  }
}

/** Tokens numbered in order, digested reversibly: plain enough to read in a failing spec. */
export class CountingFeedSecrets extends FeedSecrets {
  private issued = 0;

  generate(): string {
    this.issued++;
    return `token-${this.issued}`;
  }
  digest(token: string): string {
    return `digest(${token})`;
  }
}

/** Records the school a caller entered. */
export class RecordingSchoolContext extends SchoolContext {
  entered: SchoolId | null = null;

  enter(schoolId: SchoolId): void {
    this.entered = schoolId;
  }
}
