import type { BillingAccountId } from '../model/ids.js';

/** What the payment provider knows of a billing account: its customer there. */
export interface PaymentProfile {
  accountId: BillingAccountId;
  customerRef: string;
}

/** The billing accounts' customers at the payment provider, one per account. */
export abstract class PaymentProfiles {
  abstract get(accountId: BillingAccountId): Promise<PaymentProfile | null>;
  /** Records the account's customer; a second customer for the account is refused by the store. */
  abstract save(profile: PaymentProfile): Promise<void>;
}
