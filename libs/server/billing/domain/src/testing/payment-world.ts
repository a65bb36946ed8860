import { SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import type { InvoiceId } from '../model/ids.js';
import { paymentUseCases } from '../payment-use-cases.js';
import { billingWorld } from './billing-world.js';
import { FakePaymentGateway, InMemoryAppliedPaymentEvents, InMemoryPaymentProfiles, InMemoryPayments } from './in-memory-payments.js';

/**
 * The billing world with its payment ports in memory and the payment use cases beside billing's, with an issued
 * invoice of `total` (default 100.00 GBP) due 14 days after the world's now.
 */
export async function paymentWorld(options: { now?: string; total?: number } = {}) {
  const w = billingWorld({ now: options.now ?? '2026-12-25T06:00:00Z' });
  const payments = new InMemoryPayments();
  const applied = new InMemoryAppliedPaymentEvents();
  const profiles = new InMemoryPaymentProfiles();
  const gateway = new FakePaymentGateway();
  const uow = new SnapshotUnitOfWork([w.ports.invoices, payments, applied, profiles, w.ports.events, w.ports.audit]);
  const ports = { invoices: w.ports.invoices, payments, applied, events: w.ports.events, accounts: w.ports.accounts, directory: w.ports.directory, profiles, gateway, audit: w.ports.audit, uow, clock: w.clock };
  const issued = async (total: number): Promise<InvoiceId> => {
    const draft = await w.draft([total]);
    await w.useCases.issueInvoice.execute(w.people.admin, draft.id);
    return draft.id;
  };
  const invoiceId = await issued(options.total ?? 10_000);
  const read = async (id: InvoiceId = invoiceId) => {
    const invoice = await w.ports.invoices.get(id);
    if (!invoice) throw new Error(`no invoice ${id}`);
    return invoice.snapshot();
  };
  return { ...w, payments, applied, profiles, gateway, paymentPorts: ports, useCases: { ...w.useCases, ...paymentUseCases(ports) }, invoiceId, issued, read };
}
