import { DomainError, newId, type Actor, type UserId } from '@cadenza/shared/kernel';
import { forbidden, hasRole, requireAdmin } from '../model/actor.js';
import { requireTeaching, studentViewer, type StudentViewer } from './access.js';
import { addDays, dateIn, invalid, weekOf, type Achievement, type AttendanceSummary, type LocalDate, type ProgressLevel, type ProgressLevelId, type ProgressScale, type ProgressTarget } from './model.js';
import type { PracticePorts } from './practice-ports.js';

/** The school's scale: everyone of the school reads it (it names the levels on a progress page). */
export class GetProgressScale {
  constructor(private readonly p: PracticePorts) {}

  execute(): Promise<ProgressScale> {
    return this.p.progress.scale();
  }
}

export interface SaveScaleInput {
  name: string;
  /** Lowest first; a level with an id keeps it (renamed or moved), one without is new. */
  levels: { id?: ProgressLevelId; name: string }[];
}

/** Admins set the school's scale: its name and its levels in order. A level some achievement or target names stays. Audited. */
export class SaveProgressScale {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, input: SaveScaleInput): Promise<ProgressScale> {
    requireAdmin(actor);
    return this.p.uow.run(async () => {
      const before = await this.p.progress.scale();
      const known = new Set(before.levels.map((l) => l.id));
      input.levels.forEach((level, i) => {
        if (level.id && !known.has(level.id)) throw invalid(`levels.${i}.id`, 'Not a level of the school’s scale.');
      });
      const kept = new Set(input.levels.flatMap((l) => (l.id ? [l.id] : [])));
      const inUse = await this.p.progress.levelsInUse();
      const dropped = before.levels.find((l) => !kept.has(l.id) && inUse.has(l.id));
      if (dropped) throw new DomainError('PRACTICE.LEVEL_IN_USE', 'conflict', `“${dropped.name}” is recorded for a student: rename it rather than remove it.`);
      const after: ProgressScale = { name: input.name, levels: input.levels.map((l): ProgressLevel => ({ id: l.id ?? newId<ProgressLevelId>(), name: l.name })) };
      await this.p.progress.saveScale(after);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.scale.saved', entityType: 'progress_scale', entityId: null, before, after });
      return after;
    });
  }
}

async function levelOfScale(p: PracticePorts, levelId: ProgressLevelId, field: string): Promise<void> {
  if (!(await p.progress.scale()).levels.some((l) => l.id === levelId)) throw invalid(field, 'Not a level of the school’s scale.');
}

/** A teacher (or admin) records a level a student reached on a day (not after today). Audited. */
export class RecordAchievement {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId, input: { levelId: ProgressLevelId; achievedOn: LocalDate; piece: string | null; note: string | null }): Promise<Achievement> {
    requireTeaching(await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory));
    const now = this.p.clock.now();
    const today = dateIn(now, await this.p.practiceDirectory.timeZone());
    if (input.achievedOn > today) throw invalid('achievedOn', `Must be today (${today}) or earlier.`);
    await levelOfScale(this.p, input.levelId, 'levelId');
    const achievement: Achievement = { id: newId(), studentId, ...input, recordedBy: actor.userId, recordedAt: now };
    return this.p.uow.run(async () => {
      await this.p.progress.addAchievement(achievement);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.achievement.recorded', entityType: 'progress_achievement', entityId: achievement.id, before: null, after: { studentId, levelId: input.levelId, achievedOn: input.achievedOn } });
      return achievement;
    });
  }
}

/** A teacher (or admin) sets a target for a student: a level of the scale or words, by a day not in the past. Audited. */
export class SetProgressTarget {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId, input: { levelId: ProgressLevelId | null; description: string; dueOn: LocalDate }): Promise<ProgressTarget> {
    requireTeaching(await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory));
    const now = this.p.clock.now();
    const today = dateIn(now, await this.p.practiceDirectory.timeZone());
    if (input.dueOn < today) throw invalid('dueOn', `Must be today (${today}) or later.`, 'PRACTICE.DUE_IN_THE_PAST');
    if (input.levelId) await levelOfScale(this.p, input.levelId, 'levelId');
    const target: ProgressTarget = { id: newId(), studentId, ...input, recordedBy: actor.userId, recordedAt: now };
    return this.p.uow.run(async () => {
      await this.p.progress.addTarget(target);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.target.set', entityType: 'progress_target', entityId: target.id, before: null, after: { studentId, levelId: input.levelId, dueOn: input.dueOn } });
      return target;
    });
  }
}

