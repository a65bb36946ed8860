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
export interface RawMessage {
  id: string;
  school_id: string;
  thread_id: string;
  author_id: string;
  seq: number;
  sent_at: Date | string;
}
export interface RawVersion {
  message_id: string;
  version: number;
  body: string;
  at: Date | string;
}
export interface RawReceipt {
  thread_id: string;
  user_id: string;
  last_read_seq: number;
  read_at: Date | string;
}

export interface RawAttachment {
  id: string;
  school_id: string;
  thread_id: string;
  message_id: string | null;
  uploaded_by: string;
  uploaded_at: Date | string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}
