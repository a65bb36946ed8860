import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { InvoiceNumbering } from '@cadenza/server/billing/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import { INVOICE_NUMBER_NEXT, INVOICE_NUMBERS_TAKE } from './statements.js';

/** The school's invoice numbers from `billing_invoice_counters`, the row held by the issuing transaction (`INVOICE_NUMBER_NEXT`). */
@Injectable()
export class PostgresInvoiceNumbering extends InvoiceNumbering {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async next(): Promise<number> {
    const [row] = await schoolRows(this.em, INVOICE_NUMBER_NEXT, []);
    if (!row) throw new Error('The invoice counter gave no number.');
    return Number(row.last_number);
  }

  async take(count: number): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new Error(`cannot take ${count} invoice numbers`);
    const [row] = await schoolRows(this.em, INVOICE_NUMBERS_TAKE, [count]);
    if (!row) throw new Error('The invoice counter gave no numbers.');
    return Number(row.last_number) - count + 1;
  }
}
