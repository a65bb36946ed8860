import type { UserId } from '@cadenza/shared/kernel';
import { involvementIn, type FeedLesson } from './feed-lesson.js';
import type { LessonId, RoomId } from './ids.js';

/** One lesson in a person's calendar, worded for them. */
export interface FeedEvent {
  /** Stable across changes and rotations: the lesson's id at Cadenza's domain. */
  uid: string;
  lessonId: LessonId;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  status: 'confirmed' | 'cancelled';
  changedAt: Date;
}

/** A person's calendar: its name, the school's time zone its times are given in, and its lessons by start. */
export interface PersonFeed {
  name: string;
  timeZone: string;
  events: FeedEvent[];
}

/** Names of the people and rooms the lessons mention. */
export interface FeedNames {
  people: ReadonlyMap<UserId, string>;
  rooms: ReadonlyMap<RoomId, string>;
}

export const feedUid = (lessonId: LessonId) => `lesson-${lessonId}@cadenza`;

const listOf = (names: readonly string[]) => (names.length === 0 ? '' : names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * The person's lessons as calendar events, worded for them: a teacher's "Lesson with" the students, an accompanist's
 * "Accompanying" them, a student's "Lesson with" the teacher, a parent's "<child>: lesson with" the teacher; a
 * cancelled lesson keeps its place with `status: cancelled`. A family sees the teacher and accompanist, staff the
 * students. Lessons the person takes no part in are left out.
 */
export function feedEvents(lessons: readonly FeedLesson[], personId: UserId, children: ReadonlySet<UserId>, names: FeedNames): FeedEvent[] {
  const name = (id: UserId) => names.people.get(id) ?? 'someone';
  const events: FeedEvent[] = [];
  for (const lesson of [...lessons].sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id))) {
    const involvement = involvementIn(lesson, personId, children);
    if (!involvement) continue;
    const students = listOf(lesson.studentIds.map(name));
    const teacher = name(lesson.teacherId);
    const accompanist = lesson.accompanistId ? `Accompanist: ${name(lesson.accompanistId)}` : null;
    let summary: string;
    let details: (string | null)[];
    switch (involvement) {
      case 'teaching':
        summary = students ? `Lesson with ${students}` : 'Lesson';
        details = [students ? `Students: ${students}` : null, accompanist];
        break;
      case 'accompanying':
        summary = students ? `Accompanying ${students}` : 'Accompanying a lesson';
        details = [`Teacher: ${teacher}`, students ? `Students: ${students}` : null];
        break;
      case 'learning':
        summary = `Lesson with ${teacher}`;
        details = [`Teacher: ${teacher}`, accompanist];
        break;
      case 'child':
        summary = `${listOf(lesson.studentIds.filter((id) => children.has(id)).map(name))}: lesson with ${teacher}`;
        details = [`Teacher: ${teacher}`, accompanist];
        break;
    }
    events.push({
      uid: feedUid(lesson.id),
      lessonId: lesson.id,
      start: lesson.start,
      end: lesson.end,
      summary: lesson.cancelled ? `Cancelled: ${summary}` : summary,
      description: [...(lesson.cancelled ? ['This lesson is cancelled.'] : []), ...details.filter((d): d is string => d !== null)].join('\n'),
      location: lesson.roomId ? (names.rooms.get(lesson.roomId) ?? null) : null,
      status: lesson.cancelled ? 'cancelled' : 'confirmed',
      changedAt: lesson.changedAt,
    });
  }
  return events;
}
