import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import { Register, Registers, type AttendanceStatus, type LessonId, type MarkState, type RegisterChange, type RegisterEntry } from '@cadenza/server/attendance/domain';
import { asId, newId, type UserId } from '@cadenza/shared/kernel';
import { EntrySchema, RegisterChangeSchema, RegisterSchema, type EntryRow, type RegisterChangeRow } from './entities.js';
import { REGISTER_FOR_UPDATE } from './statements.js';

const NO_MAP = { disableIdentityMap: true } as const;
const at = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
const user = (value: string | null): UserId | null => (value === null ? null : asId<UserId>(value));

const toEntry = (row: EntryRow): RegisterEntry => ({
  studentId: asId<UserId>(row.studentId),
  status: row.status as AttendanceStatus,
  lateMinutes: row.lateMinutes,
  note: row.note,
  markedBy: asId<UserId>(row.markedBy),
  markedAt: new Date(row.markedAt),
});

const toChange = (row: RegisterChangeRow): RegisterChange => ({
  lessonId: asId<LessonId>(row.lessonId),
  studentId: asId<UserId>(row.studentId),
  from: row.fromStatus === null ? null : { status: row.fromStatus as AttendanceStatus, lateMinutes: row.fromLateMinutes, note: row.fromNote },
  to: { status: row.toStatus as AttendanceStatus, lateMinutes: row.toLateMinutes, note: row.toNote },
  changedBy: asId<UserId>(row.changedBy),
  changedAt: new Date(row.changedAt),
  reason: row.reason,
});

const states = (mark: MarkState | null, prefix: 'from' | 'to') =>
  prefix === 'from'
    ? { fromStatus: mark?.status ?? null, fromLateMinutes: mark?.lateMinutes ?? null, fromNote: mark?.note ?? null }
    : { toStatus: mark?.status ?? '', toLateMinutes: mark?.lateMinutes ?? null, toNote: mark?.note ?? null };

/** Registers in `attendance_registers`, `attendance_entries` and the append-only `attendance_register_changes`. */
@Injectable()
export class MikroOrmRegisters extends Registers {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async forUpdate(lessonId: LessonId): Promise<Register> {
    const [row] = await schoolRows(this.em, REGISTER_FOR_UPDATE, [lessonId]);
    if (!row) throw new Error(`The register of lesson ${lessonId} was neither made nor found.`);
    // Read after the lock: this statement sees what a unit that held it before committed.
    const entries = await this.em.find(EntrySchema, { lessonId }, { ...NO_MAP, orderBy: { markedAt: 'asc', studentId: 'asc' } });
    return Register.restore({
      lessonId,
      startedAt: at(row.started_at),
      startedBy: user(row.started_by),
      endedAt: at(row.ended_at),
      endedBy: user(row.ended_by),
      deliveredAt: at(row.delivered_at),
      entries: entries.map(toEntry),
    });
  }

  async find(lessonId: LessonId): Promise<Register | null> {
    return (await this.findMany([lessonId]))[0] ?? null;
  }

  async findMany(lessonIds: readonly LessonId[]): Promise<Register[]> {
    if (lessonIds.length === 0) return [];
    const rows = await this.em.find(RegisterSchema, { lessonId: { $in: [...lessonIds] } }, NO_MAP);
    const entries = await this.em.find(EntrySchema, { lessonId: { $in: rows.map((r) => r.lessonId) } }, { ...NO_MAP, orderBy: { markedAt: 'asc', studentId: 'asc' } });
    return rows.map((row) =>
      Register.restore({
        lessonId: asId<LessonId>(row.lessonId),
        startedAt: at(row.startedAt),
        startedBy: user(row.startedBy),
        endedAt: at(row.endedAt),
        endedBy: user(row.endedBy),
        deliveredAt: at(row.deliveredAt),
        entries: entries.filter((e) => e.lessonId === row.lessonId).map(toEntry),
      }),
    );
  }

  async save(register: Register, changes: readonly RegisterChange[]): Promise<void> {
    const schoolId = currentSchool(this.em);
    const s = register.snapshot();
    // The row exists: `forUpdate` made it, or the unit holds it.
    await this.em.upsert(
      RegisterSchema,
      { schoolId, lessonId: s.lessonId, startedAt: s.startedAt, startedBy: s.startedBy, endedAt: s.endedAt, endedBy: s.endedBy, deliveredAt: s.deliveredAt },
      NO_MAP,
    );
    const changed = new Set(changes.map((c) => c.studentId));
    const entries = s.entries.filter((e) => changed.has(e.studentId));
    if (entries.length > 0) {
      await this.em.upsertMany(
        EntrySchema,
        entries.map((e) => ({ schoolId, lessonId: s.lessonId, studentId: e.studentId, status: e.status, lateMinutes: e.lateMinutes, note: e.note, markedBy: e.markedBy, markedAt: e.markedAt })),
        { ...NO_MAP, onConflictFields: ['lessonId', 'studentId'], onConflictMergeFields: ['status', 'lateMinutes', 'note', 'markedBy', 'markedAt'] },
      );
    }
    if (changes.length > 0) {
      // Numbered per lesson while the unit holds the register: the history's order, whatever the clocks said.
      const kept = await this.em.count(RegisterChangeSchema, { lessonId: s.lessonId });
      await this.em.insertMany(
        RegisterChangeSchema,
        changes.map((c, i) => ({
          id: newId(),
          schoolId,
          lessonId: c.lessonId,
          studentId: c.studentId,
          ordinal: kept + i,
          ...states(c.from, 'from'),
          ...states(c.to, 'to'),
          changedBy: c.changedBy,
          changedAt: c.changedAt,
          reason: c.reason,
        })) as RegisterChangeRow[],
      );
    }
  }

  async history(lessonId: LessonId): Promise<RegisterChange[]> {
    const rows = await this.em.find(RegisterChangeSchema, { lessonId }, { ...NO_MAP, orderBy: { ordinal: 'asc' } });
    return rows.map(toChange);
  }
}
