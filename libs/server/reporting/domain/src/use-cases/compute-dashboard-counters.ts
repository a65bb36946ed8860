import { Clock, type Interval, type UserId } from '@cadenza/shared/kernel';
import { dashboardRoleOf, schoolDay, upcomingWindow, type DashboardCounters, type DashboardPerson, type DashboardRole } from '../model/dashboard.js';
import { DashboardReadModel, type SchoolFigures } from '../ports/dashboard-read-model.js';

/**
 * The live counters of each person's home page, for the role they see it as:
 * - admin: today's lessons, lessons in progress and the students checked in to them, today's
 *   registers missing, free rooms now, pending requests (all
 *   school-wide), their unread messages, and open flags for whoever receives the school's
 *   flags (the read model's `flagRecipients`: messaging's rule, which reporting asks and does
 *   not repeat);
 * - teacher, accompanist: their own lessons today, their unread messages;
 * - student, parent: their unread messages, and the lessons of the next 7 days (their own,
 *   or their children's).
 * "Today" is the school's calendar day in its time zone. Many people are computed together
 * (school-wide figures once, per-person figures in one read each), for the realtime push.
 */

/** What a caller has already read of the school in this pass, so that the computation does not read it again. */
export interface SchoolAlreadyRead {
  /** Who receives the school's flags (the read model's `flagRecipients`, or messaging's rule over its `admins()`). */
  flagRecipients?: readonly UserId[];
}

export class ComputeDashboardCounters {
  constructor(
    private readonly readModel: DashboardReadModel,
    private readonly clock: Clock,
  ) {}

  async execute(people: readonly DashboardPerson[], known: SchoolAlreadyRead = {}): Promise<Map<UserId, DashboardCounters>> {
    const subjects = people.flatMap((person) => {
      const role = dashboardRoleOf(person.roles);
      return role ? [{ person, role }] : [];
    });
    const result = new Map<UserId, DashboardCounters>();
    if (subjects.length === 0) return result;

    const now = this.clock.now();
    const has = (...roles: DashboardRole[]) => subjects.some((s) => roles.includes(s.role));
    const day = has('admin', 'teacher', 'accompanist') ? schoolDay(now, await this.readModel.timeZone()) : null;
    const upcoming = upcomingWindow(now);
    const parents = subjects.filter((s) => s.role === 'parent').map((s) => s.person.id);

    const [school, unread, children, flagRecipients] = await Promise.all([
      has('admin') && day ? this.readModel.schoolFigures(day, now) : Promise.resolve<SchoolFigures | null>(null),
      this.readModel.unreadMessages(subjects.map((s) => s.person.id)),
      parents.length > 0 ? this.readModel.childrenOf(parents) : Promise.resolve(new Map<UserId, UserId[]>()),
      has('admin') ? this.flagRecipients(known) : Promise.resolve(new Set<UserId>()),
    ]);

    const staffAudiences = new Map<UserId, UserId[]>();
    const familyAudiences = new Map<UserId, UserId[]>();
    for (const { person, role } of subjects) {
      if (role === 'teacher' || role === 'accompanist') staffAudiences.set(person.id, [person.id]);
      if (role === 'student') familyAudiences.set(person.id, [person.id]);
      if (role === 'parent') familyAudiences.set(person.id, children.get(person.id) ?? []);
    }
    const [staffLessons, familyLessons] = await Promise.all([counts(this.readModel, staffAudiences, day), counts(this.readModel, familyAudiences, upcoming)]);

    for (const { person, role } of subjects) {
      const unreadMessages = unread.get(person.id) ?? 0;
      switch (role) {
        case 'admin': {
          if (!school) continue;
          const seesFlags = flagRecipients.has(person.id);
          result.set(person.id, {
            role,
            lessonsToday: school.lessonsToday,
            lessonsInProgress: school.lessonsInProgress,
            checkedInNow: school.checkedInNow,
            registersMissingToday: school.registersMissingToday,
            freeRoomsNow: school.freeRoomsNow,
            pendingRequests: school.pendingRequests,
            unreadMessages,
            ...(seesFlags ? { openFlags: school.flags } : {}),
          });
          break;
        }
        case 'teacher':
        case 'accompanist':
          result.set(person.id, { role, lessonsToday: staffLessons.get(person.id) ?? 0, unreadMessages });
          break;
        case 'student':
        case 'parent':
          result.set(person.id, { role, unreadMessages, upcomingLessons: familyLessons.get(person.id) ?? 0 });
          break;
      }
    }
    return result;
  }

  /** The school's flag recipients: as the caller read them this pass, or read now. */
  private async flagRecipients(known: SchoolAlreadyRead): Promise<Set<UserId>> {
    return new Set(known.flagRecipients ?? (await this.readModel.flagRecipients()));
  }
}

async function counts(readModel: DashboardReadModel, audiences: Map<UserId, UserId[]>, range: Interval | null): Promise<Map<UserId, number>> {
  if (audiences.size === 0 || !range) return new Map();
  return readModel.lessonCounts(audiences, range);
}
