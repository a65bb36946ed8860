import type { UserId } from '@cadenza/shared/kernel';
import { asId } from '@cadenza/shared/kernel';

/** A validated UUID from a request, as a user id. */
export const user = (value: string): UserId => asId<UserId>(value);

/** A validated ISO 8601 instant from a request, as a Date. */
export const when = (value: string): Date => new Date(value);

/** A series' choices for its clashing dates, from a request (creating a series, approving a series request). */
export const resolutionsOf = (body: readonly { date: string; action: 'skip' | 'move'; start?: string; end?: string }[]) =>
  body.map((r) => ({ date: r.date, action: r.action, start: r.start ? when(r.start) : undefined, end: r.end ? when(r.end) : undefined }));
