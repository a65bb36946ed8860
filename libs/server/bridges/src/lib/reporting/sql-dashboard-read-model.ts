import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { safeguardingRecipients } from '@cadenza/server/messaging/domain';
import { currentSchool } from '@cadenza/server/platform/db';
import { DashboardReadModel, type DashboardPerson, type SchoolFigures } from '@cadenza/server/reporting/domain';
import { asId, type Interval, type UserId } from '@cadenza/shared/kernel';

const uuids = (ids: readonly string[]) => `{${[...new Set(ids)].join(',')}}`;

/**
 * The dashboards' reads in plain SQL over the other contexts' tables (identity's users and
 * families, scheduling's lessons, rooms and requests, messaging's threads, receipts and
 * flags): the reporting context owns the question, the app, which knows every table, answers
 * it. Each query is one round trip for all the people asked about, and every one is bounded
 * by the school in force (`school_id = ?`), as the tenant filter would.
 */
@Injectable()
export class SqlDashboardReadModel extends DashboardReadModel {
  constructor(private readonly em: EntityManager) {
    super();
  }

  private rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, [currentSchool(this.em), ...params], 'all', this.em.getTransactionContext());
  }

  async timeZone(): Promise<string> {
    const [row] = await this.rows<{ time_zone: string }>('select time_zone from schools where id = ?', []);
    if (!row) throw new Error('The school in force does not exist.');
    return row.time_zone;
  }

  async people(ids: readonly UserId[]): Promise<DashboardPerson[]> {
    if (ids.length === 0) return [];
    const rows = await this.rows<PersonRow>('select id, roles, safeguarding_lead from users where school_id = ? and id = any(?::uuid[])', [uuids(ids)]);
    return rows.map(personOf);
  }

  async admins(): Promise<DashboardPerson[]> {
    const rows = await this.rows<PersonRow>(`select id, roles, safeguarding_lead from users where school_id = ? and 'admin' = any(roles)`, []);
    return rows.map(personOf);
  }

  /** Messaging's rule over the school's admins: its lead(s), else every admin. */
  async flagRecipients(): Promise<UserId[]> {
    return safeguardingRecipients(await this.admins()).map((admin) => admin.id);
  }

  async guardiansOf(studentIds: readonly UserId[]): Promise<UserId[]> {
    if (studentIds.length === 0) return [];
    const rows = await this.rows<{ guardian_id: string }>('select distinct guardian_id from guardian_access where school_id = ? and child_id = any(?::uuid[])', [uuids(studentIds)]);
    return rows.map((r) => asId<UserId>(r.guardian_id));
  }

  async childrenOf(parentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>> {
    const found = new Map<UserId, UserId[]>();
    if (parentIds.length === 0) return found;
    const rows = await this.rows<{ guardian_id: string; child_id: string }>(
      'select distinct guardian_id, child_id from guardian_access where school_id = ? and guardian_id = any(?::uuid[]) order by guardian_id, child_id',
      [uuids(parentIds)],
    );
    for (const row of rows) {
      const parent = asId<UserId>(row.guardian_id);
      found.set(parent, [...(found.get(parent) ?? []), asId<UserId>(row.child_id)]);
    }
    return found;
  }

  async schoolFigures(day: Interval, now: Date): Promise<SchoolFigures> {
    // Lessons are shorter than a day, so a start after `day.start - 24 h` bounds the scan of the start index.
    const [row] = await this.rows<{ today: string; running: string; free: string; pending: string; flags: string }>(
      `with params as (select ?::uuid as school, ?::timestamptz as day_start, ?::timestamptz as day_end, ?::timestamptz as now),
            live as (
              select l.room_id, l.start_at, l.end_at from lessons l, params p
               where l.school_id = p.school and l.status <> 'cancelled'
                 and l.start_at >= p.day_start - interval '24 hours' and l.start_at < p.day_end and l.end_at > p.day_start)
       select (select count(*) from live) as today,
              (select count(*) from live, params p where live.start_at <= p.now and live.end_at > p.now) as running,
              (select count(*) from rooms r, params p where r.school_id = p.school and r.active
                  and not exists (select 1 from live where live.room_id = r.id and live.start_at <= p.now and live.end_at > p.now)) as free,
              (select count(*) from lesson_requests q, params p where q.school_id = p.school and q.status = 'pending') as pending,
              (select count(*) from message_flags f, params p where f.school_id = p.school) as flags`,
      [day.start, day.end, now],
    );
    return { lessonsToday: Number(row.today), lessonsInProgress: Number(row.running), freeRoomsNow: Number(row.free), pendingRequests: Number(row.pending), flags: Number(row.flags) };
  }

  async lessonCounts(audiences: ReadonlyMap<UserId, readonly UserId[]>, range: Interval): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>([...audiences.keys()].map((key) => [key, 0]));
    const pairs = [...audiences].flatMap(([key, people]) => people.map((person) => [key, person] as const));
    if (pairs.length === 0) return found;
    // One scan of the attendees' range index for everyone asked about; a lesson counts once per audience.
    const rows = await this.rows<{ key: string; lessons: string }>(
      `with s as (select ?::uuid as school)
       select a.key, count(distinct la.lesson_id) as lessons
         from s, lesson_attendees la
         join unnest(?::uuid[], ?::uuid[]) as a(key, person) on la.person_id = a.person
        where la.school_id = s.school and la.active and la.during && tstzrange(?, ?, '[)')
        group by a.key`,
      [`{${pairs.map(([key]) => key).join(',')}}`, `{${pairs.map(([, person]) => person).join(',')}}`, range.start, range.end],
    );
    for (const row of rows) found.set(asId<UserId>(row.key), Number(row.lessons));
    return found;
  }

  async unreadMessages(userIds: readonly UserId[]): Promise<Map<UserId, number>> {
    const found = new Map<UserId, number>(userIds.map((id) => [id, 0]));
    if (userIds.length === 0) return found;
    const rows = await this.rows<{ user_id: string; unread: string }>(
      `select tp.user_id, count(m.id) as unread
         from message_thread_participants tp
         join message_threads t on t.id = tp.thread_id
         left join message_read_receipts r on r.thread_id = tp.thread_id and r.user_id = tp.user_id
         join messages m on m.thread_id = tp.thread_id and m.seq > coalesce(r.last_read_seq, 0) and m.author_id <> tp.user_id
        where tp.school_id = ? and tp.user_id = any(?::uuid[]) and t.last_seq > coalesce(r.last_read_seq, 0)
        group by tp.user_id`,
      [uuids(userIds)],
    );
    for (const row of rows) found.set(asId<UserId>(row.user_id), Number(row.unread));
    return found;
  }
}

interface PersonRow {
  id: string;
  roles: string[];
  safeguarding_lead: boolean;
}

const personOf = (row: PersonRow): DashboardPerson => ({ id: asId<UserId>(row.id), roles: [...row.roles], safeguardingLead: row.safeguarding_lead });
