import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import {
  Assignments,
  PracticeLogs,
  ProgressRecords,
  StudentLessons,
  type Achievement,
  type Assignment,
  type AssignmentId,
  type AttendanceSummary,
  type LocalDate,
  type PracticeComment,
  type PracticeLog,
  type PracticeLogId,
  type ProgressLevelId,
  type ProgressScale,
  type ProgressTarget,
} from '@cadenza/server/attendance/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import {
  AchievementSchema,
  AssignmentSchema,
  PracticeCommentSchema,
  PracticeDaySchema,
  PracticeLogSchema,
  ProgressLevelSchema,
  ProgressScaleSchema,
  TargetSchema,
  AttendanceLessonSchema,
  type AchievementRow,
  type AssignmentRow,
  type PracticeCommentRow,
  type PracticeLogRow,
  type TargetRow,
} from './entities.js';
import { ATTENDANCE_OF_STUDENT, PRACTICE_DAY_ADD, STUDENTS_OF_STAFF } from './statements.js';

const NO_MAP = { disableIdentityMap: true } as const;
const user = (id: string) => asId<UserId>(id);
/** A `date` column as the driver gives it (a string, or a Date at UTC midnight), as `YYYY-MM-DD`. */
const day = (value: string | Date): LocalDate => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

const toAssignment = (row: AssignmentRow): Assignment => ({
  id: asId<AssignmentId>(row.id),
  studentId: user(row.studentId),
  setBy: user(row.setBy),
  title: row.title,
  description: row.description,
  dueOn: day(row.dueOn),
  pieces: [...row.pieces],
  links: [...row.links],
  setAt: new Date(row.setAt),
  doneAt: row.doneAt ? new Date(row.doneAt) : null,
  doneBy: row.doneBy ? user(row.doneBy) : null,
});

/** Assignments in `practice_assignments`. */
@Injectable()
export class MikroOrmAssignments extends Assignments {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async add(a: Assignment): Promise<void> {
    await this.em.insert(AssignmentSchema, { ...a, schoolId: currentSchool(this.em), pieces: [...a.pieces], links: [...a.links] });
  }
  async get(id: AssignmentId): Promise<Assignment | null> {
    const row = await this.em.findOne(AssignmentSchema, { id }, NO_MAP);
    return row ? toAssignment(row) : null;
  }
  async save(a: Assignment): Promise<void> {
    await this.em.nativeUpdate(AssignmentSchema, { id: a.id }, { doneAt: a.doneAt, doneBy: a.doneBy });
  }
  async ofStudent(studentId: UserId): Promise<Assignment[]> {
    const rows = await this.em.find(AssignmentSchema, { studentId }, { ...NO_MAP, orderBy: { dueOn: 'desc', setAt: 'desc' } });
    return rows.map(toAssignment);
  }
}

const toComment = (row: PracticeCommentRow): PracticeComment => ({ id: row.id, logId: asId<PracticeLogId>(row.logId), authorId: user(row.authorId), body: row.body, at: new Date(row.at) });
const toLog = (row: PracticeLogRow, comments: PracticeComment[]): PracticeLog => ({
  id: asId<PracticeLogId>(row.id),
  studentId: user(row.studentId),
  assignmentId: row.assignmentId ? asId<AssignmentId>(row.assignmentId) : null,
  practisedOn: day(row.practisedOn),
  minutes: row.minutes,
  note: row.note,
  loggedBy: user(row.loggedBy),
  loggedAt: new Date(row.loggedAt),
  comments: comments.filter((c) => c.logId === row.id),
});

/** Practice logs in `practice_logs`, their comments in `practice_comments`, each day's total in `practice_days`. */
@Injectable()
export class MikroOrmPracticeLogs extends PracticeLogs {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async addToDay(studentId: UserId, on: LocalDate, minutes: number, limit: number): Promise<boolean> {
    return (await schoolRows(this.em, PRACTICE_DAY_ADD, [studentId, on, minutes, limit])).length > 0;
  }
  async add(log: PracticeLog): Promise<void> {
    const { comments: _none, ...row } = log;
    await this.em.insert(PracticeLogSchema, { ...row, schoolId: currentSchool(this.em) });
  }
  async get(id: PracticeLogId): Promise<PracticeLog | null> {
    const row = await this.em.findOne(PracticeLogSchema, { id }, NO_MAP);
    if (!row) return null;
    const [log] = await this.withComments([row]);
    return log ?? null;
  }
  async ofStudent(studentId: UserId, from: LocalDate, to: LocalDate): Promise<PracticeLog[]> {
    const rows = await this.em.find(PracticeLogSchema, { studentId, practisedOn: { $gte: from, $lte: to } }, { ...NO_MAP, orderBy: { practisedOn: 'desc', loggedAt: 'desc' } });
    return this.withComments(rows);
  }
  async addComment(comment: PracticeComment): Promise<void> {
    await this.em.insert(PracticeCommentSchema, { ...comment, schoolId: currentSchool(this.em) });
  }
  async minutesByDay(studentId: UserId, from: LocalDate, to: LocalDate): Promise<{ day: LocalDate; minutes: number }[]> {
    const rows = await this.em.find(PracticeDaySchema, { studentId, day: { $gte: from, $lte: to }, minutes: { $gt: 0 } }, { ...NO_MAP, orderBy: { day: 'asc' } });
    return rows.map((r) => ({ day: day(r.day), minutes: r.minutes }));
  }
  private async withComments(rows: PracticeLogRow[]): Promise<PracticeLog[]> {
    if (rows.length === 0) return [];
    const comments = (await this.em.find(PracticeCommentSchema, { logId: { $in: rows.map((r) => r.id) } }, { ...NO_MAP, orderBy: { at: 'asc', id: 'asc' } })).map(toComment);
    return rows.map((row) => toLog(row, comments));
  }
}