/** The weeks a progress page shows practice for, the current one last. */
export const PROGRESS_WEEKS = 12;

export interface StudentProgress {
  viewer: StudentViewer;
  today: LocalDate;
  /** Minutes practised in each of the last weeks (Monday to Sunday, school calendar), oldest first. */
  practiceWeeks: { weekOf: LocalDate; minutes: number }[];
  attendance: AttendanceSummary;
  assignments: { total: number; done: number; open: number; overdue: number };
  scale: ProgressScale;
  /** Levels reached, oldest first: the level over time. */
  achievements: Achievement[];
  /** The level of the latest achievement. */
  currentLevel: ProgressLevel | null;
  targets: ProgressTarget[];
}

/** A student's progress page: practice per week, attendance, assignments done, levels over time and targets. */
export class GetStudentProgress {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId): Promise<StudentProgress> {
    const viewer = await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory);
    const today = dateIn(this.p.clock.now(), await this.p.practiceDirectory.timeZone());
    const firstWeek = addDays(weekOf(today), -7 * (PROGRESS_WEEKS - 1));
    const [days, attendance, assignments, scale, achievements, targets] = await Promise.all([
      this.p.practiceLogs.minutesByDay(studentId, firstWeek, today),
      this.p.studentLessons.attendanceOf(studentId),
      this.p.assignments.ofStudent(studentId),
      this.p.progress.scale(),
      this.p.progress.achievementsOf(studentId),
      this.p.progress.targetsOf(studentId),
    ]);
    const weeks = Array.from({ length: PROGRESS_WEEKS }, (_, i) => ({ weekOf: addDays(firstWeek, 7 * i), minutes: 0 }));
    for (const { day, minutes } of days) {
      const week = weeks.find((w) => w.weekOf === weekOf(day));
      if (week) week.minutes += minutes;
    }
    const done = assignments.filter((a) => a.doneAt !== null).length;
    const latest = achievements.at(-1);
    return {
      viewer,
      today,
      practiceWeeks: weeks,
      attendance,
      assignments: { total: assignments.length, done, open: assignments.length - done, overdue: assignments.filter((a) => a.doneAt === null && a.dueOn < today).length },
      scale,
      achievements,
      currentLevel: (latest && scale.levels.find((l) => l.id === latest.levelId)) ?? null,
      targets,
    };
  }
}

export interface PracticeStudent {
  studentId: UserId;
  name: string;
  canLog: boolean;
}

/**
 * The students whose practice the caller follows: a student themself, a parent each child (logging only for a
 * full-access guardian of a minor), a teacher or accompanist the students of their lessons. Admins open a student's
 * page from People instead.
 */
export class ListPracticeStudents {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor): Promise<PracticeStudent[]> {
    const entries = new Map<UserId, boolean>();
    if (hasRole(actor, 'student')) entries.set(actor.userId, true);
    if (hasRole(actor, 'parent')) for (const link of await this.p.practiceDirectory.childrenOf(actor.userId)) entries.set(link.studentId, link.access === 'full' && link.minor);
    if (hasRole(actor, 'teacher', 'accompanist')) for (const id of await this.p.studentLessons.studentsOf(actor.userId)) if (!entries.has(id)) entries.set(id, false);
    if (entries.size === 0 && !hasRole(actor, 'student', 'parent', 'teacher', 'accompanist')) throw forbidden();
    const names = await this.p.practiceDirectory.names([...entries.keys()]);
    return [...entries]
      .filter(([id]) => names.has(id))
      .map(([studentId, canLog]) => ({ studentId, name: names.get(studentId) ?? '', canLog }))
      .sort((a, b) => (a.studentId === actor.userId ? -1 : b.studentId === actor.userId ? 1 : a.name.localeCompare(b.name)));
  }
}
