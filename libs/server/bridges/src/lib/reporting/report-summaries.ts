import type { EntityManager } from '@mikro-orm/postgresql';
import { schoolScoped, schoolWrite, type PersistenceParts } from '@cadenza/server/platform/db';
import { isEventOf, type StoredEvent } from '@cadenza/shared/integration-events';
import { Migration20261210000200_report_summaries } from './migrations/Migration20261210000200_report_summaries.js';

/** The reports' summary tables (`reporting_lessons`, `reporting_places`): no entities, their migration. */
export const reportingPersistence: PersistenceParts = { entities: [], migrations: [Migration20261210000200_report_summaries] };

/** The events after which a lesson's summary rows may differ from its records: its times, people, room, cancellation, register. */
export const REPORT_SUMMARY_EVENT_TYPES = [
  'lesson.scheduled.v1',
  'lesson.moved.v1',
  'lesson.cancelled.v1',
  'attendance.register_changed.v1',
  'attendance.lesson_delivered.v1',
  'attendance.lesson_delivery_withdrawn.v1',
] as const;

/** The lessons the events are about, each once. */
export function summaryLessonIds(events: readonly StoredEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (isEventOf(event, 'lesson.scheduled.v1', 'lesson.moved.v1', 'lesson.cancelled.v1')) ids.add(event.payload.lesson.lessonId);
    else if (isEventOf(event, 'attendance.register_changed.v1', 'attendance.lesson_delivered.v1', 'attendance.lesson_delivery_withdrawn.v1')) ids.add(event.payload.lessonId);
  }
  return [...ids];
}

/**
 * Brings the summary rows of the lessons `$2` (every lesson of the school when null) to what scheduling's lessons and
 * attendance's registers and marks say now, in one statement: rows of lessons cancelled or gone, and places of students
 * no longer in them, are deleted; the others are written over (an upsert, so two refreshes of a lesson at once both
 * end in its current rows). Read from the records rather than from the events, so a refresh repeated, or run after
 * a later one, leaves the same rows.
 */
export const REPORT_SUMMARY_REFRESH = schoolScoped<unknown, [lessonIds: string | null]>(
  'reporting_summary_refresh',
  (school) => `with current_lessons as (
  select l.id, l.start_at, l.end_at, l.teacher_id, l.room_id, l.student_ids, r.started_at, r.delivered_at
    from lessons l
    left join attendance_registers r on r.school_id = ${school} and r.lesson_id = l.id
   where l.school_id = ${school} and l.status <> 'cancelled' and ($2::uuid[] is null or l.id = any($2::uuid[]))
), current_places as (
  select c.id as lesson_id, p.student_id, c.start_at, c.teacher_id, c.started_at, e.status
    from current_lessons c
   cross join lateral unnest(c.student_ids) as p(student_id)
    left join attendance_entries e on e.school_id = ${school} and e.lesson_id = c.id and e.student_id = p.student_id
), lesson_counts as (
  select p.lesson_id, count(*) as places, count(p.status) as marked,
         count(*) filter (where p.status = 'present') as present, count(*) filter (where p.status = 'late') as late,
         count(*) filter (where p.status = 'absent_notice') as absent_notice, count(*) filter (where p.status = 'absent_no_notice') as absent_no_notice,
         count(*) filter (where p.status = 'excused') as excused
    from current_places p
   group by p.lesson_id
), gone_lessons as (
  delete from reporting_lessons s
   where s.school_id = ${school} and ($2::uuid[] is null or s.lesson_id = any($2::uuid[]))
     and not exists (select 1 from current_lessons c where c.id = s.lesson_id)
), gone_places as (
  delete from reporting_places s
   where s.school_id = ${school} and ($2::uuid[] is null or s.lesson_id = any($2::uuid[]))
     and not exists (select 1 from current_places c where c.lesson_id = s.lesson_id and c.student_id = s.student_id)
), kept_lessons as (
  insert into reporting_lessons (lesson_id, school_id, start_at, end_at, teacher_id, room_id, started_at, delivered_at, places, marked, present, late, absent_notice, absent_no_notice, excused)
  select c.id, ${school}, c.start_at, c.end_at, c.teacher_id, c.room_id, c.started_at, c.delivered_at,
         n.places, n.marked, n.present, n.late, n.absent_notice, n.absent_no_notice, n.excused
    from current_lessons c join lesson_counts n on n.lesson_id = c.id
  on conflict (lesson_id) do update set start_at = excluded.start_at, end_at = excluded.end_at, teacher_id = excluded.teacher_id,
     room_id = excluded.room_id, started_at = excluded.started_at, delivered_at = excluded.delivered_at, places = excluded.places,
     marked = excluded.marked, present = excluded.present, late = excluded.late, absent_notice = excluded.absent_notice,
     absent_no_notice = excluded.absent_no_notice, excused = excluded.excused
   where reporting_lessons.school_id = ${school}
)
insert into reporting_places (lesson_id, student_id, school_id, start_at, teacher_id, started_at, status)
select c.lesson_id, c.student_id, ${school}, c.start_at, c.teacher_id, c.started_at, c.status from current_places c
on conflict (lesson_id, student_id) do update set start_at = excluded.start_at, teacher_id = excluded.teacher_id,
   started_at = excluded.started_at, status = excluded.status
 where reporting_places.school_id = ${school}`,
);

/** Refreshes the summary rows of these lessons, or of every lesson of the school in force (null), in the unit of work when there is one. */
export async function refreshReportSummaries(em: EntityManager, lessonIds: readonly string[] | null): Promise<void> {
  if (lessonIds && lessonIds.length === 0) return;
  await schoolWrite(em, REPORT_SUMMARY_REFRESH, [lessonIds ? `{${lessonIds.join(',')}}` : null]);
}
