import { Module } from '@nestjs/common';
import { PaymentGateway } from '@cadenza/server/billing/domain';
import { StripePaymentGateway } from './stripe-payment-gateway.js';

const providers = [{ provide: PaymentGateway, useClass: StripePaymentGateway }];

/** Billing's payment gateway on Stripe (the only code that talks to Stripe). */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class BillingStripeModule {}
