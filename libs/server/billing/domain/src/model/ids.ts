import type { Id } from '@cadenza/shared/kernel';

export type InvoiceId = Id<'Invoice'>;
export type InvoiceLineId = Id<'InvoiceLine'>;
export type RateId = Id<'Rate'>;
export type BillingAccountId = Id<'BillingAccount'>;
/** A lesson's id, as scheduling's events name it. */
export type LessonId = Id<'Lesson'>;
/** A lesson type's id, as scheduling names it. */
export type LessonTypeId = Id<'LessonType'>;
export type PaymentId = Id<'Payment'>;
export type BillingRunId = Id<'BillingRun'>;
