import { Money, newId, type SchoolId } from '@cadenza/shared/kernel';
import type { InvoiceId } from '../model/ids.js';
import type { PaymentEvent } from '../model/payment-event.js';
import { paymentWorld } from '../testing/payment-world.js';

const world = () => paymentWorld();

const schoolId = newId<SchoolId>();
const gbp = (minor: number) => Money.of(minor, 'GBP');
let seq = 0;
const id = () => `evt_${++seq}`;
const succeeded = (invoiceId: InvoiceId, paymentRef: string, minor: number): PaymentEvent => ({ id: id(), schoolId, kind: 'payment_succeeded', paymentRef, invoiceId, amount: gbp(minor) });
const refunded = (invoiceId: InvoiceId, paymentRef: string, minor: number, total: number): PaymentEvent => ({ id: id(), schoolId, kind: 'refunded', paymentRef, invoiceId, amount: gbp(minor), refunded: gbp(total) });
const disputed = (invoiceId: InvoiceId, paymentRef: string, minor: number, held: number, closed: boolean): PaymentEvent => ({ id: id(), schoolId, kind: 'disputed', paymentRef, invoiceId, amount: gbp(minor), disputed: gbp(held), closed });

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('ApplyPaymentEvent', () => {
  it('applies a payment once however often it is delivered', async () => {
    const w = await world();
    const event = succeeded(w.invoiceId, 'pi_1', 4000);
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await w.useCases.applyPaymentEvent.execute(event));
    expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: gbp(4000) });
    expect(w.payments.byId.size).toBe(1);
  });

  it('never reopens or double-counts with a late payment after its refund, and follows a dispute until it is settled', async () => {
    const w = await world();
    const paid = succeeded(w.invoiceId, 'pi_1', 10_000);
    await w.useCases.applyPaymentEvent.execute(refunded(w.invoiceId, 'pi_1', 10_000, 2500));
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: gbp(7500) });
    await w.useCases.applyPaymentEvent.execute(paid);
    expect(await w.read()).toMatchObject({ status: 'partially_paid', paid: gbp(7500) });
    await w.useCases.applyPaymentEvent.execute(refunded(w.invoiceId, 'pi_1', 10_000, 1000));
    expect(await w.read()).toMatchObject({ paid: gbp(7500) });

    await w.useCases.applyPaymentEvent.execute(disputed(w.invoiceId, 'pi_1', 10_000, 0, true));
    await w.useCases.applyPaymentEvent.execute(disputed(w.invoiceId, 'pi_1', 10_000, 7500, false));
    expect(await w.read()).toMatchObject({ paid: gbp(7500) });
  });

  it('marks the invoice paid when its payments cover it, and overdue again when a dispute takes money back after the due date', async () => {
    const w = await world();
    await w.useCases.applyPaymentEvent.execute(succeeded(w.invoiceId, 'pi_1', 10_000));
    expect(await w.read()).toMatchObject({ status: 'paid', paid: gbp(10_000) });
    w.clock.set('2027-01-20T00:00:00Z');
    await w.useCases.applyPaymentEvent.execute(disputed(w.invoiceId, 'pi_1', 10_000, 10_000, false));
    expect(await w.read()).toMatchObject({ status: 'overdue', paid: gbp(0) });
  });

  it('records an event for an invoice the school does not have as applied, changing nothing', async () => {
    const w = await world();
    expect(await w.useCases.applyPaymentEvent.execute(succeeded(newId<InvoiceId>(), 'pi_9', 100))).toBe('ignored');
    expect(w.payments.byId.size).toBe(0);
  });

  it('ends 200 events delivered in any order, some twice, as if each was applied once in order', async () => {
    const w = await world();
    const invoices = [w.invoiceId];
    for (let i = 0; i < 9; i++) invoices.push(await w.issued(5000 + i * 700));
    // 60 payments over the 10 invoices; each with refunds growing and some with a dispute: 200 events in all.
    const events: PaymentEvent[] = [];
    for (let p = 0; events.length < 200; p++) {
      const invoiceId = invoices[p % invoices.length] as InvoiceId;
      const ref = `pi_${p}`;
      const minor = 1000 + (p % 7) * 150;
      events.push(succeeded(invoiceId, ref, minor));
      if (p % 2 === 0 && events.length < 200) events.push(refunded(invoiceId, ref, minor, 300));
      if (p % 4 === 0 && events.length < 200) events.push(refunded(invoiceId, ref, minor, 500));
      if (p % 5 === 0 && events.length < 200) events.push(disputed(invoiceId, ref, minor, minor - 500, false));
    }
    const inOrder = await world();
    // The oracle: the same events, each once, in the order they happened, on invoices of the same totals.
    const oracle = new Map<InvoiceId, InvoiceId>();
    for (const original of invoices) {
      const state = await w.read(original);
      oracle.set(original, await inOrder.issued(state.lines[0]!.amount.minor));
    }
    for (const e of events) await inOrder.useCases.applyPaymentEvent.execute({ ...e, invoiceId: oracle.get((e as { invoiceId: InvoiceId }).invoiceId)! } as PaymentEvent);

    const deliveries = shuffled([...events, ...events.filter((_, i) => i % 3 === 0)], 42);
    const outcomes = await Promise.all(deliveries.map((e) => w.useCases.applyPaymentEvent.execute(e)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(200);
    for (const original of invoices) {
      const [got, want] = [await w.read(original), await inOrder.read(oracle.get(original))];
      expect({ status: got.status, paid: got.paid }).toEqual({ status: want.status, paid: want.paid });
    }
  });
});
