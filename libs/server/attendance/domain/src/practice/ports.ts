import type { UserId } from '@cadenza/shared/kernel';
import type { Achievement, Assignment, AssignmentId, AttendanceSummary, LocalDate, PracticeComment, PracticeLog, PracticeLogId, ProgressLevelId, ProgressScale, ProgressTarget } from './model.js';

/** Teachers' assignments for their students. */
export abstract class Assignments {
  abstract add(assignment: Assignment): Promise<void>;
  abstract get(id: AssignmentId): Promise<Assignment | null>;
  /** Stores whether it is done (by whom, when). */
  abstract save(assignment: Assignment): Promise<void>;
  /** The student's assignments, latest due first. */
  abstract ofStudent(studentId: UserId): Promise<Assignment[]>;
}

/** Students' practice logs, their comments, and each day's total. */
export abstract class PracticeLogs {
  /**
   * Adds minutes to the student's total for the day unless the total would then pass `limit`: false, and nothing
   * changed. Two units adding to one day at once both count: neither overwrites the other's minutes.
   */
  abstract addToDay(studentId: UserId, day: LocalDate, minutes: number, limit: number): Promise<boolean>;
  /** Keeps a log whose minutes `addToDay` counted in the same unit of work. */
  abstract add(log: PracticeLog): Promise<void>;
  abstract get(id: PracticeLogId): Promise<PracticeLog | null>;
  /** The student's logs practised from `from` to `to` (both included), latest first, with their comments oldest first. */
  abstract ofStudent(studentId: UserId, from: LocalDate, to: LocalDate): Promise<PracticeLog[]>;
  abstract addComment(comment: PracticeComment): Promise<void>;
  /** The student's daily totals from `from` to `to` (both included); days without practice are absent. */
  abstract minutesByDay(studentId: UserId, from: LocalDate, to: LocalDate): Promise<{ day: LocalDate; minutes: number }[]>;
}

/** The school's progress scale and students' achievements and targets. */
export abstract class ProgressRecords {
  /** The school's scale (empty, named "Levels", until an admin sets one). */
  abstract scale(): Promise<ProgressScale>;
  abstract saveScale(scale: ProgressScale): Promise<void>;
  /** The levels some achievement or target names. */
  abstract levelsInUse(): Promise<Set<ProgressLevelId>>;
  abstract addAchievement(achievement: Achievement): Promise<void>;
  /** Oldest first. */
  abstract achievementsOf(studentId: UserId): Promise<Achievement[]>;
  abstract addTarget(target: ProgressTarget): Promise<void>;
  /** Soonest due first. */
  abstract targetsOf(studentId: UserId): Promise<ProgressTarget[]>;
}

/** What attendance's own lessons and registers say about a student: who teaches them, how they attend. */
export abstract class StudentLessons {
  /** Whether the person teaches or accompanies a lesson of the student's (not cancelled). */
  abstract teaches(staffId: UserId, studentId: UserId): Promise<boolean>;
  /** The students of the lessons the person teaches or accompanies (not cancelled). */
  abstract studentsOf(staffId: UserId): Promise<UserId[]>;
  /** The student's marks, counted by status, in lessons not cancelled. */
  abstract attendanceOf(studentId: UserId): Promise<AttendanceSummary>;
}

export interface GuardianLink {
  studentId: UserId;
  access: 'view' | 'full';
  /** Under 18 on the school's date (or no date of birth recorded). */
  minor: boolean;
}

/** What practice needs from the people's context: the school's zone, guardians' access, names. */
export abstract class PracticeDirectory {
  abstract timeZone(): Promise<string>;
  /** The parent's access to the student, or null when they are not the student's guardian. */
  abstract guardianAccess(parentId: UserId, studentId: UserId): Promise<GuardianLink | null>;
  abstract childrenOf(parentId: UserId): Promise<GuardianLink[]>;
  /** Whether the id is a student of the school in force (archived ones included). */
  abstract isStudent(id: UserId): Promise<boolean>;
  /** Names of the people of the school among these ids (others are absent). */
  abstract names(ids: readonly UserId[]): Promise<Map<UserId, string>>;
}
