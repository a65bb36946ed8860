import { schoolScoped } from '@cadenza/server/platform/db';

export interface RegisterLockRow {
  lesson_id: string;
  started_at: Date | string | null;
  started_by: string | null;
  ended_at: Date | string | null;
  ended_by: string | null;
  delivered_at: Date | string | null;
}

/**
 * A lesson's register row, made when it is first needed, and held (its row lock) until the unit of work ends: two
 * devices marking one register at once take turns, and the later reads the entries the earlier wrote, so neither
 * mark is lost. One statement where the entity calls would need an upsert and then a locking read; the ORM cannot say
 * "insert, or lock the row that is there, and return it" (`on conflict do update … returning`). Held to the entity
 * reads by the `Registers` contract suite (`mikro-orm-registers.integration.spec.ts`).
 */
export const REGISTER_FOR_UPDATE = schoolScoped<RegisterLockRow, [lessonId: string]>(
  'attendance_register_for_update',
  (school) => `insert into attendance_registers as r (school_id, lesson_id) values (${school}, $2::uuid)
on conflict (school_id, lesson_id) do update set lesson_id = excluded.lesson_id
returning r.lesson_id, r.started_at, r.started_by, r.ended_at, r.ended_by, r.delivered_at`,
);

/**
 * Adds a log's minutes to the student's day, made when first needed, unless the day's total would pass the limit
 * ($5): then no row comes back and nothing changed. One statement, so racing logs of one day each add to what the
 * other committed (the row lock orders them) and the limit holds; the table's check holds it too.
 */
export const PRACTICE_DAY_ADD = schoolScoped<{ minutes: number }, [studentId: string, day: string, minutes: number, limit: number]>(
  'attendance_practice_day_add',
  (school) => `insert into practice_days as d (school_id, student_id, day, minutes)
select ${school}, $2::uuid, $3::date, $4::int where $4::int <= $5::int
on conflict (school_id, student_id, day) do update set minutes = d.minutes + excluded.minutes
where d.minutes + excluded.minutes <= $5::int
returning d.minutes`,
);

/** The students of the lessons (not cancelled) a person teaches or accompanies. */
export const STUDENTS_OF_STAFF = schoolScoped<{ id: string }, [staffId: string]>(
  'attendance_students_of_staff',
  (school) => `select distinct s.id from attendance_lessons l cross join unnest(l.student_ids) as s(id)
where l.school_id = ${school} and not l.cancelled and (l.teacher_id = $2::uuid or l.accompanist_id = $2::uuid)`,
);

/** A student's marks by status, in lessons not cancelled. */
export const ATTENDANCE_OF_STUDENT = schoolScoped<{ status: string; n: number }, [studentId: string]>(
  'attendance_of_student',
  (school) => `select e.status, count(*)::int as n from attendance_entries e
join attendance_lessons l on l.id = e.lesson_id and l.school_id = ${school}
where e.school_id = ${school} and e.student_id = $2::uuid and not l.cancelled
group by e.status`,
);

/** Takes the school's reminder of a day: a row when it was free, none when another run took it first. */
export const CLAIM_REMINDER_DAY = schoolScoped<{ day: string }, [day: string, at: Date]>(
  'attendance_claim_reminder_day',
  (school) => `insert into attendance_reminder_days (school_id, day, sent_at) values (${school}, $2::date, $3)
on conflict do nothing returning day::text`,
);

/** Takes the alert of a student's absence streak (keyed by its first lesson): a row when it was free. */
export const CLAIM_STREAK_ALERT = schoolScoped<{ first_lesson_id: string }, [studentId: string, firstLessonId: string, at: Date]>(
  'attendance_claim_streak_alert',
  (school) => `insert into attendance_streak_alerts (school_id, student_id, first_lesson_id, sent_at) values (${school}, $2::uuid, $3::uuid, $4)
on conflict do nothing returning first_lesson_id`,
);
