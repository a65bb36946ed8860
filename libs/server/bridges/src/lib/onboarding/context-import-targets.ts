import { Injectable } from '@nestjs/common';
import { ImportedPeople, RegisterPeople, SchoolRepository, UserRepository, FamilyRepository, type User } from '@cadenza/server/identity/domain';
import {
  ImportTargets,
  RowProblems,
  type FamilyRow,
  type GroupOutcome,
  type ImportGroup,
  type ImportKind,
  type ImportProblem,
  type ImportWriter,
  type LessonRow,
  type RoomRow,
  type TeacherRow,
} from '@cadenza/server/onboarding/domain';
import { CalendarRepository, CreateRoom, CreateSeries, LessonRepository, localParts, RoomRepository, type Room, type Term } from '@cadenza/server/scheduling/domain';
import { withBulkLessonWrites } from '@cadenza/server/scheduling/infra-mikro-orm';
import { DomainError, type Actor, type UserId } from '@cadenza/shared/kernel';

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_MS = 24 * 60 * 60 * 1000;

/** A problem of a row, collected until the group is done and thrown together. */
class Problems {
  readonly items: ImportProblem[] = [];
  add(row: number, field: string | null, code: string, message: string): void {
    this.items.push({ row, field, column: null, code, message });
  }
  /** A use case's refusal, its field translated to the import's (unknown fields land on the whole row). */
  refusal(row: number, error: unknown, fields: Record<string, string>): void {
    if (!(error instanceof DomainError) || !['invalid', 'conflict', 'not_found'].includes(error.kind)) throw error;
    const named = error.details.fields ?? [];
    if (named.length === 0) this.add(row, null, error.code, error.message);
    for (const f of named) this.add(row, fields[f.field] ?? fields[f.field.split('.')[0]] ?? null, error.code, f.message);
  }
  throwIfAny(): void {
    if (this.items.length > 0) throw new RowProblems(this.items);
  }
}

/**
 * Onboarding's `ImportTargets` over identity and scheduling: people and families through identity's `RegisterPeople`,
 * rooms through scheduling's `CreateRoom`, weekly lessons through `CreateSeries` (its conflict rules, the same as a
 * booking's), all inside the import's unit of work. Rows match what is there by email, a room's name, or a lesson's
 * teacher, student, weekday, time and term, and are then left as they are.
 */
