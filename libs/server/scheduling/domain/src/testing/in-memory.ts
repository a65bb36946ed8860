import type { Clock, UserId } from '@cadenza/shared/kernel';
import { RecordingPublisher, type RecordingAuditTrail } from '@cadenza/shared/kernel/testing';
import { Availability } from '../model/availability.js';
import { Closure, Term } from '../model/calendar.js';
import type { ClosureId, LessonId, LessonRequestId, LessonTypeId, MakeupCreditId, RoomId, SeriesId, TermId } from '../model/ids.js';
import { LessonRequest, OPEN_REQUEST_STATUSES, requestExists, type LessonRequestStatus } from '../model/lesson-request.js';
import { LessonSeries } from '../model/lesson-series.js';
import { LessonType } from '../model/lesson-type.js';
import { Lesson } from '../model/lesson.js';
import { MakeupCredit } from '../model/makeup-credit.js';
import { Room } from '../model/room.js';
import { SchedulingPolicy } from '../model/scheduling-policy.js';
import { CopiedMeanwhile, TakenMeanwhile } from '../conflicts/taken-meanwhile.js';
import {
  AvailabilityRepository,
  CalendarRepository,
  LessonHistory,
  LessonRepository,
  LessonRequestRepository,
  LessonTypeRepository,
  MakeupCreditRepository,
  RoomRepository,
  SchedulingPolicyRepository,
  SchoolDirectory,
  SeriesRepository,
  type BusyQuery,
  type DirectoryPerson,
  type HistoryEntry,
  type LessonQuery,
  type SchedulingEvent,
} from '../ports/index.js';
import type { LocalDate } from '../time/zoned-time.js';
import { changedFields } from '../use-cases/lesson-reads.js';

/**
 * In-memory adapters for the scheduling ports, for fast use-case specs. They store snapshots
 * and hand out fresh objects, as a database would, so a spec cannot pass by sharing references.
 */
export class InMemoryRooms extends RoomRepository {
  readonly rows = new Map<string, ReturnType<Room['snapshot']>>();
  async add(room: Room) {
    this.rows.set(room.id, room.snapshot());
  }
  async update(room: Room) {
    this.rows.set(room.id, room.snapshot());
  }
  async byId(id: RoomId) {
    const row = this.rows.get(id);
    return row ? Room.restore(row) : null;
  }
  async list(filter: { activeOnly?: boolean } = {}) {
    return [...this.rows.values()].filter((r) => !filter.activeOnly || r.active).map((r) => Room.restore(r));
  }
}

export class InMemoryCalendar extends CalendarRepository {
  readonly termRows = new Map<string, ReturnType<Term['snapshot']>>();
  readonly closureRows = new Map<string, ReturnType<Closure['snapshot']>>();
  async addTerm(term: Term) {
    this.termRows.set(term.id, term.snapshot());
  }
  async termById(id: TermId) {
    const row = this.termRows.get(id);
    return row ? Term.restore(row) : null;
  }
  async terms() {
    return [...this.termRows.values()].map((t) => Term.restore(t));
  }
  async updateTerm(term: Term) {
    this.termRows.set(term.id, term.snapshot());
  }
  async removeTerm(id: TermId) {
    this.termRows.delete(id);
  }
  async addClosure(closure: Closure) {
    this.closureRows.set(closure.id, closure.snapshot());
  }
  async updateClosure(closure: Closure) {
    this.closureRows.set(closure.id, closure.snapshot());
  }
  async removeClosure(id: ClosureId) {
    this.closureRows.delete(id);
  }
  async closureById(id: ClosureId) {
    const row = this.closureRows.get(id);
    return row ? Closure.restore(row) : null;
  }
  async closures(range?: { from: LocalDate; to: LocalDate }) {
    return [...this.closureRows.values()].filter((c) => !range || (c.startDate <= range.to && range.from <= c.endDate)).map((c) => Closure.restore(c));
  }
}

