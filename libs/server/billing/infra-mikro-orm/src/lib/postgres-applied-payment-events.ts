import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppliedPaymentEvents } from '@cadenza/server/billing/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import { PAYMENT_EVENT_CLAIM } from './statements.js';

/** The provider's events applied, in `billing_payment_events`, claimed in the applying transaction (`PAYMENT_EVENT_CLAIM`). */
@Injectable()
export class PostgresAppliedPaymentEvents extends AppliedPaymentEvents {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async claim(eventId: string, kind: string): Promise<boolean> {
    return (await schoolRows(this.em, PAYMENT_EVENT_CLAIM, [eventId, kind])).length === 1;
  }
}
