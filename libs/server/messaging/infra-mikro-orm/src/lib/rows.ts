import type { EmailContent, FeedContent } from '@cadenza/server/messaging/domain';
import type { ThreadRow } from './entities.js';

export const NO_MAP = { disableIdentityMap: true } as const;
/** A PostgreSQL array literal, passed as one parameter (an array would be spread into a list). */
export const pgArray = (values: readonly (string | number)[]) => `{${values.join(',')}}`;
export const date = (value: Date | string) => new Date(value);
export const json = (value: unknown) => JSON.stringify(value);

export interface RawThread {
  id: string;
  school_id: string;
  kind: string;
  subject: string | null;
  created_by: string;
  created_at: Date | string;
  last_seq: number;
  last_message_at: Date | string | null;
  lead_oversight: boolean;
}
/** A thread's row with its participants' ids in order, as `THREAD_WITH_PARTICIPANTS` and `DIRECT_THREAD_BETWEEN` return it. */
export type RawThreadWithParticipants = RawThread & { participant_ids: string[] | string };

/** The entity row and participants of a thread read by a named statement. */
export function threadRowFromRaw(r: RawThreadWithParticipants): [ThreadRow, string[]] {
  const participants = Array.isArray(r.participant_ids) ? r.participant_ids : r.participant_ids.replace(/[{}]/g, '').split(',').filter(Boolean);
  return [
    {
      id: r.id,
      schoolId: r.school_id,
      kind: r.kind,
      subject: r.subject,
      createdBy: r.created_by,
      createdAt: date(r.created_at),
      lastSeq: Number(r.last_seq),
      lastMessageAt: r.last_message_at === null ? null : date(r.last_message_at),
      leadOversight: r.lead_oversight,
    },
    participants,
  ];
}

export interface RawMessage {
  id: string;
  school_id: string;
  thread_id: string;
  author_id: string;
  seq: number;
  sent_at: Date | string;
}

/** A row as the named statements return it. */
export interface RawDelivery {
  id: string;
  school_id: string;
  key: string;
  recipient_id: string;
  type: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  due_at: Date | string;
  claim_token: string | null;
  sent_at: Date | string | null;
  lesson_id: string | null;
  offset_minutes: number | null;
  source_key: string;
  feed: FeedContent;
  email: EmailContent | null;
  digest: boolean;
  updated_at: Date | string;
}
