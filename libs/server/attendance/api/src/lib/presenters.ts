import type { AttendanceSettings as DomainSettings, RegisterChange as DomainChange, RegisterView } from '@cadenza/server/attendance/domain';
import type { AttendanceSettings, LessonRegister, RegisterChange } from '@cadenza/shared/contracts';

export function presentRegister(view: RegisterView): LessonRegister {
  const { lesson, register } = view;
  return {
    lessonId: lesson.id,
    teacherId: lesson.teacherId,
    accompanistId: lesson.accompanistId,
    studentIds: [...lesson.studentIds],
    start: lesson.start.toISOString(),
    end: lesson.end.toISOString(),
    cancelled: lesson.cancelled,
    startedAt: register.startedAt?.toISOString() ?? null,
    endedAt: register.endedAt?.toISOString() ?? null,
    complete: view.complete,
    delivered: view.delivered,
    counts: view.counts,
    entries: register.entries
      .filter((e) => lesson.studentIds.includes(e.studentId))
      .map((e) => ({ studentId: e.studentId, status: e.status, lateMinutes: e.lateMinutes, note: e.note, markedBy: e.markedBy, markedAt: e.markedAt.toISOString() })),
  };
}

export function presentChange(change: DomainChange): RegisterChange {
  return {
    studentId: change.studentId,
    from: change.from ? { ...change.from } : null,
    to: { ...change.to },
    changedBy: change.changedBy,
    changedAt: change.changedAt.toISOString(),
    reason: change.reason,
  };
}

export const presentSettings = (settings: DomainSettings): AttendanceSettings => ({ ...settings });
