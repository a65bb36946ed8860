import { DomainError, type FieldProblem } from '@cadenza/shared/kernel';
import type { SafeguardingPolicy } from './safeguarding.js';

/**
 * The school's messaging policy: how minors are protected (see `SafeguardingPolicy`), how long a
 * thread is kept once every student in it has left the school, and how large one attachment may be.
 */
export interface MessagingPolicy extends SafeguardingPolicy {
  /** Days a thread is kept after the last of its students left the school. */
  retentionDays: number;
  /** The largest attachment, in bytes. */
  maxAttachmentBytes: number;
}

export const MINOR_THREAD_MODES: readonly SafeguardingPolicy['minorThreads'][] = ['require_guardian', 'visible_to_lead'];
export const RETENTION_DAYS = { min: 30, max: 3650, default: 730 } as const;
/** The ceiling no school can raise; the upload endpoint refuses anything larger before reading it all. */
export const ATTACHMENT_BYTES = { min: 64 * 1024, max: 25 * 1024 * 1024, default: 10 * 1024 * 1024 } as const;

export const DEFAULT_MESSAGING_POLICY: MessagingPolicy = {
  minorThreads: 'require_guardian',
  retentionDays: RETENTION_DAYS.default,
  maxAttachmentBytes: ATTACHMENT_BYTES.default,
};

export type MessagingPolicyPatch = Partial<Record<keyof MessagingPolicy, unknown>>;

const wholeBetween = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * The policy after a change, or `MESSAGING.INVALID_POLICY` naming every bad field (nothing is
 * applied then). Unknown fields are refused by the transport's schema before this.
 */
export function revisePolicy(current: MessagingPolicy, patch: MessagingPolicyPatch): MessagingPolicy {
  if (![patch.minorThreads, patch.retentionDays, patch.maxAttachmentBytes].some((v) => v !== undefined)) {
    throw DomainError.invalid('MESSAGING.EMPTY_POLICY_CHANGE', '(body)', 'Change at least one setting.');
  }
  const problems: FieldProblem[] = [];
  const next: MessagingPolicy = { ...current };
  if (patch.minorThreads !== undefined) {
    if (MINOR_THREAD_MODES.includes(patch.minorThreads as SafeguardingPolicy['minorThreads'])) next.minorThreads = patch.minorThreads as SafeguardingPolicy['minorThreads'];
    else problems.push({ field: 'minorThreads', message: `One of: ${MINOR_THREAD_MODES.join(', ')}.` });
  }
  if (patch.retentionDays !== undefined) {
    if (wholeBetween(patch.retentionDays, RETENTION_DAYS.min, RETENTION_DAYS.max)) next.retentionDays = patch.retentionDays as number;
    else problems.push({ field: 'retentionDays', message: `A whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}.` });
  }
  if (patch.maxAttachmentBytes !== undefined) {
    if (wholeBetween(patch.maxAttachmentBytes, ATTACHMENT_BYTES.min, ATTACHMENT_BYTES.max)) next.maxAttachmentBytes = patch.maxAttachmentBytes as number;
    else problems.push({ field: 'maxAttachmentBytes', message: `A whole number of bytes from ${ATTACHMENT_BYTES.min} to ${ATTACHMENT_BYTES.max}.` });
  }
  if (problems.length > 0) throw new DomainError('MESSAGING.INVALID_POLICY', 'invalid', problems.map((p) => `${p.field}: ${p.message}`).join(' '), { fields: problems });
  return next;
}
