import { DomainError, newId, type Actor, type UserId } from '@cadenza/shared/kernel';
import { requireLogging, requireTeaching, studentViewer, viewerOfRecord, type StudentViewer } from './access.js';
import { addDays, dateIn, invalid, MAX_PRACTICE_MINUTES_A_DAY, type AssignmentId, type LocalDate, type PracticeComment, type PracticeLog, type PracticeLogId } from './model.js';
import type { PracticePorts } from './practice-ports.js';

export interface LogPracticeInput {
  practisedOn: LocalDate;
  minutes: number;
  note: string | null;
  assignmentId: AssignmentId | null;
}

/** The longest stretch one listing of practice covers. */
export const MAX_PRACTICE_LIST_DAYS = 366;

export const practiceLogNotFound = () => DomainError.notFound('PRACTICE.LOG_NOT_FOUND', 'The practice log');

export interface PracticeHistory {
  from: LocalDate;
  to: LocalDate;
  viewer: StudentViewer;
  logs: PracticeLog[];
}

/**
 * A student's practice in a period (at most a year; unless said, the four weeks up to today in the school's
 * calendar), latest first, with comments: for whoever may see the student.
 */
export class ListPractice {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId, period: { from?: LocalDate; to?: LocalDate }): Promise<PracticeHistory> {
    const viewer = await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory);
    const to = period.to ?? (period.from ? addDays(period.from, 27) : dateIn(this.p.clock.now(), await this.p.practiceDirectory.timeZone()));
    const from = period.from ?? addDays(to, -27);
    if (to < from) throw invalid('to', 'Must be on or after from.');
    if (to > addDays(from, MAX_PRACTICE_LIST_DAYS)) throw invalid('to', `At most ${MAX_PRACTICE_LIST_DAYS} days after from.`);
    return { from, to, viewer, logs: await this.p.practiceLogs.ofStudent(studentId, from, to) };
  }
}

/**
 * The student (or a full-access guardian of a minor) logs practice on a day up to today in the school's calendar,
 * against one of the student's assignments or freely. A day holds at most 24 hours of practice, all logs together:
 * racing logs of one day add up, and the one that would pass the limit is refused naming `minutes`. Audited.
 */
export class LogPractice {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId, input: LogPracticeInput): Promise<PracticeLog> {
    requireLogging(await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory));
    const now = this.p.clock.now();
    const today = dateIn(now, await this.p.practiceDirectory.timeZone());
    if (input.practisedOn > today) throw invalid('practisedOn', `Must be today (${today}) or earlier.`);
    if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > MAX_PRACTICE_MINUTES_A_DAY) throw invalid('minutes', `Must be 1 to ${MAX_PRACTICE_MINUTES_A_DAY} minutes.`);
    if (input.assignmentId) {
      const assignment = await this.p.assignments.get(input.assignmentId);
      if (!assignment || assignment.studentId !== studentId) throw invalid('assignmentId', 'Not one of the student’s assignments.');
    }
    const log: PracticeLog = { id: newId<PracticeLogId>(), studentId, ...input, loggedBy: actor.userId, loggedAt: now, comments: [] };
    return this.p.uow.run(async () => {
      if (!(await this.p.practiceLogs.addToDay(studentId, input.practisedOn, input.minutes, MAX_PRACTICE_MINUTES_A_DAY))) {
        throw invalid('minutes', `A day holds at most ${MAX_PRACTICE_MINUTES_A_DAY} minutes of practice, all logs together.`, 'PRACTICE.DAY_FULL');
      }
      await this.p.practiceLogs.add(log);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.logged', entityType: 'practice_log', entityId: log.id, before: null, after: { studentId, practisedOn: log.practisedOn, minutes: log.minutes, assignmentId: log.assignmentId } });
      return log;
    });
  }
}

/** The student's teacher (or an admin) comments on a practice log. Audited. */
export class CommentOnPractice {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, logId: PracticeLogId, body: string): Promise<PracticeLog> {
    const log = await this.p.practiceLogs.get(logId);
    if (!log) throw practiceLogNotFound();
    const viewer = await viewerOfRecord(actor, log.studentId, this.p.studentLessons, this.p.practiceDirectory, practiceLogNotFound);
    requireTeaching(viewer);
    const comment: PracticeComment = { id: newId(), logId, authorId: actor.userId, body, at: this.p.clock.now() };
    return this.p.uow.run(async () => {
      await this.p.practiceLogs.addComment(comment);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.commented', entityType: 'practice_log', entityId: logId, before: null, after: { commentId: comment.id } });
      return { ...log, comments: [...log.comments, comment] };
    });
  }
}
