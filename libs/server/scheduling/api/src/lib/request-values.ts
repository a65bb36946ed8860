import type { UserId } from '@cadenza/shared/kernel';
import { asId } from '@cadenza/shared/kernel';

/** A validated UUID from a request, as a user id. */
export const user = (value: string): UserId => asId<UserId>(value);

/** A validated ISO 8601 instant from a request, as a Date. */
export const when = (value: string): Date => new Date(value);
