import { Money, newId, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { billingUseCases, type BillingPorts } from '../billing-use-cases.js';
import type { BillingAccountId, InvoiceId, InvoiceLineId, LessonTypeId } from '../model/ids.js';
import { Invoice } from '../model/invoice.js';
import { FakeBillingDirectory, InMemoryBilledLessons, InMemoryBillingAccounts, InMemoryBillingRuns, InMemoryBillingSettings, InMemoryInvoiceNumbering, InMemoryInvoices, InMemoryRates, RecordingBillingEvents, RecordingBillingRunQueue, TextInvoiceRenderer } from './in-memory.js';

/** Every billing port as an in-memory fake, with the unit of work rolling back the stores it writes. */
export function inMemoryBillingPorts(options: { now?: string } = {}) {
  const rates = new InMemoryRates();
  const settings = new InMemoryBillingSettings();
  const accounts = new InMemoryBillingAccounts();
  const invoices = new InMemoryInvoices();
  const lessons = new InMemoryBilledLessons();
  const numbering = new InMemoryInvoiceNumbering();
  const directory = new FakeBillingDirectory();
  const runs = new InMemoryBillingRuns();
  const runQueue = new RecordingBillingRunQueue();
  const events = new RecordingBillingEvents();
  const renderer = new TextInvoiceRenderer();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([rates, settings, accounts, invoices, lessons, numbering, runs, events, audit]);
  const clock = new FixedClock(options.now ?? '2026-12-25T06:00:00Z');
  return { rates, settings, accounts, invoices, lessons, numbering, directory, runs, runQueue, events, renderer, audit, uow, clock } satisfies BillingPorts;
}

/** Every billing use case wired to in-memory ports, with an admin, a teacher, a parent and two lesson types (piano individual, choir group). */
export function billingWorld(options: { now?: string } = {}) {
  const schoolId = newId<SchoolId>();
  const ports = inMemoryBillingPorts(options);
  const useCases = billingUseCases(ports);
  const person = (roles: string[]): Actor => ({ userId: newId<UserId>(), schoolId, roles });
  const people = { admin: person(['admin']), teacher: person(['teacher']), parent: person(['parent']), student: person(['student']) };
  const piano = newId<LessonTypeId>();
  const choir = newId<LessonTypeId>();
  ports.directory.lessonTypes.set(piano, { id: piano, name: 'Piano, 30 minutes', durationMinutes: 30, format: 'individual' });
  ports.directory.lessonTypes.set(choir, { id: choir, name: 'Choir', durationMinutes: 60, format: 'group' });
  /** A draft invoice of one account with lines of the given amounts (negative: a credit), saved. */
  const draft = async (amounts: number[] = [2500]): Promise<Invoice> => {
    const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId: newId<BillingAccountId>(), currency: 'GBP', period: { from: '2027-01-01', to: '2027-02-01' }, taxBasisPoints: 0, createdAt: ports.clock.now() });
    for (const minor of amounts) {
      invoice.addLine({ id: newId<InvoiceLineId>(), kind: minor < 0 ? 'credit' : 'lesson', sourceId: newId(), studentId: null, description: 'Piano', amount: Money.of(minor, 'GBP') });
    }
    await ports.invoices.save(invoice);
    return invoice;
  };
  return { schoolId, ports, clock: ports.clock, people, useCases, lessonTypes: { piano, choir }, draft };
}

export type BillingWorld = ReturnType<typeof billingWorld>;
