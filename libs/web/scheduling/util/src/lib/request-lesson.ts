/** The parts of contracts' `LessonRequest` that say which lesson it concerns and where it stands. */
export interface RequestAboutALesson {
  kind: 'new_lesson' | 'new_series' | 'reschedule' | 'cancellation';
  status: 'pending' | 'approved' | 'declined' | 'countered' | 'withdrawn';
  lesson: { start: string; end: string } | null;
  proposed: { start: string; end: string } | null;
}

/** How a request's card names the lesson it concerns, in the console's words or the portal's. */
export type RequestLessonWording = 'console' | 'portal';

/**
 * The label before the time of the lesson a reschedule or cancellation concerns, as it is now: the lesson to
 * cancel, the lesson where it is now while the request is open, and where it was moved once a reschedule is approved.
 */
export function requestLessonLabel(request: Pick<RequestAboutALesson, 'kind' | 'status'>, wording: RequestLessonWording): string {
  if (request.kind === 'cancellation') return wording === 'console' ? 'Lesson to cancel' : 'The lesson';
  if (request.kind === 'reschedule' && request.status === 'approved') return 'Moved to';
  return wording === 'console' ? 'Lesson now' : 'The lesson now';
}

/** Whether the time asked for need not be shown again: an approved reschedule whose lesson now sits exactly there. */
export function movedAsAsked(request: RequestAboutALesson): boolean {
  const { lesson, proposed } = request;
  return (
    request.kind === 'reschedule' &&
    request.status === 'approved' &&
    lesson !== null &&
    proposed !== null &&
    Date.parse(lesson.start) === Date.parse(proposed.start) &&
    Date.parse(lesson.end) === Date.parse(proposed.end)
  );
}