const toAchievement = (row: AchievementRow): Achievement => ({
  id: row.id,
  studentId: user(row.studentId),
  levelId: asId<ProgressLevelId>(row.levelId),
  achievedOn: day(row.achievedOn),
  piece: row.piece,
  note: row.note,
  recordedBy: user(row.recordedBy),
  recordedAt: new Date(row.recordedAt),
});
const toTarget = (row: TargetRow): ProgressTarget => ({
  id: row.id,
  studentId: user(row.studentId),
  levelId: row.levelId ? asId<ProgressLevelId>(row.levelId) : null,
  description: row.description,
  dueOn: day(row.dueOn),
  recordedBy: user(row.recordedBy),
  recordedAt: new Date(row.recordedAt),
});

/** The scale in `progress_scales` and `progress_levels`, achievements and targets in `progress_achievements` and `progress_targets`. */
@Injectable()
export class MikroOrmProgressRecords extends ProgressRecords {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async scale(): Promise<ProgressScale> {
    const [scale, levels] = await Promise.all([
      this.em.findOne(ProgressScaleSchema, { schoolId: currentSchool(this.em) }, NO_MAP),
      this.em.find(ProgressLevelSchema, {}, { ...NO_MAP, orderBy: { position: 'asc' } }),
    ]);
    return { name: scale?.name ?? 'Levels', levels: levels.map((l) => ({ id: asId<ProgressLevelId>(l.id), name: l.name })) };
  }
  async saveScale(scale: ProgressScale): Promise<void> {
    const schoolId = currentSchool(this.em);
    await this.em.upsert(ProgressScaleSchema, { schoolId, name: scale.name }, NO_MAP);
    await this.em.nativeDelete(ProgressLevelSchema, { id: { $nin: scale.levels.map((l) => l.id) } });
    if (scale.levels.length > 0) {
      await this.em.upsertMany(
        ProgressLevelSchema,
        scale.levels.map((l, position) => ({ id: l.id, schoolId, name: l.name, position })),
        { ...NO_MAP, onConflictFields: ['id'], onConflictMergeFields: ['name', 'position'] },
      );
    }
  }
  async levelsInUse(): Promise<Set<ProgressLevelId>> {
    const [achieved, targeted] = await Promise.all([this.em.find(AchievementSchema, {}, { ...NO_MAP, fields: ['levelId'] }), this.em.find(TargetSchema, { levelId: { $ne: null } }, { ...NO_MAP, fields: ['levelId'] })]);
    return new Set([...achieved, ...targeted].flatMap((r) => (r.levelId ? [asId<ProgressLevelId>(r.levelId)] : [])));
  }
  async addAchievement(a: Achievement): Promise<void> {
    await this.em.insert(AchievementSchema, { ...a, schoolId: currentSchool(this.em) });
  }
  async achievementsOf(studentId: UserId): Promise<Achievement[]> {
    return (await this.em.find(AchievementSchema, { studentId }, { ...NO_MAP, orderBy: { achievedOn: 'asc', recordedAt: 'asc' } })).map(toAchievement);
  }
  async addTarget(t: ProgressTarget): Promise<void> {
    await this.em.insert(TargetSchema, { ...t, schoolId: currentSchool(this.em) });
  }
  async targetsOf(studentId: UserId): Promise<ProgressTarget[]> {
    return (await this.em.find(TargetSchema, { studentId }, { ...NO_MAP, orderBy: { dueOn: 'asc', recordedAt: 'asc' } })).map(toTarget);
  }
}

const STATUS_KEYS: Record<string, keyof AttendanceSummary> = { present: 'present', late: 'late', absent_notice: 'absentWithNotice', absent_no_notice: 'absentWithoutNotice', excused: 'excused' };

/** Who teaches a student and how they attend, from attendance's lessons and entries. */
@Injectable()
export class MikroOrmStudentLessons extends StudentLessons {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async teaches(staffId: UserId, studentId: UserId): Promise<boolean> {
    const found = await this.em.findOne(
      AttendanceLessonSchema,
      { cancelled: false, studentIds: { $contains: [studentId] }, $or: [{ teacherId: staffId }, { accompanistId: staffId }] },
      { ...NO_MAP, fields: ['id'] },
    );
    return found !== null;
  }
  async studentsOf(staffId: UserId): Promise<UserId[]> {
    return (await schoolRows(this.em, STUDENTS_OF_STAFF, [staffId])).map((r) => user(r.id));
  }
  async attendanceOf(studentId: UserId): Promise<AttendanceSummary> {
    const summary: AttendanceSummary = { present: 0, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 };
    for (const row of await schoolRows(this.em, ATTENDANCE_OF_STUDENT, [studentId])) {
      const key = STATUS_KEYS[row.status];
      if (key) summary[key] += Number(row.n);
    }
    return summary;
  }
}
