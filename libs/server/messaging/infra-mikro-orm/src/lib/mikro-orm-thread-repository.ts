import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Thread, ThreadRepository, type ThreadId, type ThreadKind } from '@cadenza/server/messaging/domain';
import { date, pgArray, type RawThread } from './rows.js';

/**
 * Threads with their participants (a row each, in the order they joined). Reads are plain SQL
 * scoped to the school in force; `byId` inside a unit of work locks the thread's row, so two
 * posts to one thread take their `seq` one after the other, and reads the row and its
 * participants in one statement. `update` writes the participants only when they differ from
 * what was read: a post changes the thread's counters, not its people.
 */
@Injectable()
export class MikroOrmThreadRepository extends ThreadRepository {
  /** The participants each thread read here had then, in order. */
  private readonly readParticipants = new WeakMap<Thread, string>();

  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(thread: Thread): Promise<void> {
    const s = thread.snapshot();
    await this.em.execute(
      `insert into message_threads (id, school_id, kind, subject, created_by, created_at, last_seq, last_message_at, lead_oversight)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.schoolId, s.kind, s.subject, s.createdBy, s.createdAt, s.lastSeq, s.lastMessageAt, s.leadOversight],
    );
    await this.writeParticipants(s.id, s.schoolId, s.participantIds);
  }

  async update(thread: Thread): Promise<void> {
    const s = thread.snapshot();
    await this.em.execute(`update message_threads set subject = ?, last_seq = ?, last_message_at = ?, lead_oversight = ? where id = ? and school_id = ?`, [
      s.subject,
      s.lastSeq,
      s.lastMessageAt,
      s.leadOversight,
      s.id,
      currentSchool(this.em),
    ]);
    if (this.readParticipants.get(thread) === s.participantIds.join(',')) return;
    await this.em.execute(`delete from message_thread_participants where thread_id = ? and school_id = ? and not (user_id = any(?::uuid[]))`, [
      s.id,
      currentSchool(this.em),
      pgArray(s.participantIds),
    ]);
    await this.writeParticipants(s.id, s.schoolId, s.participantIds);
  }

  private async writeParticipants(threadId: string, schoolId: string, participantIds: readonly string[]): Promise<void> {
    if (participantIds.length === 0) return;
    await this.em.execute(
      `insert into message_thread_participants (thread_id, user_id, school_id, position)
       select ?, p.user_id, ?, p.position::int - 1 from unnest(?::uuid[]) with ordinality as p(user_id, position)
       on conflict (thread_id, user_id) do update set position = excluded.position
         where message_thread_participants.position is distinct from excluded.position`,
      [threadId, schoolId, pgArray(participantIds)],
    );
  }

  async byId(id: ThreadId): Promise<Thread | null> {
    const lock = this.em.isInTransaction() ? ' for update of t' : '';
    const rows = await this.em.execute<(RawThread & { participant_ids: string[] | string })[]>(
      `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id order by p.position) as participant_ids
         from message_threads t where t.id = ? and t.school_id = ?${lock}`,
      [id, currentSchool(this.em)],
    );
    return rows.length === 0 ? null : this.restoreWithParticipants(rows[0]);
  }

  async directBetween(a: UserId, b: UserId): Promise<Thread | null> {
    // From the first person's threads (as `ofParticipant` reads them): a direct one the second is in, holding just the two.
    const rows = await this.em.execute<(RawThread & { participant_ids: string[] | string })[]>(
      `select t.*, array(select p.user_id from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id order by p.position) as participant_ids
         from message_thread_participants pa
         join message_threads t on t.id = pa.thread_id and t.school_id = pa.school_id
        where pa.school_id = ? and pa.user_id = ? and t.kind = 'direct'
          and exists (select 1 from message_thread_participants pb where pb.thread_id = t.id and pb.school_id = t.school_id and pb.user_id = ?)
          and (select count(*) from message_thread_participants p where p.thread_id = t.id and p.school_id = t.school_id) = 2
        order by t.created_at, t.id
        limit 1`,
      [currentSchool(this.em), a, b],
    );
    return rows.length === 0 ? null : this.restoreWithParticipants(rows[0]);
  }

  private restoreWithParticipants(found: RawThread & { participant_ids: string[] | string }): Thread {
    const { participant_ids: participants, ...row } = found;
    return this.restore(row, (Array.isArray(participants) ? participants : participants.replace(/[{}]/g, '').split(',').filter(Boolean)).map((p) => asId<UserId>(p)));
  }

  async participantsOf(ids: readonly ThreadId[]): Promise<Map<ThreadId, UserId[]>> {
    const found = new Map<ThreadId, UserId[]>();
    if (ids.length === 0) return found;
    // No lock, inside a unit of work or not: the relay reads these in its transaction, and a post to the thread
    // takes the thread's row lock (`byId`) to number its message.
    const rows = await this.em.execute<{ thread_id: string; user_id: string }[]>(
      `select p.thread_id, p.user_id from message_thread_participants p
        where p.school_id = ? and p.thread_id = any(?::uuid[])
        order by p.thread_id, p.position`,
      [currentSchool(this.em), pgArray([...new Set(ids)])],
    );
    for (const row of rows) {
      const id = asId<ThreadId>(row.thread_id);
      const participants = found.get(id);
      if (participants) participants.push(asId<UserId>(row.user_id));
      else found.set(id, [asId<UserId>(row.user_id)]);
    }
    return found;
  }

  async ofParticipant(userId: UserId): Promise<Thread[]> {
    const rows = await this.em.execute<RawThread[]>(
      `select t.* from message_threads t
         join message_thread_participants p on p.thread_id = t.id
        where p.school_id = ? and p.user_id = ?
        order by coalesce(t.last_message_at, t.created_at) desc, t.id`,
      [currentSchool(this.em), userId],
    );
    return this.withParticipants(rows);
  }

  async underOversight(): Promise<Thread[]> {
    const rows = await this.em.execute<RawThread[]>(
      `select t.* from message_threads t where t.school_id = ? and t.lead_oversight order by coalesce(t.last_message_at, t.created_at) desc, t.id`,
      [currentSchool(this.em)],
    );
    return this.withParticipants(rows);
  }

  private async withParticipants(rows: RawThread[]): Promise<Thread[]> {
    if (rows.length === 0) return [];
    const people = await this.em.execute<{ thread_id: string; user_id: string }[]>(
      `select thread_id, user_id from message_thread_participants where thread_id = any(?::uuid[]) and school_id = ? order by thread_id, position`,
      [pgArray(rows.map((r) => r.id)), currentSchool(this.em)],
    );
    const byThread = new Map<string, UserId[]>();
    for (const p of people) {
      const list = byThread.get(p.thread_id);
      if (list) list.push(asId<UserId>(p.user_id));
      else byThread.set(p.thread_id, [asId<UserId>(p.user_id)]);
    }
    return rows.map((r) => this.restore(r, byThread.get(r.id) ?? []));
  }

  /** A thread from its row and participants, remembering the participants as read (see `update`). */
  private restore(r: RawThread, participantIds: UserId[]): Thread {
    const thread = Thread.restore({
      id: asId<ThreadId>(r.id),
      schoolId: asId<SchoolId>(r.school_id),
      kind: r.kind as ThreadKind,
      subject: r.subject,
      participantIds,
      createdBy: asId<UserId>(r.created_by),
      createdAt: date(r.created_at),
      lastSeq: Number(r.last_seq),
      lastMessageAt: r.last_message_at === null ? null : date(r.last_message_at),
      leadOversight: r.lead_oversight,
    });
    this.readParticipants.set(thread, participantIds.join(','));
    return thread;
  }
}
