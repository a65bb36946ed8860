import type { FamilyId, UserId } from '@cadenza/shared/kernel';
import type { LessonFormat } from '../model/rate.js';
import type { LessonId, LessonTypeId } from '../model/ids.js';

/** A lesson type as billing needs it. */
export interface BillableLessonType {
  id: LessonTypeId;
  name: string;
  durationMinutes: number;
  format: LessonFormat;
}

/** A family as billing invoices it: its name, the guardian it names as payer (or none yet) and its children. */
export interface BillingFamily {
  familyId: FamilyId;
  name: string;
  payerId: UserId | null;
  studentIds: UserId[];
}

/** A person as billing addresses them: on an invoice, and by email. */
export interface BillingContact {
  id: UserId;
  name: string;
  /** Null for someone without one. */
  email: string | null;
}

/**
 * What billing reads of other contexts, for the school in force: its currency (identity's school), its lesson types
 * (scheduling's) and its families with their guardians (identity's). Implemented in bridges; billing never imports
 * another context.
 */
export abstract class BillingDirectory {
  abstract currency(): Promise<string>;
  /** The school's name, as its invoices are headed. */
  abstract schoolName(): Promise<string>;
  /** The school's people named, as billing addresses them (absent: no such person in the school). */
  abstract contacts(ids: readonly UserId[]): Promise<Map<UserId, BillingContact>>;
  /** The school's IANA time zone, in which its billing periods are calendar months. */
  abstract timeZone(): Promise<string>;
  abstract lessonType(id: LessonTypeId): Promise<BillableLessonType | null>;
  /** The lesson type of each of scheduling's lessons named (null: the lesson has none; absent: no such lesson). */
  abstract lessonTypesOf(lessonIds: readonly LessonId[]): Promise<Map<LessonId, LessonTypeId | null>>;
  /** Every family of the school, by name. */
  abstract families(): Promise<BillingFamily[]>;
  /** The families in which the person is a guardian with access (view or full) to at least one child. */
  abstract familiesGuardedBy(guardianId: UserId): Promise<FamilyId[]>;
  /** The family's guardians with access (view or full) to at least one of its children; none when there is no such family. */
  abstract guardiansOf(familyId: FamilyId): Promise<UserId[]>;
  /** The families in which the person is a guardian with full access to at least one child: who may pay the family's invoices. */
  abstract familiesWithFullAccess(guardianId: UserId): Promise<FamilyId[]>;
}
