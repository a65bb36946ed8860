import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { LessonType, type LessonTypeId } from '@cadenza/server/scheduling/domain';
import { type LessonRow } from './entities.js';

export const NO_MAP = { disableIdentityMap: true } as const;

export interface CalendarRow {
  id: string;
  schoolId: string;
  name: string;
  startDate: string;
  endDate: string;
}

export const toLessonType = (row: { id: string; schoolId: string; name: string; durationMinutes: number; format: string; rateMinor: number | null }) =>
  LessonType.restore({
    ...row,
    id: asId<LessonTypeId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    format: row.format as 'individual' | 'group',
    rateMinor: row.rateMinor === null ? null : Number(row.rateMinor),
  });

export interface RawLesson {
  id: string;
  school_id: string;
  teacher_id: string;
  room_id: string | null;
  accompanist_id: string | null;
  lesson_type_id: string | null;
  series_id: string | null;
  makeup_credit_id: string | null;
  student_ids: string[] | string;
  start_at: Date | string;
  end_at: Date | string;
  status: string;
  cancellation: unknown;
}

export function fromRaw(r: RawLesson): LessonRow {
  const ids = Array.isArray(r.student_ids) ? r.student_ids : r.student_ids.replace(/[{}]/g, '').split(',').filter(Boolean);
  return {
    id: r.id,
    schoolId: r.school_id,
    teacherId: r.teacher_id,
    roomId: r.room_id,
    accompanistId: r.accompanist_id,
    lessonTypeId: r.lesson_type_id,
    seriesId: r.series_id,
    makeupCreditId: r.makeup_credit_id,
    studentIds: ids,
    startAt: new Date(r.start_at),
    endAt: new Date(r.end_at),
    status: r.status,
    cancellation: r.cancellation,
  };
}
