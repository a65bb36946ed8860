
/**
 * The school's lessons (not cancelled) that keep these people or rooms busy over [from, to), as a subquery of
 * `lessons` rows: their ids first, through each person's attendances and each room's lessons (an index range
 * scan per person and per room; lessons last less than 24 hours, a constraint of the table, which bounds a
 * room's scan by start), then each lesson by primary key. The arguments are the numbered placeholders to use;
 * every step is bounded by the school's (`school`), as every school-owned table a statement names must be.
 *
 * Filtering the school's lessons of the range by "has one of these people or rooms" instead read every lesson
 * of the school in the range: a few hundred rows in a busy hour of a large school, for a booking that meets two
 * or three. Each step is a lateral subquery kept apart (`offset 0`), so each can only be the index scan for one
 * person, room or id: the plan stays that whatever the planner's statistics said when a connection prepared it
 * (a plan made while the table was small, then kept as it grew, would otherwise scan it whole on every call).
 */
export const busyLessons = (people: string, from: string, to: string, rooms: string, school: string) =>
  `(select l.* from unnest(array(
       select a.lesson_id from unnest(${people}::uuid[]) as p(id), lateral (
         select a.lesson_id from lesson_attendees a
          where a.school_id = ${school} and a.person_id = p.id and a.active and a.during && tstzrange(${from}, ${to}, '[)') offset 0) a
       union
       select r.id from unnest(${rooms}::uuid[]) as q(id), lateral (
         select r.id from lessons r
          where r.school_id = ${school} and r.room_id = q.id and r.start_at > ${from}::timestamptz - interval '24 hours' and r.start_at < ${to} and r.end_at > ${from} offset 0) r
     )) as b(id), lateral (select * from lessons l where l.id = b.id and l.school_id = ${school} offset 0) l
    where l.status <> 'cancelled')`;
