import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Lesson, LessonRequest, type LessonId, type LessonRequestState, type LessonState } from '@cadenza/server/scheduling/domain';
import type { LessonRequestRow, LessonRow } from './entities.js';

/** Dates inside JSON columns come back as strings: these revive them. */
const date = (value: unknown): Date => new Date(value as string);
const dated = <T extends Record<string, unknown>>(value: unknown, keys: (keyof T)[]): T | null => {
  if (value === null || value === undefined) return null;
  const copy = { ...(value as T) };
  for (const key of keys) if (copy[key] !== null && copy[key] !== undefined) (copy as Record<keyof T, unknown>)[key] = date(copy[key]);
  return copy;
};

export function lessonToRow(lesson: Lesson): LessonRow {
  const s = lesson.snapshot();
  return {
    id: s.id,
    schoolId: s.schoolId,
    teacherId: s.teacherId,
    roomId: s.roomId,
    accompanistId: s.accompanistId,
    lessonTypeId: s.lessonTypeId,
    seriesId: s.seriesId,
    makeupCreditId: s.makeupCreditId,
    studentIds: [...s.studentIds],
    startAt: s.start,
    endAt: s.end,
    status: s.status,
    cancellation: s.cancellation,
  };
}

export function lessonFromRow(row: LessonRow): Lesson {
  const state = {
    id: asId<LessonId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    teacherId: asId<UserId>(row.teacherId),
    studentIds: row.studentIds.map((id) => asId<UserId>(id)),
    roomId: row.roomId,
    accompanistId: row.accompanistId,
    lessonTypeId: row.lessonTypeId,
    seriesId: row.seriesId,
    start: new Date(row.startAt),
    end: new Date(row.endAt),
    status: row.status,
    cancellation: dated(row.cancellation, ['at']),
    makeupCreditId: row.makeupCreditId,
  } as unknown as LessonState;
  return Lesson.restore(state);
}

export function requestToRow(request: LessonRequest): LessonRequestRow {
  const s = request.snapshot();
  return {
    id: s.id,
    schoolId: s.schoolId,
    kind: s.kind,
    status: s.status,
    requestedBy: s.requestedBy,
    studentId: s.studentId,
    teacherId: s.teacherId,
    lessonId: s.lessonId,
    proposed: s.proposed,
    series: s.series,
    counter: s.counter,
    message: s.message,
    decision: s.decision,
    policy: s.policy,
    createdAt: s.createdAt,
  };
}

export function requestFromRow(row: LessonRequestRow): LessonRequest {
  const state = {
    ...row,
    createdAt: new Date(row.createdAt),
    proposed: dated(row.proposed, ['start', 'end']),
    counter: dated(row.counter, ['start', 'end', 'at']),
    decision: dated(row.decision, ['at']),
    series: row.series ?? null,
    policy: row.policy ?? null,
  } as unknown as LessonRequestState;
  return LessonRequest.restore(state);
}
