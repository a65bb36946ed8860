import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { safeguardingRecipients } from '@cadenza/server/messaging/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import { DashboardReadModel, type DashboardPerson, type SchoolFigures } from '@cadenza/server/reporting/domain';
import { asId, type Interval, type UserId } from '@cadenza/shared/kernel';
import {
  DASHBOARD_ADMINS,
  DASHBOARD_CHILDREN_OF,
  DASHBOARD_GUARDIANS_OF,
  DASHBOARD_LESSON_COUNTS,
  DASHBOARD_PEOPLE,
  DASHBOARD_SCHOOL_FIGURES,
  DASHBOARD_TIME_ZONE,
  DASHBOARD_UNREAD_MESSAGES,
  type DashboardPersonRow,
} from '../statements.js';

/** The time zone of the school in force (the dashboards' and the reports'). */
export async function schoolTimeZone(em: EntityManager): Promise<string> {
  const [row] = await schoolRows(em, DASHBOARD_TIME_ZONE, []);
  if (!row) throw new Error('The school in force does not exist.');
  return row.time_zone;
}

const uuids = (ids: readonly string[]) => `{${[...new Set(ids)].join(',')}}`;

/**
 * The dashboards' reads in plain SQL over the other contexts' tables (identity's users and
 * families, scheduling's lessons, rooms and requests, attendance's lessons and registers,
 * messaging's threads, receipts and flags): the reporting context owns the question, the app, which knows every table, answers
 * it. Each query is one round trip for all the people asked about, and every one is bounded
 * by the school in force: they are named statements (`../statements.ts`) run with `schoolRows`.
 */
@Injectable()
export class SqlDashboardReadModel extends DashboardReadModel {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async timeZone(): Promise<string> {
    return schoolTimeZone(this.em);
  }

  async people(ids: readonly UserId[]): Promise<DashboardPerson[]> {
    if (ids.length === 0) return [];
    const rows = await schoolRows(this.em, DASHBOARD_PEOPLE, [uuids(ids)]);
    return rows.map(personOf);
  }

  async admins(): Promise<DashboardPerson[]> {
    const rows = await schoolRows(this.em, DASHBOARD_ADMINS, []);
    return rows.map(personOf);
  }

  /** Messaging's rule over the school's admins: its lead(s), else every admin. */
  async flagRecipients(): Promise<UserId[]> {
    return safeguardingRecipients(await this.admins()).map((admin) => admin.id);
  }

  async guardiansOf(studentIds: readonly UserId[]): Promise<UserId[]> {
    if (studentIds.length === 0) return [];
    const rows = await schoolRows(this.em, DASHBOARD_GUARDIANS_OF, [uuids(studentIds)]);
    return rows.map((r) => asId<UserId>(r.guardian_id));
  }

  async childrenOf(parentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>> {
    const found = new Map<UserId, UserId[]>();
    if (parentIds.length === 0) return found;
    const rows = await schoolRows(this.em, DASHBOARD_CHILDREN_OF, [uuids(parentIds)]);
    for (const row of rows) {
      const parent = asId<UserId>(row.guardian_id);
      found.set(parent, [...(found.get(parent) ?? []), asId<UserId>(row.child_id)]);
    }
    return found;
  }

  async schoolFigures(day: Interval, now: Date): Promise<SchoolFigures> {
    const [row] = await schoolRows(this.em, DASHBOARD_SCHOOL_FIGURES, [day.start, day.end, now]);
    return {
      lessonsToday: Number(row.today),
      lessonsInProgress: Number(row.running),
      checkedInNow: Number(row.checked_in),
      registersMissingToday: Number(row.missing),
      freeRoomsNow: Number(row.free), pendingRequests: Number(row.pending),
      flags: Number(row.flags),
    };
  }

  async lessonCounts(audiences: ReadonlyMap<UserId, readonly UserId[]>, range: Interval): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>([...audiences.keys()].map((key) => [key, 0]));
    const pairs = [...audiences].flatMap(([key, people]) => people.map((person) => [key, person] as const));
    if (pairs.length === 0) return found;
    const rows = await schoolRows(this.em, DASHBOARD_LESSON_COUNTS, [
      `{${pairs.map(([key]) => key).join(',')}}`,
      `{${pairs.map(([, person]) => person).join(',')}}`,
      range.start,
      range.end,
    ]);
    for (const row of rows) found.set(asId<UserId>(row.key), Number(row.lessons));
    return found;
  }

  async unreadMessages(userIds: readonly UserId[]): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return found;
    const rows = await schoolRows(this.em, DASHBOARD_UNREAD_MESSAGES, [uuids(userIds)]);
    for (const row of rows) found.set(asId<UserId>(row.user_id), Number(row.unread));
    return found;
  }
}


const personOf = (row: DashboardPersonRow): DashboardPerson => ({ id: asId<UserId>(row.id), roles: [...row.roles], safeguardingLead: row.safeguarding_lead });
