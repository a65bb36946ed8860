import type { UserId } from '@cadenza/shared/kernel';
import type { InMemoryAttendedLessons, InMemoryRegisters } from './in-memory.js';
import type { Achievement, Assignment, AssignmentId, AttendanceSummary, LocalDate, PracticeComment, PracticeLog, PracticeLogId, ProgressLevelId, ProgressScale, ProgressTarget } from '../practice/model.js';
import { Assignments, PracticeDirectory, PracticeLogs, ProgressRecords, StudentLessons, type GuardianLink } from '../practice/ports.js';
import { teachesIn } from '../model/attended-lesson.js';

const copy = <T>(value: T): T => structuredClone(value);
const byDueDesc = (a: Assignment, b: Assignment) => b.dueOn.localeCompare(a.dueOn) || b.setAt.getTime() - a.setAt.getTime();

export class InMemoryAssignments extends Assignments {
  readonly byId = new Map<AssignmentId, Assignment>();

  async add(assignment: Assignment): Promise<void> {
    this.byId.set(assignment.id, copy(assignment));
  }
  async get(id: AssignmentId): Promise<Assignment | null> {
    const found = this.byId.get(id);
    return found ? copy(found) : null;
  }
  async save(assignment: Assignment): Promise<void> {
    this.byId.set(assignment.id, copy(assignment));
  }
  async ofStudent(studentId: UserId): Promise<Assignment[]> {
    return [...this.byId.values()].filter((a) => a.studentId === studentId).sort(byDueDesc).map(copy);
  }
}

export class InMemoryPracticeLogs extends PracticeLogs {
  readonly logs = new Map<PracticeLogId, Omit<PracticeLog, 'comments'>>();
  readonly comments: PracticeComment[] = [];
  readonly days = new Map<string, number>();

  async addToDay(studentId: UserId, day: LocalDate, minutes: number, limit: number): Promise<boolean> {
    const key = `${studentId}/${day}`;
    const total = (this.days.get(key) ?? 0) + minutes;
    if (total > limit) return false;
    this.days.set(key, total);
    return true;
  }
  async add(log: PracticeLog): Promise<void> {
    const { comments: _none, ...kept } = copy(log);
    this.logs.set(log.id, kept);
  }
  async get(id: PracticeLogId): Promise<PracticeLog | null> {
    const log = this.logs.get(id);
    return log ? this.withComments(log) : null;
  }
  async ofStudent(studentId: UserId, from: LocalDate, to: LocalDate): Promise<PracticeLog[]> {
    return [...this.logs.values()]
      .filter((l) => l.studentId === studentId && l.practisedOn >= from && l.practisedOn <= to)
      .sort((a, b) => b.practisedOn.localeCompare(a.practisedOn) || b.loggedAt.getTime() - a.loggedAt.getTime())
      .map((l) => this.withComments(l));
  }
  async addComment(comment: PracticeComment): Promise<void> {
    this.comments.push(copy(comment));
  }
  async minutesByDay(studentId: UserId, from: LocalDate, to: LocalDate): Promise<{ day: LocalDate; minutes: number }[]> {
    return [...this.days]
      .map(([key, minutes]) => ({ who: key.slice(0, key.indexOf('/')), day: key.slice(key.indexOf('/') + 1), minutes }))
      .filter((d) => d.who === studentId && d.day >= from && d.day <= to)
      .sort((a, b) => a.day.localeCompare(b.day))
      .map(({ day, minutes }) => ({ day, minutes }));
  }
  private withComments(log: Omit<PracticeLog, 'comments'>): PracticeLog {
    return copy({ ...log, comments: this.comments.filter((c) => c.logId === log.id).sort((a, b) => a.at.getTime() - b.at.getTime()) });
  }
}

export class InMemoryProgressRecords extends ProgressRecords {
  readonly scales: ProgressScale[] = [];
  readonly achievements: Achievement[] = [];
  readonly targets: ProgressTarget[] = [];

  async scale(): Promise<ProgressScale> {
    return copy(this.scales.at(-1) ?? { name: 'Levels', levels: [] });
  }
  async saveScale(scale: ProgressScale): Promise<void> {
    this.scales.push(copy(scale));
  }
  async levelsInUse(): Promise<Set<ProgressLevelId>> {
    return new Set([...this.achievements.map((a) => a.levelId), ...this.targets.flatMap((t) => (t.levelId ? [t.levelId] : []))]);
  }
  async addAchievement(achievement: Achievement): Promise<void> {
    this.achievements.push(copy(achievement));
  }
  async achievementsOf(studentId: UserId): Promise<Achievement[]> {
    return this.achievements.filter((a) => a.studentId === studentId).sort((a, b) => a.achievedOn.localeCompare(b.achievedOn) || a.recordedAt.getTime() - b.recordedAt.getTime()).map(copy);
  }
  async addTarget(target: ProgressTarget): Promise<void> {
    this.targets.push(copy(target));
  }
  async targetsOf(studentId: UserId): Promise<ProgressTarget[]> {
    return this.targets.filter((t) => t.studentId === studentId).sort((a, b) => a.dueOn.localeCompare(b.dueOn)).map(copy);
  }
}

/** The students' lessons and marks, from the attendance fakes' lessons and registers. */
export class InMemoryStudentLessons extends StudentLessons {
  constructor(
    private readonly lessons: InMemoryAttendedLessons,
    private readonly registers: InMemoryRegisters,
  ) {
    super();
  }

  async teaches(staffId: UserId, studentId: UserId): Promise<boolean> {
    return [...this.lessons.byId.values()].some((l) => !l.cancelled && teachesIn(l, staffId) && l.studentIds.includes(studentId));
  }
  async studentsOf(staffId: UserId): Promise<UserId[]> {
    return [...new Set([...this.lessons.byId.values()].filter((l) => !l.cancelled && teachesIn(l, staffId)).flatMap((l) => l.studentIds))];
  }
  async attendanceOf(studentId: UserId): Promise<AttendanceSummary> {
    const summary: AttendanceSummary = { present: 0, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 };
    for (const [lessonId, state] of this.registers.byLesson) {
      if (this.lessons.byId.get(lessonId)?.cancelled !== false) continue;
      for (const entry of state.entries.filter((e) => e.studentId === studentId)) {
        const key = ({ present: 'present', late: 'late', absent_notice: 'absentWithNotice', absent_no_notice: 'absentWithoutNotice', excused: 'excused' } as const)[entry.status];
        summary[key]++;
      }
    }
    return summary;
  }
}

/** Guardians, names and the school's zone as a spec sets them. */
export class InMemoryPracticeDirectory extends PracticeDirectory {
  zone = 'Europe/London';
  readonly guardians = new Map<UserId, GuardianLink[]>();
  readonly people = new Map<UserId, string>();

  link(parentId: UserId, link: GuardianLink): void {
    this.guardians.set(parentId, [...(this.guardians.get(parentId) ?? []), link]);
  }
  async timeZone(): Promise<string> {
    return this.zone;
  }
  async guardianAccess(parentId: UserId, studentId: UserId): Promise<GuardianLink | null> {
    return (this.guardians.get(parentId) ?? []).find((l) => l.studentId === studentId) ?? null;
  }
  async childrenOf(parentId: UserId): Promise<GuardianLink[]> {
    return [...(this.guardians.get(parentId) ?? [])];
  }
  /** The students are the people named. */
  async isStudent(id: UserId): Promise<boolean> {
    return this.people.has(id);
  }
  async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    return new Map(ids.flatMap((id) => (this.people.has(id) ? [[id, this.people.get(id) ?? '']] : [])));
  }
}
