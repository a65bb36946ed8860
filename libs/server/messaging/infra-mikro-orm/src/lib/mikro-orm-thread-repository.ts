import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Thread, ThreadRepository, type ThreadId, type ThreadKind } from '@cadenza/server/messaging/domain';
import { ParticipantSchema, ThreadSchema, type ThreadRow } from './entities.js';
import { NO_MAP, threadRowFromRaw } from './rows.js';
import { DIRECT_THREAD_BETWEEN, THREAD_WITH_PARTICIPANTS, THREAD_WITH_PARTICIPANTS_LOCKED } from './statements.js';

/** Latest activity (last message, else creation) first, then by id. */
const byActivity = (a: ThreadRow, b: ThreadRow) => (b.lastMessageAt ?? b.createdAt).getTime() - (a.lastMessageAt ?? a.createdAt).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Threads with their participants (a row each, in the order they joined), through the entity schemas. `byId`
 * reads the row with its participants in one named statement, and inside a unit of work locks the row, so two
 * posts to one thread take their `seq` one after the other; `directBetween` is named too (see `statements.ts`).
 * `update` writes only the participants that changed since the thread was read: a post changes the thread's
 * counters, not its people.
 */
@Injectable()
export class MikroOrmThreadRepository extends ThreadRepository {
  /** The participants each thread read here had then, in order. */
  private readonly readParticipants = new WeakMap<Thread, readonly string[]>();

  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(thread: Thread): Promise<void> {
    const { participantIds, ...row } = thread.snapshot();
    await this.em.insert(ThreadSchema, row);
    if (participantIds.length > 0) {
      await this.em.insertMany(
        ParticipantSchema,
        participantIds.map((userId, position) => ({ threadId: row.id, userId, schoolId: row.schoolId, position })),
      );
    }
    this.readParticipants.set(thread, [...participantIds]);
  }

  async update(thread: Thread): Promise<void> {
    const { id, schoolId, subject, lastSeq, lastMessageAt, leadOversight, participantIds } = thread.snapshot();
    await this.em.nativeUpdate(ThreadSchema, { id }, { subject, lastSeq, lastMessageAt, leadOversight });
    const before = this.readParticipants.get(thread) ?? (await this.em.find(ParticipantSchema, { threadId: id }, { ...NO_MAP, orderBy: { position: 'asc' } })).map((p) => p.userId);
    if (before.join(',') === participantIds.join(',')) return;
    const gone = before.filter((userId) => !participantIds.includes(asId<UserId>(userId)));
    if (gone.length > 0) await this.em.nativeDelete(ParticipantSchema, { threadId: id, userId: { $in: gone } });
    const added = participantIds.flatMap((userId, position) => (before.includes(userId) ? [] : [{ threadId: id, userId, schoolId, position }]));
    // Those who stay keep their rows, unless someone before them left.
    const kept = before.filter((userId) => !gone.includes(userId));
    for (const [position, userId] of participantIds.entries()) {
      if (kept.includes(userId) && before.indexOf(userId) !== position) await this.em.nativeUpdate(ParticipantSchema, { threadId: id, userId }, { position });
    }
    if (added.length > 0) await this.em.insertMany(ParticipantSchema, added);
    this.readParticipants.set(thread, [...participantIds]);
  }

  async byId(id: ThreadId): Promise<Thread | null> {
    const statement = this.em.isInTransaction() ? THREAD_WITH_PARTICIPANTS_LOCKED : THREAD_WITH_PARTICIPANTS;
    const [found] = await schoolRows(this.em, statement, [id]);
    return found ? this.restore(...threadRowFromRaw(found)) : null;
  }

  async directBetween(a: UserId, b: UserId): Promise<Thread | null> {
    const [found] = await schoolRows(this.em, DIRECT_THREAD_BETWEEN, [a, b]);
    return found ? this.restore(...threadRowFromRaw(found)) : null;
  }

  async participantsOf(ids: readonly ThreadId[]): Promise<Map<ThreadId, UserId[]>> {
    // No lock, inside a unit of work or not: the relay reads these in its transaction, and a post to the thread
    // takes the thread's row lock (`byId`) to number its message.
    return this.participantsByThread([...new Set(ids)]);
  }

  async ofParticipant(userId: UserId): Promise<Thread[]> {
    const mine = await this.em.find(ParticipantSchema, { userId }, NO_MAP);
    if (mine.length === 0) return [];
    return this.withParticipants(await this.em.find(ThreadSchema, { id: { $in: mine.map((p) => p.threadId) } }, NO_MAP));
  }

  async underOversight(): Promise<Thread[]> {
    return this.withParticipants(await this.em.find(ThreadSchema, { leadOversight: true }, NO_MAP));
  }

  private async participantsByThread(ids: readonly string[]): Promise<Map<ThreadId, UserId[]>> {
    const found = new Map<ThreadId, UserId[]>();
    if (ids.length === 0) return found;
    const rows = await this.em.find(ParticipantSchema, { threadId: { $in: [...ids] } }, { ...NO_MAP, orderBy: { threadId: 'asc', position: 'asc' } });
    for (const row of rows) {
      const id = asId<ThreadId>(row.threadId);
      const participants = found.get(id);
      if (participants) participants.push(asId<UserId>(row.userId));
      else found.set(id, [asId<UserId>(row.userId)]);
    }
    return found;
  }

  private async withParticipants(rows: ThreadRow[]): Promise<Thread[]> {
    if (rows.length === 0) return [];
    const people = await this.participantsByThread(rows.map((r) => r.id));
    return [...rows].sort(byActivity).map((r) => this.restore(r, people.get(asId<ThreadId>(r.id)) ?? []));
  }

  /** A thread from its row and participants, remembering the participants as read (see `update`). */
  private restore(r: ThreadRow, participantIds: readonly string[]): Thread {
    const thread = Thread.restore({
      id: asId<ThreadId>(r.id),
      schoolId: asId<SchoolId>(r.schoolId),
      kind: r.kind as ThreadKind,
      subject: r.subject,
      participantIds: participantIds.map((p) => asId<UserId>(p)),
      createdBy: asId<UserId>(r.createdBy),
      createdAt: new Date(r.createdAt),
      lastSeq: Number(r.lastSeq),
      lastMessageAt: r.lastMessageAt === null ? null : new Date(r.lastMessageAt),
      leadOversight: r.leadOversight,
    });
    this.readParticipants.set(thread, [...participantIds]);
    return thread;
  }
}
