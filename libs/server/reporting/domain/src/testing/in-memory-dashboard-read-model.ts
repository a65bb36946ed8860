import type { Interval, UserId } from '@cadenza/shared/kernel';
import type { DashboardPerson } from '../model/dashboard.js';
import { DashboardReadModel, type SchoolFigures } from '../ports/dashboard-read-model.js';

/** A student's mark in a register, as attendance keeps it. */
export type RegisterMark = 'present' | 'late' | 'absent_notice' | 'absent_no_notice' | 'excused';

/** A school as the dashboards see it: the records a fake read model answers from, and a contract suite seeds. */
export interface DashboardWorld {
  timeZone: string;
  people: DashboardPerson[];
  guardians: { guardianId: UserId; childId: UserId; access: 'view' | 'full' }[];
  rooms: { id: string; active: boolean }[];
  lessons: { id: string; teacherId: UserId; accompanistId: UserId | null; studentIds: UserId[]; roomId: string | null; start: Date; end: Date; cancelled: boolean }[];
  /** Attendance's registers of some lessons: when each was started and ended, and each student's mark. */
  registers: { lessonId: string; startedAt: Date | null; endedAt: Date | null; marks: { studentId: UserId; status: RegisterMark }[] }[];
  requests: { id: string; status: 'pending' | 'approved' | 'declined' | 'countered' | 'withdrawn'; studentId: UserId; teacherId: UserId }[];
  threads: { id: string; participantIds: UserId[]; authors: UserId[]; reads: Partial<Record<UserId, number>> }[];
  /** Flags, each on a message of a thread (`seq` counts from 1). */
  flags: { threadId: string; seq: number; flaggedBy: UserId }[];
}

export const emptyWorld = (timeZone = 'Europe/London'): DashboardWorld => ({
  timeZone,
  people: [],
  guardians: [],
  rooms: [],
  lessons: [],
  registers: [],
  requests: [],
  threads: [],
  flags: [],
});

/** The read model over a `DashboardWorld` in memory, behaving as the SQL adapter does. */
export class InMemoryDashboardReadModel extends DashboardReadModel {
  constructor(readonly world: DashboardWorld) {
    super();
  }

  async timeZone(): Promise<string> {
    return this.world.timeZone;
  }

  async people(ids: readonly UserId[]): Promise<DashboardPerson[]> {
    return this.world.people.filter((p) => ids.includes(p.id)).map((p) => ({ ...p, roles: [...p.roles] }));
  }

  async admins(): Promise<DashboardPerson[]> {
    return this.world.people.filter((p) => p.roles.includes('admin')).map((p) => ({ ...p, roles: [...p.roles] }));
  }

  /** As messaging's rule answers it for the SQL adapter (the contract suite holds the two together): the lead(s), else every admin. */
  async flagRecipients(): Promise<UserId[]> {
    const admins = await this.admins();
    const leads = admins.filter((a) => a.safeguardingLead);
    return (leads.length > 0 ? leads : admins).map((a) => a.id);
  }

  async guardiansOf(studentIds: readonly UserId[]): Promise<UserId[]> {
    return [...new Set(this.world.guardians.filter((g) => studentIds.includes(g.childId)).map((g) => g.guardianId))];
  }

  async childrenOf(parentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>> {
    const found = new Map<UserId, UserId[]>();
    for (const g of this.world.guardians) {
      if (!parentIds.includes(g.guardianId)) continue;
      const children = found.get(g.guardianId) ?? [];
      if (!children.includes(g.childId)) children.push(g.childId);
      found.set(g.guardianId, children);
    }
    return found;
  }

  async schoolFigures(day: Interval, now: Date): Promise<SchoolFigures> {
    const live = this.world.lessons.filter((l) => !l.cancelled);
    const running = live.filter((l) => l.start <= now && now < l.end);
    const busyRooms = new Set(running.map((l) => l.roomId));
    const register = (lessonId: string) => this.world.registers.find((r) => r.lessonId === lessonId);
    const inProgress = live.filter((l) => overlaps(l, day) && !register(l.id)?.endedAt && now < l.end && (l.start <= now || !!register(l.id)?.startedAt));
    const marked = (l: (typeof live)[number]) => l.studentIds.filter((s) => register(l.id)?.marks.some((m) => m.studentId === s)).length;
    return {
      lessonsToday: live.filter((l) => overlaps(l, day)).length,
      lessonsInProgress: inProgress.length,
      checkedInNow: inProgress.flatMap((l) => register(l.id)?.marks ?? []).filter((m) => m.status === 'present' || m.status === 'late').length,
      registersMissingToday: live.filter((l) => day.start <= l.start && l.start < day.end && l.end <= now && marked(l) < l.studentIds.length).length,
      freeRoomsNow: this.world.rooms.filter((r) => r.active && !busyRooms.has(r.id)).length,
      pendingRequests: this.world.requests.filter((r) => r.status === 'pending').length,
      flags: this.world.flags.length,
    };
  }

  async lessonCounts(audiences: ReadonlyMap<UserId, readonly UserId[]>, range: Interval): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>();
    for (const [key, people] of audiences) {
      const count = this.world.lessons.filter(
        (l) => !l.cancelled && overlaps(l, range) && [l.teacherId, l.accompanistId, ...l.studentIds].some((p) => p !== null && people.includes(p)),
      ).length;
      found.set(key, count);
    }
    return found;
  }

  async unreadMessages(userIds: readonly UserId[]): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>();
    for (const userId of userIds) {
      let unread = 0;
      for (const thread of this.world.threads) {
        if (!thread.participantIds.includes(userId)) continue;
        const mark = thread.reads[userId] ?? 0;
        unread += thread.authors.filter((author, index) => index + 1 > mark && author !== userId).length;
      }
      found.set(userId, unread);
    }
    return found;
  }
}

const overlaps = (lesson: { start: Date; end: Date }, range: Interval) => lesson.start < range.end && range.start < lesson.end;