export class InMemoryLessonTypes extends LessonTypeRepository {
  readonly rows = new Map<string, ReturnType<LessonType['snapshot']>>();
  async add(type: LessonType) {
    this.rows.set(type.id, type.snapshot());
  }
  async update(type: LessonType) {
    this.rows.set(type.id, type.snapshot());
  }
  async remove(id: LessonTypeId) {
    this.rows.delete(id);
  }
  async byId(id: LessonTypeId) {
    const row = this.rows.get(id);
    return row ? LessonType.restore(row) : null;
  }
  async list() {
    return [...this.rows.values()].map((t) => LessonType.restore(t));
  }
}

export class InMemoryAvailability extends AvailabilityRepository {
  readonly rows = new Map<string, ReturnType<Availability['snapshot']>>();
  async save(availability: Availability) {
    this.rows.set(availability.personId, availability.snapshot());
  }
  async of(personId: UserId) {
    const row = this.rows.get(personId);
    return row ? Availability.restore(row) : null;
  }
  async ofMany(personIds: readonly UserId[]) {
    return personIds.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [Availability.restore(row)] : [];
    });
  }
}

type LessonRow = ReturnType<Lesson['snapshot']>;
const people = (l: LessonRow) => [l.teacherId, ...l.studentIds, ...(l.accompanistId ? [l.accompanistId] : [])];
const overlapping = (l: LessonRow, from: Date, to: Date) => l.start.getTime() < to.getTime() && from.getTime() < l.end.getTime();

/**
 * Lessons, with the database's exclusion constraints played out: adding or moving a lesson onto
 * a person or room already busy throws `SCHEDULING.CONFLICT`, as the adapter does.
 */
export class InMemoryLessons extends LessonRepository {
  readonly rows = new Map<string, LessonRow>();
  /** Turn off to let specs set up impossible timetables. */
  enforceExclusion = true;

  /**
   * Mirrors the adapter: the room's constraint is checked first (on the lesson row), then the
   * people's (attendee rows: teacher, accompanist, students); the conflict names the new
   * lesson's role that clashed and the person or room.
   */
  private assertNoOverlap(row: LessonRow, pending: readonly LessonRow[] = []) {
    if (!this.enforceExclusion || row.status === 'cancelled') return;
    const others = [...[...this.rows.values()].filter((r) => r.id !== row.id), ...pending].filter((o) => o.status !== 'cancelled' && overlapping(o, row.start, row.end));
    if (others.length === 0) return;
    const roles: { kind: 'room' | 'teacher' | 'accompanist' | 'student'; id: string }[] = [
      ...(row.roomId ? [{ kind: 'room' as const, id: row.roomId }] : []),
      { kind: 'teacher', id: row.teacherId },
      ...(row.accompanistId ? [{ kind: 'accompanist' as const, id: row.accompanistId }] : []),
      ...row.studentIds.map((id) => ({ kind: 'student' as const, id })),
    ];
    const clash = roles.find((r) => others.some((o) => (r.kind === 'room' ? o.roomId === r.id : people(o).includes(r.id as UserId))));
    if (!clash) return;
    throw new TakenMeanwhile({ kind: clash.kind, id: clash.id, start: row.start, end: row.end });
  }

