import type { UserId } from '@cadenza/shared/kernel';
import { RecordingPublisher } from '@cadenza/shared/kernel/testing';
import { teachesIn, type AttendedLesson } from '../model/attended-lesson.js';
import { DEFAULT_ATTENDANCE_SETTINGS, type AttendanceSettings } from '../model/attendance-settings.js';
import type { LessonId } from '../model/ids.js';
import { Register, type RegisterChange, type RegisterState } from '../model/register.js';
import { AttendanceAlerts } from '../ports/attendance-alerts.js';
import { AttendanceEvents, type AttendanceEvent } from '../ports/attendance-events.js';
import { AttendanceSchool } from '../ports/attendance-school.js';
import { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';
import { AttendedLessons, type AttendedLessonQuery } from '../ports/attended-lessons.js';
import { Registers } from '../ports/registers.js';

const copyLesson = (l: AttendedLesson): AttendedLesson => ({ ...l, studentIds: [...l.studentIds], start: new Date(l.start), end: new Date(l.end) });

export class InMemoryAttendedLessons extends AttendedLessons {
  readonly byId = new Map<LessonId, AttendedLesson>();

  async record(lesson: AttendedLesson): Promise<void> {
    this.byId.set(lesson.id, copyLesson(lesson));
  }
  async get(id: LessonId): Promise<AttendedLesson | null> {
    const lesson = this.byId.get(id);
    return lesson ? copyLesson(lesson) : null;
  }
  async between(query: AttendedLessonQuery): Promise<AttendedLesson[]> {
    return [...this.byId.values()]
      .filter((l) => l.start < query.to && l.end > query.from && (!query.staffId || teachesIn(l, query.staffId)) && (!query.studentId || l.studentIds.includes(query.studentId)))
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))
      .map(copyLesson);
  }
}

/**
 * Registers in memory. `forUpdate` holds nothing: the in-memory unit of work (`SnapshotUnitOfWork`) runs units one at
 * a time, which is the guarantee the PostgreSQL adapter gives with its row lock.
 */
export class InMemoryRegisters extends Registers {
  readonly byLesson = new Map<LessonId, RegisterState>();
  readonly changes: RegisterChange[] = [];

  async forUpdate(lessonId: LessonId): Promise<Register> {
    return (await this.find(lessonId)) ?? Register.empty(lessonId);
  }
  async find(lessonId: LessonId): Promise<Register | null> {
    const state = this.byLesson.get(lessonId);
    return state ? Register.restore(state) : null;
  }
  async findMany(lessonIds: readonly LessonId[]): Promise<Register[]> {
    return lessonIds.flatMap((id) => {
      const state = this.byLesson.get(id);
      return state ? [Register.restore(state)] : [];
    });
  }
  async save(register: Register, changes: readonly RegisterChange[]): Promise<void> {
    this.byLesson.set(register.lessonId, register.snapshot());
    this.changes.push(...changes.map((c) => ({ ...c, from: c.from ? { ...c.from } : null, to: { ...c.to } })));
  }
  async history(lessonId: LessonId): Promise<RegisterChange[]> {
    return this.changes.filter((c) => c.lessonId === lessonId);
  }
}

export class InMemoryAttendanceSettings extends AttendanceSettingsStore {
  readonly kept: AttendanceSettings[] = [];

  async get(): Promise<AttendanceSettings> {
    return { ...(this.kept.at(-1) ?? DEFAULT_ATTENDANCE_SETTINGS) };
  }
  async save(settings: AttendanceSettings): Promise<void> {
    this.kept.push({ ...settings });
  }
}

/** The school's time zone, as a spec sets it. */
export class FixedAttendanceSchool extends AttendanceSchool {
  constructor(public zone = 'UTC') {
    super();
  }
  async timeZone(): Promise<string> {
    return this.zone;
  }
}

/** The alerts taken, by key. */
export class InMemoryAttendanceAlerts extends AttendanceAlerts {
  readonly taken = new Set<string>();

  async claimReminderDay(date: string): Promise<boolean> {
    return this.take(`reminder:${date}`);
  }
  async claimStreak(studentId: UserId, firstLessonId: LessonId): Promise<boolean> {
    return this.take(`streak:${studentId}:${firstLessonId}`);
  }
  private take(key: string): boolean {
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}

/** Attendance's events, kept for specs to read. */
export class RecordingAttendanceEvents extends RecordingPublisher<AttendanceEvent> implements AttendanceEvents {}

/** A lesson for specs: a 45-minute individual lesson unless told otherwise. */
export function anAttendedLesson(over: Partial<AttendedLesson> & { teacherId: UserId; studentIds: UserId[] }): AttendedLesson {
  const start = over.start ?? new Date('2026-12-07T16:00:00Z');
  return {
    id: globalThis.crypto.randomUUID() as LessonId,
    accompanistId: null,
    end: new Date(start.getTime() + 45 * 60_000),
    cancelled: false,
    ...over,
    start,
  };
}
