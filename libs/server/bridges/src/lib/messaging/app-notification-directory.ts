import { Injectable } from '@nestjs/common';
import { dateInZone, FamilyRepository, SchoolRepository, UserRepository } from '@cadenza/server/identity/domain';
import { NotificationDirectory, safeguardingRecipients, type LessonFacts, type Recipient } from '@cadenza/server/messaging/domain';
import { PgNotificationSettings } from '@cadenza/server/messaging/infra-mikro-orm';
import { LessonRepository, type Lesson, type LessonId } from '@cadenza/server/scheduling/domain';
import { Clock, type UserId } from '@cadenza/shared/kernel';

/** The roles that work in the staff console. */
const STAFF_ROLES: ReadonlySet<string> = new Set(['admin', 'teacher', 'accompanist']);

const facts = (lesson: Lesson): LessonFacts => ({
  id: lesson.id,
  schoolId: lesson.schoolId,
  teacherId: lesson.teacherId,
  accompanistId: lesson.accompanistId,
  studentIds: [...lesson.studentIds],
  start: lesson.start,
  end: lesson.end,
  cancelled: lesson.status === 'cancelled',
});

/**
 * What notifications need to know of people and lessons, answered by identity's and
 * scheduling's repositories (with the school in context), so messaging imports neither.
 * Shared by the api and the worker.
 */
@Injectable()
export class AppNotificationDirectory extends NotificationDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly schools: SchoolRepository,
    private readonly lessons: LessonRepository,
    private readonly settings: PgNotificationSettings,
    private readonly clock: Clock,
  ) {
    super();
  }

  async recipients(ids: readonly UserId[]): Promise<Recipient[]> {
    if (ids.length === 0) return [];
    const today = dateInZone(this.clock.now(), (await this.schools.current()).timeZone);
    return (await this.users.byIds(ids)).map((user) => ({
      id: user.id,
      email: user.email,
      timeZone: user.snapshot().timeZone,
      minor: user.isMinorOn(today),
      staff: user.roles.some((role) => STAFF_ROLES.has(role)),
    }));
  }

  async guardiansOf(studentId: UserId): Promise<UserId[]> {
    const found = new Set<UserId>();
    for (const family of await this.families.ofChild(studentId)) for (const guardian of family.guardianIds) if (family.accessOf(guardian, studentId)) found.add(guardian);
    return [...found];
  }

  /** Whom messaging's rule sends the school's flags to, among its admins. */
  async safeguardingLeads(): Promise<UserId[]> {
    const admins = (await this.users.list({ role: 'admin' })).map((user) => ({ id: user.id, safeguardingLead: user.snapshot().safeguardingLead }));
    return safeguardingRecipients(admins).map((admin) => admin.id);
  }

  async admins(): Promise<UserId[]> {
    return (await this.users.list({ role: 'admin' })).map((user) => user.id);
  }

  async lesson(id: string): Promise<LessonFacts | null> {
    const lesson = await this.lessons.byId(id as LessonId);
    return lesson ? facts(lesson) : null;
  }

  async lessonsStarting(from: Date, to: Date): Promise<LessonFacts[]> {
    const found = await this.lessons.inRange({ from, to });
    return found.filter((l) => l.status === 'scheduled' && l.start >= from && l.start < to).map(facts);
  }

  schoolReminderOffsets(): Promise<number[]> {
    return this.settings.reminderOffsets();
  }

  async schoolTimeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }
}
