import { newId, type UserId } from '@cadenza/shared/kernel';
import type { InvoiceId, LessonTypeId } from '../model/ids.js';
import { billingWorld } from '../testing/billing-world.js';

const gbp = (minor: number) => ({ minor, currency: 'GBP' });

describe('rates', () => {
  it('an admin adds rates for the school’s lesson types, group ones per student, each audited', async () => {
    const { useCases, people, lessonTypes, ports } = billingWorld();
    const piano = await useCases.setRate.execute(people.admin, { lessonTypeId: lessonTypes.piano, teacherId: null, durationMinutes: null, price: gbp(2500) });
    const choir = await useCases.setRate.execute(people.admin, { lessonTypeId: lessonTypes.choir, teacherId: null, durationMinutes: null, price: gbp(800) });
    expect([piano.perStudent, choir.perStudent]).toEqual([false, true]);
    const changed = await useCases.setRate.execute(people.admin, { rateId: piano.id, lessonTypeId: lessonTypes.piano, teacherId: null, durationMinutes: null, price: gbp(2700) });
    expect(changed.id).toBe(piano.id);
    expect((await useCases.listRates.execute(people.admin)).map((r) => r.price.minor).sort()).toEqual([2700, 800]);
    expect(ports.audit.entries.map((e) => e.action)).toEqual(['billing.rate.created', 'billing.rate.created', 'billing.rate.changed']);
    await useCases.removeRate.execute(people.admin, choir.id);
    expect(await ports.rates.list()).toHaveLength(1);
    expect(ports.audit.entries.at(-1)).toMatchObject({ action: 'billing.rate.removed', entityId: choir.id });
  });

  it.each([
    ['an unknown lesson type', { lessonTypeId: newId<LessonTypeId>() }, 'lessonTypeId'],
    ['a negative amount', { price: gbp(-1) }, 'price.minor'],
    ['a zero amount', { price: gbp(0) }, 'price.minor'],
    ['a fractional amount', { price: gbp(10.5) }, 'price.minor'],
    ['another currency than the school’s', { price: { minor: 2500, currency: 'EUR' } }, 'price.currency'],
  ])('refuses %s naming the field, changing nothing', async (_what, over, field) => {
    const { useCases, people, lessonTypes, ports } = billingWorld();
    const attempt = useCases.setRate.execute(people.admin, { lessonTypeId: lessonTypes.piano, teacherId: null, durationMinutes: null, price: gbp(2500), ...over });
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid', details: { fields: [expect.objectContaining({ field })] } });
    expect(await ports.rates.list()).toEqual([]);
    expect(ports.audit.entries).toEqual([]);
  });

  it('keeps one rate per scope, and only admins set or read them', async () => {
    const { useCases, people, lessonTypes, ports } = billingWorld();
    const input = { lessonTypeId: lessonTypes.piano, teacherId: people.teacher.userId, durationMinutes: 30, price: gbp(3000) };
    await useCases.setRate.execute(people.admin, input);
    await expect(useCases.setRate.execute(people.admin, input)).rejects.toMatchObject({ code: 'BILLING.RATE_EXISTS', kind: 'conflict' });
    for (const actor of [people.teacher, people.parent, people.student]) {
      await expect(useCases.setRate.execute(actor, input)).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(useCases.listRates.execute(actor)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(useCases.setRate.execute(people.admin, { ...input, rateId: newId() as never })).rejects.toMatchObject({ kind: 'not_found' });
    expect(await ports.rates.list()).toHaveLength(1);
  });
});

describe('billing settings', () => {
  it('are the defaults until an admin changes them, audited; a bad value names its field', async () => {
    const { useCases, people, ports } = billingWorld();
    expect(await useCases.getSettings.execute(people.admin)).toEqual({ chargeBasis: 'in_advance', taxBasisPoints: 0, siblingDiscountBasisPoints: 0, dueDays: 14, scheduledRun: false, runDay: 25, runTime: '06:00', runPeriod: 'next', invoiceAddress: '', paymentInstructions: '' });
    await useCases.updateSettings.execute(people.admin, { chargeBasis: 'delivered', taxBasisPoints: 2000 });
    expect(await useCases.getSettings.execute(people.admin)).toMatchObject({ chargeBasis: 'delivered', taxBasisPoints: 2000 });
    await expect(useCases.updateSettings.execute(people.admin, { dueDays: -1 })).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field: 'dueDays' })] } });
    await expect(useCases.updateSettings.execute(people.admin, { chargeBasis: 'weekly' as never })).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field: 'chargeBasis' })] } });
    await expect(useCases.getSettings.execute(people.teacher)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(ports.audit.entries.map((e) => e.action)).toEqual(['billing.settings.updated']);
  });
});

describe('issuing invoices', () => {
  it('numbers invoices in the order they are issued, from 1, due after the school’s terms', async () => {
    const { useCases, people, draft, ports } = billingWorld();
    await ports.settings.save({ ...(await ports.settings.get()), dueDays: 30 });
    const [a, b, c] = [await draft(), await draft(), await draft()];
    const issued = [];
    for (const invoice of [b, a, c]) issued.push(await useCases.issueInvoice.execute(people.admin, invoice.id));
    expect(issued.map((i) => [i.id, i.number])).toEqual([[b.id, 1], [a.id, 2], [c.id, 3]]);
    expect(issued[0].snapshot().dueAt).toEqual(new Date('2027-01-24T06:00:00Z'));
    expect(ports.audit.entries.map((e) => [e.action, (e.after as { number: number }).number])).toEqual([['billing.invoice.issued', 1], ['billing.invoice.issued', 2], ['billing.invoice.issued', 3]]);
  });

  it('gives the number back when issuing fails, so the next invoice takes it', async () => {
    const { useCases, people, draft, ports } = billingWorld();
    const nothingToPay = await draft([1000, -1000]);
    await expect(useCases.issueInvoice.execute(people.admin, nothingToPay.id)).rejects.toMatchObject({ code: 'BILLING.INVOICE_NOT_POSITIVE' });
    expect(ports.numbering.taken).toEqual([]);
    const invoice = await draft();
    expect((await useCases.issueInvoice.execute(people.admin, invoice.id)).number).toBe(1);
    await expect(useCases.issueInvoice.execute(people.admin, invoice.id)).rejects.toMatchObject({ code: 'BILLING.INVOICE_NOT_DRAFT', kind: 'conflict' });
    await expect(useCases.issueInvoice.execute(people.admin, newId<InvoiceId>())).rejects.toMatchObject({ kind: 'not_found' });
    await expect(useCases.issueInvoice.execute(people.teacher, (await draft()).id)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(ports.numbering.taken).toEqual([1]);
  });

  it('voids an invoice with a reason, keeping its number; the next takes the one after', async () => {
    const { useCases, people, draft, ports } = billingWorld();
    const first = await useCases.issueInvoice.execute(people.admin, (await draft()).id);
    await expect(useCases.voidInvoice.execute(people.admin, first.id, '  ')).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field: 'reason' })] } });
    const voided = await useCases.voidInvoice.execute(people.admin, first.id, 'Charged the wrong family');
    expect([voided.status, voided.number]).toEqual(['void', 1]);
    expect((await useCases.issueInvoice.execute(people.admin, (await draft()).id)).number).toBe(2);
    expect(ports.audit.entries.find((e) => e.action === 'billing.invoice.voided')).toMatchObject({ entityId: first.id, after: { status: 'void', number: 1, reason: 'Charged the wrong family' } });
    await expect(useCases.voidInvoice.execute({ ...people.parent, userId: newId<UserId>() }, first.id, 'mine')).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
