/** Same shape as a cancellation request's `policy` field (contracts' LessonRequest). */
export interface CancellationPreview {
  lateCancellation: boolean;
  creditWillBeGranted: boolean;
  noticeHours: number;
}

/**
 * What the school's policy says will happen if a lesson starting at `lessonStart` is
 * cancelled at `now`: with at least the notice period it is on time and earns a makeup
 * credit; later than that it is a late cancellation without one. The server decides; this
 * is the preview shown before confirming (the request's own `policy` field wins when present).
 */
export function previewCancellation(policy: { cancellationNoticeHours: number }, lessonStart: string, now: Date): CancellationPreview {
  const hoursBefore = (new Date(lessonStart).getTime() - now.getTime()) / 3_600_000;
  const lateCancellation = hoursBefore < policy.cancellationNoticeHours;
  return { lateCancellation, creditWillBeGranted: !lateCancellation, noticeHours: policy.cancellationNoticeHours };
}
