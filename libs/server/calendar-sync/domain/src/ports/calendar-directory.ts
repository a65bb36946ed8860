import type { UserId } from '@cadenza/shared/kernel';
import type { RoomId } from '../model/ids.js';

/** What calendar sync needs to know of the school's people and rooms, answered by the contexts that own them. */
export abstract class CalendarDirectory {
  /** The school's IANA time zone. */
  abstract timeZone(): Promise<string>;
  /** The person's name and sign-in email (null for one without a sign-in), or null when the school has no such person or they left. */
  abstract activePerson(id: UserId): Promise<{ name: string; email: string | null } | null>;
  /** The children a guardian has any access to, in any of their families. */
  abstract childrenOf(guardianId: UserId): Promise<UserId[]>;
  abstract names(ids: readonly UserId[]): Promise<Map<UserId, string>>;
  abstract roomNames(ids: readonly RoomId[]): Promise<Map<RoomId, string>>;
}
