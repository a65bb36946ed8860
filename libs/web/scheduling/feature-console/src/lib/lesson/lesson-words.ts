import type { LessonHistoryEntry } from '@cadenza/shared/contracts';

const ACTIONS: Record<string, string> = {
  'scheduling.lesson.booked': 'booked the lesson',
  'scheduling.lesson.moved': 'moved the lesson',
  'scheduling.lesson.edited': 'changed the lesson',
  'scheduling.lesson.cancelled': 'cancelled the lesson',
  'scheduling.series.created': 'created the series',
  'scheduling.series.split': 'split the series from this lesson on',
  'scheduling.series.ended': 'ended the series',
};

const FIELDS: Record<string, string> = {
  teacherId: 'teacher',
  studentIds: 'students',
  accompanistId: 'accompanist',
  roomId: 'room',
  lessonTypeId: 'type',
  start: 'start',
  end: 'end',
  untilDate: 'last day',
};

/** A change of the lesson's history in words: what was done and which of its fields changed, never the values. */
export function historyInWords(entry: Pick<LessonHistoryEntry, 'action' | 'fields'>): string {
  const action = ACTIONS[entry.action] ?? `recorded ${entry.action.split('.').slice(1).join(' ').replace(/_/g, ' ')}`;
  const fields = entry.fields.map((f) => FIELDS[f]).filter((f): f is string => !!f);
  return fields.length ? `${action} (${fields.join(', ')})` : action;
}
