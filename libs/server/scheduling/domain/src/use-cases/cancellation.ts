import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import type { Lesson } from '../model/lesson.js';
import { MakeupCredit } from '../model/makeup-credit.js';
import type { CancelledBy, SchedulingPolicy } from '../model/scheduling-policy.js';

/**
 * Cancels lessons under the policy and grants the makeup credits it calls for: the school
 * cancelling grants one to every student; the family cancelling in good time grants one to the
 * students it acted for; a late family cancellation grants none. Mutates the lessons; the
 * caller persists them and the credits.
 */
export function applyCancellation(input: {
  schoolId: SchoolId;
  lessons: readonly Lesson[];
  side: CancelledBy;
  by: UserId;
  reason: string;
  /** The students the family acted for (ignored when the school cancels). */
  familyStudentIds?: readonly UserId[];
  /** When notice was given: now, or when the cancellation was requested. */
  noticeGivenAt: Date;
  now: Date;
  policy: SchedulingPolicy;
}): MakeupCredit[] {
  const credits: MakeupCredit[] = [];
  for (const lesson of input.lessons) {
    const outcome = input.policy.cancellationOutcome(input.side, lesson.start, input.noticeGivenAt);
    const receivers = input.side === 'school' ? [...lesson.studentIds] : lesson.studentIds.filter((s) => input.familyStudentIds?.includes(s));
    const granted = outcome.creditWillBeGranted
      ? receivers.map((studentId) => MakeupCredit.grant({ schoolId: input.schoolId, studentId, originLessonId: lesson.id, validDays: input.policy.makeupCreditDays }, input.now))
      : [];
    lesson.cancel({ by: input.by, reason: input.reason, at: input.now, late: outcome.lateCancellation, creditGranted: granted.length > 0 });
    credits.push(...granted);
  }
  return credits;
}
