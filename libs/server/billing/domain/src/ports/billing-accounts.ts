import type { FamilyId, UserId } from '@cadenza/shared/kernel';
import type { BillingAccount } from '../model/billing-account.js';
import type { BillingAccountId } from '../model/ids.js';

/** The school's billing accounts: at most one per family and one per adult student paying for themself. */
export abstract class BillingAccounts {
  abstract get(id: BillingAccountId): Promise<BillingAccount | null>;
  abstract forFamily(familyId: FamilyId): Promise<BillingAccount | null>;
  abstract forAdultStudent(studentId: UserId): Promise<BillingAccount | null>;
  abstract list(): Promise<BillingAccount[]>;
  abstract byIds(ids: readonly BillingAccountId[]): Promise<BillingAccount[]>;
  abstract save(account: BillingAccount): Promise<void>;
}
