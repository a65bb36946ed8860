import type { Interval, UserId } from '@cadenza/shared/kernel';
import type { DashboardPerson } from '../model/dashboard.js';

/** The school-wide figures of an admin's dashboard. */
export interface SchoolFigures {
  lessonsToday: number;
  /** Not cancelled nor ended (attendance's End lesson): running now by their times, or started early. */
  lessonsInProgress: number;
  /** Students marked present or late in the lessons in progress. */
  checkedInNow: number;
  /** Lessons starting on `day` that ended by their times without every student marked (attendance's registers). */
  registersMissingToday: number;
  freeRoomsNow: number;
  pendingRequests: number;
  flags: number;
}

/**
 * What the dashboards read from the other contexts' records (scheduling's lessons, rooms and
 * requests, attendance's registers, messaging's threads and flags, identity's people and families). Reporting owns
 * the question; the app answers it over those tables. Every read is scoped to the school in
 * force (the tenant), and every method takes many people at once, so a batch of changes
 * costs a few queries, not a few per person.
 */
export abstract class DashboardReadModel {
  /** The school's IANA time zone. */
  abstract timeZone(): Promise<string>;
  /** These people as the dashboards see them; unknown ids are left out. */
  abstract people(ids: readonly UserId[]): Promise<DashboardPerson[]>;
  /** The school's admins. */
  abstract admins(): Promise<DashboardPerson[]>;
  /**
   * Who receives the school's safeguarding flags, and so sees the open-flags counter. Messaging owns that
   * rule (its lead(s), else every admin); the app's adapter answers with it, so reporting never repeats it.
   */
  abstract flagRecipients(): Promise<UserId[]>;
  /** Guardians with any access (`view` or `full`) to any of these students. */
  abstract guardiansOf(studentIds: readonly UserId[]): Promise<UserId[]>;
  /** For each parent, the children they have any access to (parents with none are absent). */
  abstract childrenOf(parentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>>;
  /**
   * Lessons not cancelled overlapping `day`; in progress at `now` (running by their times or started early, and not
   * ended), with the students checked in to them; `day`'s registers missing at `now`; active rooms with none running
   * at `now`; pending requests; flags.
   */
  abstract schoolFigures(day: Interval, now: Date): Promise<SchoolFigures>;
  /**
   * For each key, the lessons (not cancelled) overlapping `range` that any of its people
   * attend (as teacher, accompanist or student), each counted once.
   */
  abstract lessonCounts(audiences: ReadonlyMap<UserId, readonly UserId[]>, range: Interval): Promise<Map<UserId, number>>;
  /** For each person, the messages written by others after their read mark in the threads they are in now. */
  abstract unreadMessages(userIds: readonly UserId[]): Promise<Map<UserId, number>>;
}
