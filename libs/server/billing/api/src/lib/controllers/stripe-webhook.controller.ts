import { Controller, Headers, HttpCode, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { ApplyPaymentEvent, PaymentGateway } from '@cadenza/server/billing/domain';
import { enterSchool } from '@cadenza/server/platform/db';
import { Endpoint, Public } from '@cadenza/server/platform/http';
import { StripeEventBody, StripeWebhookReceipt } from '@cadenza/shared/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stripe's events, posted to `/api/v1/webhooks/stripe`: the raw body's signature is verified with the endpoint's
 * signing secret (an unsigned, forged or stale one is a 400 and changes nothing), then the event is applied once, in
 * the school its metadata names.
 */
@ApiTags('billing')
@Controller('webhooks/stripe')
export class StripeWebhookController {
  constructor(
    private readonly gateway: PaymentGateway,
    private readonly apply: ApplyPaymentEvent,
    private readonly em: EntityManager,
  ) {}

  @Post()
  @HttpCode(200)
  @Public('Stripe calls it: authenticated by the Stripe-Signature header, verified against the endpoint\'s signing secret.')
  @Endpoint({
    summary: 'Receive a Stripe event',
    description: 'Verifies the `Stripe-Signature` header on the raw body (tolerance 300 s), then applies the event once: payments, refunds and disputes change the invoice they are for. A redelivered event answers `duplicate` and changes nothing.',
    body: StripeEventBody,
    response: StripeWebhookReceipt,
    problems: [
      { status: 400, code: 'BILLING.WEBHOOK_SIGNATURE', when: 'The signature is missing, does not match the body and secret, or is older than 300 s.' },
      { status: 503, code: 'BILLING.CARD_PAYMENTS_OFF', when: 'Card payments are not set up (no Stripe keys).' },
    ],
  })
  async receive(@Req() request: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string | undefined): Promise<StripeWebhookReceipt> {
    const event = await this.gateway.verifyEvent(request.rawBody ?? '', signature);
    if (event.kind === 'ignored' || !UUID.test(event.schoolId)) return { received: true, outcome: 'ignored' };
    enterSchool(this.em, event.schoolId);
    return { received: true, outcome: await this.apply.execute(event) };
  }
}
