import { newId, type Actor, type UserId } from '@cadenza/shared/kernel';
import { DomainError } from '@cadenza/shared/kernel';
import { requireTeaching, studentViewer, viewerOfRecord } from './access.js';
import { dateIn, invalid, type Assignment, type AssignmentId, type LocalDate } from './model.js';
import type { PracticePorts } from './practice-ports.js';

export interface SetAssignmentInput {
  title: string;
  description: string | null;
  dueOn: LocalDate;
  pieces: string[];
  links: string[];
}

export const assignmentNotFound = () => DomainError.notFound('PRACTICE.ASSIGNMENT_NOT_FOUND', 'The assignment');

/** A student's assignments, latest due first: for whoever may see the student. */
export class ListAssignments {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId): Promise<Assignment[]> {
    await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory);
    return this.p.assignments.ofStudent(studentId);
  }
}

/** A teacher (or admin) sets an assignment for a student they teach; due today or later in the school's calendar. Audited. */
export class SetAssignment {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, studentId: UserId, input: SetAssignmentInput): Promise<Assignment> {
    requireTeaching(await studentViewer(actor, studentId, this.p.studentLessons, this.p.practiceDirectory));
    const now = this.p.clock.now();
    const today = dateIn(now, await this.p.practiceDirectory.timeZone());
    if (input.dueOn < today) throw invalid('dueOn', `Must be today (${today}) or later.`, 'PRACTICE.DUE_IN_THE_PAST');
    const assignment: Assignment = { id: newId<AssignmentId>(), studentId, setBy: actor.userId, ...input, setAt: now, doneAt: null, doneBy: null };
    return this.p.uow.run(async () => {
      await this.p.assignments.add(assignment);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'practice.assignment.set', entityType: 'practice_assignment', entityId: assignment.id, before: null, after: { studentId, title: assignment.title, dueOn: assignment.dueOn } });
      return assignment;
    });
  }
}

/** The student's teacher (or an admin) marks an assignment done, or reopens it. Audited when it changes. */
export class MarkAssignment {
  constructor(private readonly p: PracticePorts) {}

  async execute(actor: Actor, assignmentId: AssignmentId, done: boolean): Promise<Assignment> {
    const found = await this.p.assignments.get(assignmentId);
    if (!found) throw assignmentNotFound();
    const viewer = await viewerOfRecord(actor, found.studentId, this.p.studentLessons, this.p.practiceDirectory, assignmentNotFound);
    requireTeaching(viewer);
    if ((found.doneAt !== null) === done) return found;
    const now = this.p.clock.now();
    const changed: Assignment = { ...found, doneAt: done ? now : null, doneBy: done ? actor.userId : null };
    return this.p.uow.run(async () => {
      await this.p.assignments.save(changed);
      await this.p.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: done ? 'practice.assignment.done' : 'practice.assignment.reopened', entityType: 'practice_assignment', entityId: found.id, before: { done: !done }, after: { done } });
      return changed;
    });
  }
}
