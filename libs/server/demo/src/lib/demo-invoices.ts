import type { INestApplicationContext } from '@nestjs/common';
import { BillingAccount, BillingAccounts, Invoice, Invoices, IssueInvoice, type BillingAccountId, type InvoiceId, type InvoiceLineId } from '@cadenza/server/billing/domain';
import { Money, newId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { inSchool } from './in-school.js';

/**
 * Last month's invoice, issued and unpaid, for each of the given families, so a newcomer can pay one by card through
 * the local Stripe (parent1's family, full access) and see one they may read but not pay (parent5's, view access).
 * Written through billing's ports and `IssueInvoice`, numbered by the school's counter.
 */
export async function seedDemoInvoices(app: INestApplicationContext, input: { schoolId: SchoolId; admin: UserId; today: Date; families: { familyId: FamilyId; studentIds: UserId[]; lessons: number }[] }): Promise<void> {
  const accounts = app.get(BillingAccounts, { strict: false });
  const invoices = app.get(Invoices, { strict: false });
  const issue = app.get(IssueInvoice, { strict: false });
  const admin = { userId: input.admin, schoolId: input.schoolId, roles: ['admin'] };
  const thisMonth = new Date(Date.UTC(input.today.getUTCFullYear(), input.today.getUTCMonth(), 1));
  const lastMonth = new Date(Date.UTC(input.today.getUTCFullYear(), input.today.getUTCMonth() - 1, 1));
  const month = lastMonth.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  for (const family of input.families) {
    const invoiceId = newId<InvoiceId>();
    await inSchool(app, input.schoolId, async () => {
      const accountId = newId<BillingAccountId>();
      await accounts.save(BillingAccount.forFamily({ id: accountId, familyId: family.familyId, payerId: null, studentIds: family.studentIds }));
      const invoice = Invoice.draft({ id: invoiceId, accountId, currency: 'GBP', period: { from: lastMonth.toISOString().slice(0, 10), to: thisMonth.toISOString().slice(0, 10) }, taxBasisPoints: 0, createdAt: input.today });
      invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'manual', sourceId: newId(), studentId: family.studentIds[0] ?? null, description: `Piano lessons in ${month}, ${family.lessons} × 30 minutes`, amount: Money.of(2500 * family.lessons, 'GBP') });
      await invoices.save(invoice);
    });
    await inSchool(app, input.schoolId, () => issue.execute(admin, invoiceId));
  }
}
