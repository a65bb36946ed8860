import { newId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { BillingAccount } from '../model/billing-account.js';
import type { BillingAccountId } from '../model/ids.js';
import type { BillingAccounts } from '../ports/billing-accounts.js';
import type { BillingSettingsStore } from '../ports/billing-settings-store.js';
import { DEFAULT_BILLING_SETTINGS } from '../model/billing-settings.js';

export interface BillingAccountsContractSubject {
  accounts: BillingAccounts;
  settings: BillingSettingsStore;
  /** A family of the school with a guardian and two students. */
  family: { id: FamilyId; guardianId: UserId; studentIds: UserId[] };
  /** Another student of the school, an adult. */
  adultId: UserId;
}

/** The contracts of `BillingAccounts` and `BillingSettingsStore`, run against the in-memory fakes and the MikroORM adapters. */
export function billingAccountsContract(name: string, setup: () => Promise<BillingAccountsContractSubject>): void {
  describe(`BillingAccounts and BillingSettingsStore contract: ${name}`, () => {
    it('keeps a family’s account and an adult’s own, one each', async () => {
      const { accounts, family, adultId } = await setup();
      const familyAccount = BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: family.id, payerId: null, studentIds: family.studentIds });
      const own = BillingAccount.forAdultStudent({ id: newId<BillingAccountId>(), studentId: adultId });
      await accounts.save(familyAccount);
      await accounts.save(own);
      familyAccount.follow({ payerId: family.guardianId, studentIds: family.studentIds.slice(0, 1) });
      familyAccount.setDiscount(1000);
      await accounts.save(familyAccount);
      expect((await accounts.forFamily(family.id))?.snapshot()).toEqual(familyAccount.snapshot());
      expect((await accounts.forAdultStudent(adultId))?.snapshot()).toEqual(own.snapshot());
      expect((await accounts.get(own.id))?.payerId).toBe(adultId);
      expect((await accounts.list()).map((a) => a.id).sort()).toEqual([familyAccount.id, own.id].sort());
      await expect(accounts.save(BillingAccount.forFamily({ id: newId<BillingAccountId>(), familyId: family.id, payerId: null, studentIds: [] }))).rejects.toThrow();
    });

    it('gives the defaults until settings are saved, then what was saved', async () => {
      const { settings } = await setup();
      expect(await settings.get()).toEqual(DEFAULT_BILLING_SETTINGS);
      const changed = { chargeBasis: 'delivered' as const, taxBasisPoints: 2000, siblingDiscountBasisPoints: 1000, dueDays: 30, scheduledRun: true, runDay: 1, runTime: '23:45', runPeriod: 'previous' as const, invoiceAddress: '1 Music Lane\nLondon', paymentInstructions: 'Pay by transfer.' };
      await settings.save(changed);
      expect(await settings.get()).toEqual(changed);
    });
  });
}
