import { z } from 'zod';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListPayments, PaymentOptions, RecordPayment, RefundPayment, StartCheckout, type InvoiceId, type Payment, type PaymentId } from '@cadenza/server/billing/domain';
import { HttpConfig } from '@cadenza/server/platform/config';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { CheckoutAnswer, InvoiceIdParam, PaymentAnswer, PaymentOptionsAnswer, RecordPaymentRequest, RefundRequest } from '@cadenza/shared/contracts';
import { asId, type Money } from '@cadenza/shared/kernel';

const money = (m: Money) => ({ minor: m.minor, currency: m.currency });

function presentPayment(payment: Payment): PaymentAnswer {
  const s = payment.snapshot();
  return { id: s.id, invoiceId: s.invoiceId, method: s.method, amount: money(s.amount), refunded: money(s.refunded), disputed: money(s.disputed), net: money(payment.net()), note: s.note, recordedAt: s.recordedAt.toISOString() };
}

const NOT_FOUND = { status: 404, code: 'BILLING.INVOICE_NOT_FOUND', when: 'Not an invoice the caller may read (another family’s, another school’s).' } as const;
const NOT_OPEN = { status: 409, code: 'BILLING.INVOICE_NOT_OPEN', when: 'The invoice is a draft or void.' } as const;

/** Payments towards an invoice: the admins' record of payments and refunds, and the payers' card checkout. */
@ApiTags('billing')
@Controller('invoices/:invoiceId')
export class InvoicePaymentsController {
  constructor(
    private readonly listPayments: ListPayments,
    private readonly recordPayment: RecordPayment,
    private readonly refundPayment: RefundPayment,
    private readonly startCheckout: StartCheckout,
    private readonly paymentOptions: PaymentOptions,
    private readonly http: HttpConfig,
  ) {}

  @Get('payments')
  @Access(['admin', 'parent', 'student'], 'whoever may read the invoice: admins; a guardian (view or full access) of the family; the payer; anyone else gets 404')
  @Endpoint({ summary: 'The payments towards an invoice, with what was refunded and what a dispute holds', response: z.array(PaymentAnswer), problems: [NOT_FOUND] })
  async list(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam): Promise<PaymentAnswer[]> {
    return (await this.listPayments.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId))).map(presentPayment);
  }

  @Get('payment-options')
  @Access(['admin', 'parent', 'student'], 'whoever may read the invoice; anyone else gets 404')
  @Endpoint({ summary: 'Whether the caller may pay the invoice, and by card now', description: 'The payer and guardians with full access may pay; a view-only guardian and admins may not (`mayPay: false`).', response: PaymentOptionsAnswer, problems: [NOT_FOUND] })
  async options(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam): Promise<PaymentOptionsAnswer> {
    return this.paymentOptions.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId));
  }

  @Post('payments')
  @Access(['admin'])
  @Endpoint({
    summary: 'Record a payment made in cash, by bank transfer or on the card terminal',
    description: 'Part or all of what is open, in the invoice’s currency; the invoice becomes partially paid or paid. Audited.',
    response: PaymentAnswer,
    problems: [{ status: 400, code: 'BILLING.OVERPAYMENT', when: 'More than is open on the invoice (also: zero, negative or fractional amounts, another currency).' }, NOT_OPEN],
  })
  async record(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam, @Body(validate(RecordPaymentRequest)) body: RecordPaymentRequest): Promise<PaymentAnswer> {
    const { payment } = await this.recordPayment.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId), { method: body.method, amount: body.amount, note: body.note ?? null });
    return presentPayment(payment);
  }

  @Post('refunds')
  @Access(['admin'])
  @Endpoint({
    summary: 'Refund part or the rest of a payment',
    description: 'A card payment is refunded through Stripe (once, however often the request is retried); any other is recorded as handed back. The invoice’s paid amount and status follow. Audited.',
    response: PaymentAnswer,
    problems: [{ status: 400, code: 'BILLING.REFUND_TOO_LARGE', when: 'More than is left of the payment to refund (also: zero, negative or fractional amounts, another currency, a payment not of this invoice).' }],
  })
  async refund(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam, @Body(validate(RefundRequest)) body: RefundRequest): Promise<PaymentAnswer> {
    const { payment } = await this.refundPayment.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId), { paymentId: asId<PaymentId>(body.paymentId), amount: body.amount });
    return presentPayment(payment);
  }

  @Post('checkout')
  @Access(['parent', 'student'], 'the account’s payer or a guardian with full access in the family; a view-only guardian gets 403, anyone else 404')
  @Endpoint({
    summary: 'Open the card checkout for what is open on the invoice',
    description: 'Answers the URL of Stripe’s hosted page; the payer comes back to the invoice in the portal. The payment reaches the invoice through Stripe’s webhook.',
    response: CheckoutAnswer,
    problems: [NOT_FOUND, { status: 403, code: 'BILLING.VIEW_ONLY', when: 'A guardian with view access only.' }, { status: 409, code: 'BILLING.NOTHING_OPEN', when: 'Nothing is open on the invoice.' }, { status: 503, code: 'BILLING.CARD_PAYMENTS_OFF', when: 'Card payments are not set up.' }],
  })
  async checkout(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam): Promise<CheckoutAnswer> {
    const page = `${this.http.publicUrl}/invoices/${params.invoiceId}`;
    const { url } = await this.startCheckout.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId), { successUrl: `${page}?checkout=done`, cancelUrl: page });
    return { url };
  }
}
