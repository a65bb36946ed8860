import { newId, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import type { BillingAccountId, LessonTypeId } from '../model/ids.js';
import { billedLessonsContract } from './billed-lessons.contract.js';
import { billingAccountsContract } from './billing-accounts.contract.js';
import { InMemoryBilledLessons, InMemoryBillingAccounts, InMemoryBillingSettings, InMemoryInvoiceNumbering, InMemoryInvoices, InMemoryRates } from './in-memory.js';
import { invoiceNumberingContract } from './invoice-numbering.contract.js';
import { invoicesContract } from './invoices.contract.js';
import { ratesContract } from './rates.contract.js';

const people = (n: number) => Array.from({ length: n }, () => newId<UserId>());

ratesContract('in-memory fake', async () => ({ rates: new InMemoryRates(), people: people(2) }));

invoicesContract('in-memory fake', async () => ({ invoices: new InMemoryInvoices(), accountIds: [newId<BillingAccountId>(), newId<BillingAccountId>()], studentId: newId<UserId>(), unit: (work) => work() }));

invoiceNumberingContract('in-memory fake', async () => {
  const school = () => {
    const numbering = new InMemoryInvoiceNumbering();
    const uow = new SnapshotUnitOfWork([numbering]);
    return { numbering, unit: <T>(work: () => Promise<T>) => uow.run(work) };
  };
  return { school: school(), other: school() };
});

billingAccountsContract('in-memory fake', async () => ({
  accounts: new InMemoryBillingAccounts(),
  settings: new InMemoryBillingSettings(),
  family: { id: newId<FamilyId>(), guardianId: newId<UserId>(), studentIds: people(2) },
  adultId: newId<UserId>(),
}));

billedLessonsContract('in-memory fake', async () => ({ lessons: new InMemoryBilledLessons(), people: people(3), lessonTypeId: newId<LessonTypeId>() }));
