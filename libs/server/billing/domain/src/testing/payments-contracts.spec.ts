import { newId } from '@cadenza/shared/kernel';
import { SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import type { InvoiceId } from '../model/ids.js';
import { InMemoryAppliedPaymentEvents, InMemoryPayments } from './in-memory-payments.js';
import { paymentsContract } from './payments.contract.js';

paymentsContract('in-memory fakes', async () => {
  const payments = new InMemoryPayments();
  const applied = new InMemoryAppliedPaymentEvents();
  const uow = new SnapshotUnitOfWork([payments, applied]);
  return { payments, applied, invoiceId: newId<InvoiceId>(), inUnit: (work) => uow.run(work) };
});