  async add(lessons: readonly Lesson[]) {
    const rows = lessons.map((l) => l.snapshot());
    rows.forEach((row, i) => this.assertNoOverlap(row, rows.slice(0, i)));
    for (const row of rows) this.rows.set(row.id, row);
  }
  async update(lesson: Lesson) {
    const row = lesson.snapshot();
    this.assertNoOverlap(row);
    this.rows.set(row.id, row);
  }
  async byId(id: LessonId) {
    const row = this.rows.get(id);
    return row ? Lesson.restore(row) : null;
  }
  async byIds(ids: readonly LessonId[]) {
    return [...new Set(ids)].flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [Lesson.restore(row)] : [];
    });
  }
  async inRange(q: LessonQuery) {
    return [...this.rows.values()]
      .filter((l) => overlapping(l, q.from, q.to))
      .filter((l) => q.includeCancelled || l.status !== 'cancelled')
      .filter((l) => !q.teacherId || l.teacherId === q.teacherId)
      .filter((l) => !q.studentId || l.studentIds.includes(q.studentId))
      .filter((l) => !q.roomId || l.roomId === q.roomId)
      .filter((l) => !q.accompanistId || l.accompanistId === q.accompanistId)
      .filter((l) => !q.involving || people(l).some((p) => q.involving?.includes(p)))
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((l) => Lesson.restore(l));
  }
  /** Lessons only: the in-memory series are another store (a series always has lessons, so the count is never wrongly zero). */
  async countOfType(typeId: LessonTypeId) {
    return [...this.rows.values()].filter((l) => l.lessonTypeId === typeId).length;
  }
  async busyFor(q: BusyQuery) {
    const pool = new Set<string>([...q.teacherIds, ...q.studentIds, ...q.accompanistIds]);
    const rooms = new Set<string>(q.roomIds);
    return [...this.rows.values()]
      .filter((l) => l.status !== 'cancelled' && overlapping(l, q.from, q.to))
      .filter((l) => people(l).some((p) => pool.has(p)) || (l.roomId !== null && rooms.has(l.roomId)))
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((l) => Lesson.restore(l));
  }
  async ofSeries(seriesId: SeriesId, from: Date, options: { anyStatus?: boolean } = {}) {
    return [...this.rows.values()]
      .filter((l) => l.seriesId === seriesId && (options.anyStatus || l.status === 'scheduled') && l.start.getTime() >= from.getTime())
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((l) => Lesson.restore(l));
  }
}

export class InMemorySeries extends SeriesRepository {
  readonly rows = new Map<string, ReturnType<LessonSeries['snapshot']>>();
  async add(series: LessonSeries) {
    const copied = series.copiedFromId;
    if (copied && [...this.rows.values()].some((s) => s.copiedFromId === copied && s.termId === series.termId)) throw new CopiedMeanwhile();
    this.rows.set(series.id, series.snapshot());
  }
  async update(series: LessonSeries) {
    this.rows.set(series.id, series.snapshot());
  }
  async byId(id: SeriesId) {
    const row = this.rows.get(id);
    return row ? LessonSeries.restore(row) : null;
  }
  async inTerm(termId: TermId) {
    return [...this.rows.values()].filter((s) => s.termId === termId).map((s) => LessonSeries.restore(s));
  }
}

export class InMemoryLessonRequests extends LessonRequestRepository {
  readonly rows = new Map<string, ReturnType<LessonRequest['snapshot']>>();
  async add(request: LessonRequest) {
    const s = request.snapshot();
    // The adapter's partial unique index: one open request per lesson, kind and student.
    const open = (r: typeof s) => r.lessonId !== null && OPEN_REQUEST_STATUSES.includes(r.status);
    if (open(s) && [...this.rows.values()].some((r) => open(r) && r.lessonId === s.lessonId && r.kind === s.kind && r.studentId === s.studentId)) throw requestExists(null);
    this.rows.set(request.id, s);
  }
  async update(request: LessonRequest) {
    this.rows.set(request.id, request.snapshot());
  }
  async byId(id: LessonRequestId) {
    const row = this.rows.get(id);
    return row ? LessonRequest.restore(row) : null;
  }
  async openAbout(lessonIds: readonly LessonId[]) {
    return [...this.rows.values()].filter((r) => r.lessonId !== null && lessonIds.includes(r.lessonId) && OPEN_REQUEST_STATUSES.includes(r.status)).map((r) => LessonRequest.restore(r));
  }
  async list(filter: { involving?: readonly UserId[]; status?: LessonRequestStatus }) {
    return [...this.rows.values()]
      .filter((r) => !filter.status || r.status === filter.status)
      .filter((r) => !filter.involving || [r.requestedBy, r.studentId, r.teacherId].some((p) => filter.involving?.includes(p)))
      .map((r) => LessonRequest.restore(r));
  }
}

