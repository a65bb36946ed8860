import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { FamilyRepository, minorOn, SchoolDay, SchoolRepository, UserRepository, type User } from '@cadenza/server/identity/domain';
import { MessagingDirectory, type MessagingPerson, type SafeguardingPolicy } from '@cadenza/server/messaging/domain';
import { MikroOrmMessagingPolicies } from '@cadenza/server/messaging/infra-mikro-orm';
import { LessonRepository } from '@cadenza/server/scheduling/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, Clock, type UserId } from '@cadenza/shared/kernel';
import { MESSAGING_PEOPLE } from '../statements.js';

/** How far back and ahead a family's lessons name the staff who teach them. */
const TEACHING_WINDOW_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * What messaging needs to know about people, answered from the identity context (who is a
 * minor, who is the safeguarding lead, who are a student's guardians) and scheduling's lessons
 * (who teaches whom), and the school's messaging policy, which messaging keeps itself.
 */
@Injectable()
export class IdentityMessagingDirectory extends MessagingDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly policies: MikroOrmMessagingPolicies,
    private readonly lessons: LessonRepository,
    private readonly clock: Clock,
    private readonly em: EntityManager,
    schools: SchoolRepository,
  ) {
    super();
    this.day = new SchoolDay(schools, clock);
  }

  /** Who is a minor follows identity's one rule on the school's calendar day. */
  private readonly day: SchoolDay;

  async person(id: UserId): Promise<MessagingPerson | null> {
    return (await this.people([id]))[0] ?? null;
  }

  /** In name order. One prepared read: every post applies the safeguarding rule to its thread's people. */
  async people(ids: readonly UserId[]): Promise<MessagingPerson[]> {
    if (ids.length === 0) return [];
    const today = await this.day.today();
    const rows = await schoolRows(this.em, MESSAGING_PEOPLE, [`{${[...new Set(ids)].join(',')}}`]);
    return rows.map((row) => ({
      id: asId<UserId>(row.id),
      name: row.name,
      roles: [...row.roles] as MessagingPerson['roles'],
      minor: minorOn({ dateOfBirth: row.date_of_birth, roles: row.roles }, today),
      safeguardingLead: row.safeguarding_lead,
      archived: row.archived,
    }));
  }

  /**
   * The admins, and the teachers and accompanists of the students' lessons from 180 days back to
   * 180 days ahead (scheduling's lessons, read through its port; cancelled ones do not count).
   */
  async staffOf(studentIds: readonly UserId[]): Promise<MessagingPerson[]> {
    const now = this.clock.now().getTime();
    const lessons = studentIds.length
      ? await this.lessons.busyFor({ from: new Date(now - TEACHING_WINDOW_MS), to: new Date(now + TEACHING_WINDOW_MS), studentIds, teacherIds: [], accompanistIds: [], roomIds: [] })
      : [];
    const teaching = new Set<UserId>();
    for (const lesson of lessons) {
      // busyFor matches anyone in any role: keep the lessons these people attend as students.
      if (!lesson.studentIds.some((id) => studentIds.includes(id))) continue;
      teaching.add(lesson.teacherId);
      if (lesson.accompanistId) teaching.add(lesson.accompanistId);
    }
    const admins = await this.users.list({ role: 'admin' });
    const teachers = (await this.users.byIds([...teaching])).filter((u) => u.roles.some((r) => r === 'teacher' || r === 'accompanist' || r === 'admin'));
    const byId = new Map<UserId, User>([...admins, ...teachers].map((u) => [u.id, u]));
    const today = await this.day.today();
    return [...byId.values()].map((u) => this.toPerson(u, today));
  }

  async everyone(): Promise<MessagingPerson[]> {
    const today = await this.day.today();
    return (await this.users.list({})).map((u) => this.toPerson(u, today));
  }

  async childrenOf(guardianId: UserId): Promise<UserId[]> {
    const children = new Set<UserId>();
    for (const family of await this.families.ofGuardian(guardianId)) for (const id of family.childIds) children.add(id);
    return [...children];
  }

  async guardianLinks(): Promise<{ guardianId: UserId; studentId: UserId }[]> {
    const links = new Map<string, { guardianId: UserId; studentId: UserId }>();
    for (const family of await this.families.list()) {
      for (const guardianId of family.guardianIds) for (const studentId of family.childIds) links.set(`${guardianId}:${studentId}`, { guardianId, studentId });
    }
    return [...links.values()];
  }

  /** From scheduling's lessons, as `staffOf` reads them the other way round. */
  async studentsOf(staffId: UserId): Promise<UserId[]> {
    const now = this.clock.now().getTime();
    const lessons = await this.lessons.busyFor({ from: new Date(now - TEACHING_WINDOW_MS), to: new Date(now + TEACHING_WINDOW_MS), teacherIds: [staffId], studentIds: [], accompanistIds: [], roomIds: [] });
    const students = new Set<UserId>();
    for (const lesson of lessons) if (lesson.teacherId === staffId || lesson.accompanistId === staffId) for (const id of lesson.studentIds) students.add(id);
    return [...students];
  }

  async guardiansOf(studentId: UserId): Promise<UserId[]> {
    const guardians = new Set<UserId>();
    for (const family of await this.families.ofChild(studentId)) for (const id of family.guardianIds) guardians.add(id);
    return [...guardians];
  }

  async schoolPolicy(): Promise<SafeguardingPolicy> {
    return { minorThreads: (await this.policies.current()).minorThreads };
  }

  async studentsWithLeavingDates(): Promise<{ id: UserId; leftSchoolOn: string | null }[]> {
    return (await this.users.list({ role: 'student' })).map((u) => ({ id: u.id, leftSchoolOn: u.leftSchoolOn }));
  }

  private toPerson(user: User, today: string): MessagingPerson {
    return { id: user.id, name: user.name, roles: [...user.roles], minor: user.isMinorOn(today), safeguardingLead: user.snapshot().safeguardingLead, archived: user.leftSchoolOn !== null };
  }
}