@Injectable()
export class ContextImportTargets extends ImportTargets {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly register: RegisterPeople,
    private readonly rooms: RoomRepository,
    private readonly calendar: CalendarRepository,
    private readonly lessons: LessonRepository,
    private readonly createRoom: CreateRoom,
    private readonly createSeries: CreateSeries,
    private readonly imported: ImportedPeople,
  ) {
    super();
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }

  async open(actor: Actor, kind: ImportKind, runId: string): Promise<ImportWriter> {
    const school = await this.schools.current();
    // Rows name people by email: someone recorded without one cannot be matched by a row.
    const people = new Map((await this.users.list({})).flatMap((u) => (u.email === null ? [] : [[u.email, u] as const])));
    const session: Session = { actor, runId, people, timeZone: school.timeZone, locale: school.snapshot().locale };
    switch (kind) {
      case 'families':
        return { write: (group) => this.family(session, only(group, 'families')) };
      case 'teachers':
        return { write: (group) => this.teacher(session, only(group, 'teachers').rows[0]) };
      case 'rooms': {
        const rooms = new Map((await this.rooms.list({ activeOnly: false })).map((r) => [r.name.toLowerCase(), r]));
        return { write: (group) => this.room(session, rooms, only(group, 'rooms').rows[0]) };
      }
      case 'lessons': {
        const rooms = new Map((await this.rooms.list({ activeOnly: false })).map((r) => [r.name.toLowerCase(), r]));
        const terms = new Map((await this.calendar.terms()).map((t) => [t.name.toLowerCase(), t]));
        const series = await this.weeklyLessons(session.timeZone, [...terms.values()]);
        return { write: (group) => this.lesson(session, rooms, terms, series, only(group, 'lessons').rows[0]) };
      }
    }
  }

  /** A new person through identity's rules, or a refusal on the row's field; the email is checked across schools first. */
  private async person(session: Session, problems: Problems, row: number, field: string, input: { email: string; name: string; role: string; dateOfBirth?: string }): Promise<User | null> {
    if (await this.users.emailTaken(input.email)) {
      problems.add(row, field, 'ONBOARDING.EMAIL_TAKEN', `${input.email} already has an account elsewhere.`);
      return null;
    }
    try {
      const user = await this.register.user(session.actor, session.actor.schoolId, {
        email: input.email,
        name: input.name,
        roles: [input.role],
        dateOfBirth: input.dateOfBirth ?? null,
        timeZone: session.timeZone,
        locale: session.locale,
      });
      session.people.set(user.email ?? input.email, user);
      await this.imported.record(session.runId, [user.id]);
      return user;
    } catch (error) {
      const prefix = field.replace(/_email$/, '');
      problems.refusal(row, error, { email: field, name: `${prefix}_name`, dateOfBirth: `${prefix}_date_of_birth` });
      return null;
    }
  }

  /** Someone already at the school in the role the file gives, or a refusal when the email is someone else's. */
  private existing(session: Session, problems: Problems, row: number, field: string, email: string, role: string): User | null {
    const user = session.people.get(email) ?? null;
    if (user && !user.hasRole(role as never)) {
      problems.add(row, field, 'ONBOARDING.EMAIL_IN_USE', `${email} is already at the school as ${user.roles.join(' and ')}, not ${role}.`);
    }
    return user;
  }

  private async family(session: Session, group: Extract<ImportGroup, { kind: 'families' }>): Promise<GroupOutcome> {
    const problems = new Problems();
    const known = group.rows.map((r) => this.existing(session, problems, r.row, 'student_email', r.student.email, 'student'));
    const guardianRows = new Map<string, FamilyRow['guardians'][number] & { row: number }>();
    for (const r of group.rows) for (const g of r.guardians) if (!guardianRows.has(g.email)) guardianRows.set(g.email, { ...g, row: r.row });
    for (const g of guardianRows.values()) this.existing(session, problems, g.row, g.field, g.email, 'parent');
    problems.throwIfAny();
    const there = known.filter((k): k is User => k !== null);
    if (there.length === known.length) {
      const inFamily = await Promise.all(there.map(async (k) => (await this.families.ofChild(k.id)).length > 0));
      if (inFamily.every(Boolean)) return 'unchanged';
    }
    if (known.some((k) => k !== null)) {
      const row = group.rows[known.findIndex((k) => k !== null)].row;
      problems.add(row, 'student_email', 'ONBOARDING.ALREADY_ENROLLED', `Family ${group.familyRef} has a student already at the school: add new children on the family’s page.`);
      problems.throwIfAny();
    }
    const children: UserId[] = [];
    for (const r of group.rows) {
      const user = await this.person(session, problems, r.row, 'student_email', { ...r.student, role: 'student' });
      if (user) children.push(user.id);
    }
    const guardians: { id: UserId; level: 'view' | 'full' }[] = [];
    for (const g of guardianRows.values()) {
      const user = session.people.get(g.email) ?? (await this.person(session, problems, g.row, g.field, { email: g.email, name: g.name, role: 'parent' }));
      if (user) guardians.push({ id: user.id, level: g.access });
    }
    problems.throwIfAny();
    try {
      await this.register.family(session.actor, session.actor.schoolId, { name: group.familyName, guardians, children });
    } catch (error) {
      problems.refusal(group.rows[0].row, error, { name: 'family_name', guardians: 'guardian_email', children: 'student_email' });
    }
    problems.throwIfAny();
    return 'created';
  }

  private async teacher(session: Session, r: TeacherRow): Promise<GroupOutcome> {
    const problems = new Problems();
    const there = this.existing(session, problems, r.row, 'email', r.email, r.role);
    problems.throwIfAny();
    if (there) return 'unchanged';
    await this.person(session, problems, r.row, 'email', { email: r.email, name: r.name, role: r.role });
    problems.throwIfAny();
    return 'created';
  }

  private async room(session: Session, rooms: Map<string, Room>, r: RoomRow): Promise<GroupOutcome> {
    if (rooms.has(r.name.toLowerCase())) return 'unchanged';
    const problems = new Problems();
    try {
      const room = await this.createRoom.execute(session.actor, { name: r.name, capacity: r.capacity, features: r.features });
      rooms.set(room.name.toLowerCase(), room);
    } catch (error) {
      problems.refusal(r.row, error, { name: 'name', capacity: 'capacity', features: 'features' });
    }
    problems.throwIfAny();
    return 'created';
  }

  /**
   * The school's series lessons over its terms, as one key per teacher, student, weekday, start and length: what a
   * lessons row is matched against, read once per import rather than once per row.
   */
  private async weeklyLessons(timeZone: string, terms: Term[]): Promise<Set<string>> {
    const keys = new Set<string>();
    if (terms.length === 0) return keys;
    const from = new Date(Math.min(...terms.map((t) => Date.parse(`${t.startDate}T00:00:00Z`))) - DAY_MS);
    const to = new Date(Math.max(...terms.map((t) => Date.parse(`${t.endDate}T00:00:00Z`))) + 2 * DAY_MS);
    for (const l of await this.lessons.inRange({ from, to })) {
      if (l.seriesId === null) continue;
      const at = localParts(l.start, timeZone);
      for (const student of l.studentIds) keys.add(seriesKey(l.teacherId, student, at.weekday, at.time, l.durationMs));
    }
    return keys;
  }

  private async lesson(session: Session, rooms: Map<string, Room>, terms: Map<string, Term>, series: Set<string>, r: LessonRow): Promise<GroupOutcome> {
    const problems = new Problems();
    const teacher = session.people.get(r.teacherEmail);
    const student = session.people.get(r.studentEmail);
    const room = r.room ? rooms.get(r.room.toLowerCase()) : null;
    const term = terms.get(r.term.toLowerCase());
    if (!teacher?.hasRole('teacher')) problems.add(r.row, 'teacher_email', 'ONBOARDING.UNKNOWN_TEACHER', `No teacher at the school has the email ${r.teacherEmail}.`);
    if (!student?.hasRole('student')) problems.add(r.row, 'student_email', 'ONBOARDING.UNKNOWN_STUDENT', `No student at the school has the email ${r.studentEmail}.`);
    if (r.room && !room) problems.add(r.row, 'room', 'ONBOARDING.UNKNOWN_ROOM', `No room is called "${r.room}".`);
    if (!term) problems.add(r.row, 'term', 'ONBOARDING.UNKNOWN_TERM', `No term is called "${r.term}".`);
    problems.throwIfAny();
    if (!teacher || !student || !term) return 'unchanged';
    if (series.has(seriesKey(teacher.id, student.id, r.weekday, r.startTime, r.durationMinutes * 60_000))) return 'unchanged';
    try {
      // One lock for the whole import instead of each lesson's slot locks, which one transaction cannot hold by the thousand.
      await withBulkLessonWrites(`import:${session.actor.schoolId}`, () => this.createSeries.execute(session.actor, {
        teacherId: teacher.id,
        studentIds: [student.id],
        roomId: room?.id ?? null,
        termId: term.id,
        rrule: `FREQ=WEEKLY;BYDAY=${WEEKDAY_CODES[r.weekday - 1]}`,
        startTime: r.startTime,
        durationMinutes: r.durationMinutes,
        firstDate: r.firstDate ?? term.startDate,
      }));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'SCHEDULING.SERIES_CONFLICT') {
        problems.add(r.row, 'start_time', 'ONBOARDING.LESSON_CLASH', clashMessage(error));
      } else {
        problems.refusal(r.row, error, { teacherId: 'teacher_email', studentIds: 'student_email', roomId: 'room', startTime: 'start_time', durationMinutes: 'duration_minutes', firstDate: 'first_date', rrule: 'weekday', termId: 'term' });
      }
    }
    problems.throwIfAny();
    return 'created';
  }
}

interface Session {
  actor: Actor;
  /** The run's id: the people it creates are kept as its own, to be invited after it. */
  runId: string;
  /** The school's people by email, with those this import adds. */
  people: Map<string, User>;
  timeZone: string;
  locale: string;
}

const seriesKey = (teacher: string, student: string, weekday: number, time: string, durationMs: number) => `${teacher}|${student}|${weekday}|${time}|${durationMs}`;

function only<K extends ImportGroup['kind']>(group: ImportGroup, kind: K): Extract<ImportGroup, { kind: K }> {
  if (group.kind !== kind) throw new Error(`A ${group.kind} group given to a ${kind} import.`);
  return group as Extract<ImportGroup, { kind: K }>;
}

/** The series' refusal in a sentence: the first clash, and how many of its dates clash. */
function clashMessage(error: DomainError): string {
  const occurrences = (error.details['occurrences'] ?? []) as { date: string; conflicts: { message: string }[] }[];
  const first = occurrences[0];
  if (!first) return error.message;
  const more = occurrences.length > 1 ? ` (and ${occurrences.length - 1} more of its dates)` : '';
  return `On ${first.date}${more}: ${first.conflicts.map((c) => c.message).join(' ')}`;
}