/** Makeup credits, one per student per cancelled lesson as the database's unique key has it. */
export class InMemoryMakeupCredits extends MakeupCreditRepository {
  readonly rows = new Map<string, ReturnType<MakeupCredit['snapshot']>>();
  async add(credits: readonly MakeupCredit[]) {
    for (const c of credits) {
      // A replayed cancellation grants nothing more (the adapter's `on conflict do nothing`).
      const granted = [...this.rows.values()].some((r) => r.originLessonId === c.originLessonId && r.studentId === c.studentId);
      if (!granted) this.rows.set(c.id, c.snapshot());
    }
  }
  async update(credit: MakeupCredit) {
    this.rows.set(credit.id, credit.snapshot());
  }
  async byId(id: MakeupCreditId) {
    const row = this.rows.get(id);
    return row ? MakeupCredit.restore(row) : null;
  }
  async ofStudent(studentId: UserId) {
    return [...this.rows.values()]
      .filter((c) => c.studentId === studentId)
      .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .map((c) => MakeupCredit.restore(c));
  }
  async all() {
    return [...this.rows.values()].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime()).map((c) => MakeupCredit.restore(c));
  }
  async expireDue(now: Date) {
    const expired: MakeupCredit[] = [];
    for (const row of this.rows.values()) {
      const credit = MakeupCredit.restore(row);
      if (credit.expire(now)) {
        this.rows.set(credit.id, credit.snapshot());
        expired.push(credit);
      }
    }
    return expired;
  }
}

export class InMemoryPolicies extends SchedulingPolicyRepository {
  row: ReturnType<SchedulingPolicy['snapshot']> | null = null;
  async get() {
    return this.row ? SchedulingPolicy.restore(this.row) : null;
  }
  async save(policy: SchedulingPolicy) {
    this.row = policy.snapshot();
  }
}

export class InMemoryDirectory extends SchoolDirectory {
  readonly entries = new Map<string, DirectoryPerson>();
  readonly guardians: { parentId: UserId; studentId: UserId; access: 'view' | 'full' }[] = [];
  constructor(private zone = 'Europe/London') {
    super();
  }
  setTimeZone(zone: string) {
    this.zone = zone;
  }
  addPerson(id: UserId, roles: string[], name = 'Someone', archived = false) {
    this.entries.set(id, { id, roles, name, archived });
  }
  link(parentId: UserId, studentId: UserId, access: 'view' | 'full') {
    this.guardians.push({ parentId, studentId, access });
  }
  async timeZone() {
    return this.zone;
  }
  async person(id: UserId) {
    return this.entries.get(id) ?? null;
  }
  async people(ids: readonly UserId[]) {
    return [...new Set(ids)].flatMap((id) => {
      const person = this.entries.get(id);
      return person ? [person] : [];
    });
  }
  async guardianAccess(parentId: UserId, studentId: UserId) {
    return this.guardians.find((g) => g.parentId === parentId && g.studentId === studentId)?.access ?? null;
  }
  async childrenOf(parentId: UserId) {
    return this.guardians.filter((g) => g.parentId === parentId).map((g) => ({ studentId: g.studentId, access: g.access }));
  }
  async guardiansOf(studentIds: readonly UserId[]) {
    const found = new Map<UserId, UserId[]>();
    for (const { parentId, studentId } of this.guardians) {
      if (!studentIds.includes(studentId)) continue;
      const guardians = found.get(studentId) ?? [];
      if (!guardians.includes(parentId)) found.set(studentId, [...guardians, parentId]);
    }
    return found;
  }
}

/** The events a use case published, in `published`. */
export class RecordingEvents extends RecordingPublisher<SchedulingEvent> {}

/** The history of a lesson read from the recording audit trail, newest first (the entries carry no time: each is dated by the clock when read). */
export class InMemoryLessonHistory extends LessonHistory {
  constructor(
    private readonly audit: RecordingAuditTrail,
    private readonly clock: Clock,
  ) {
    super();
  }

  async of(subject: { lessonId: LessonId; seriesId: SeriesId | null }, limit: number): Promise<HistoryEntry[]> {
    return this.audit.entries
      .filter((e) => (e.entityType === 'lesson' && e.entityId === subject.lessonId) || (e.entityType === 'lesson_series' && subject.seriesId !== null && e.entityId === subject.seriesId))
      .reverse()
      .slice(0, limit)
      .map((e) => ({ at: this.clock.now(), actorId: e.actorId, action: e.action, entityType: e.entityType as HistoryEntry['entityType'], fields: changedFields(e.before, e.after) }));
  }
}
