/** Same shape as a cancellation request's `policy` field (contracts' LessonRequest), with how far off the lesson is. */
export interface CancellationPreview {
  lateCancellation: boolean;
  creditWillBeGranted: boolean;
  noticeHours: number;
  /** Hours from now until the lesson starts (never negative). */
  hoursBefore?: number;
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
  return { lateCancellation, creditWillBeGranted: !lateCancellation, noticeHours: policy.cancellationNoticeHours, hoursBefore: Math.max(0, hoursBefore) };
}

/** "less than an hour", "5 hours", "14 days": how far off a lesson is, in words. */
export function hoursInWords(hours: number): string {
  if (hours < 1) return 'less than an hour';
  if (hours < 48) {
    const whole = Math.floor(hours);
    return `${whole} hour${whole === 1 ? '' : 's'}`;
  }
  return `${Math.floor(hours / 24)} days`;
}

/** The school's notice period in words: "24 hours' notice", "2 days' notice". */
export function noticeInWords(noticeHours: number): string {
  return noticeHours >= 48 && noticeHours % 24 === 0 ? `${noticeHours / 24} days' notice` : `${noticeHours} hours' notice`;
}
