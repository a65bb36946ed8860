import type { Actor } from '@cadenza/shared/kernel';
import type { BillingAccount } from '../model/billing-account.js';
import type { InvoiceId } from '../model/ids.js';
import type { Invoice } from '../model/invoice.js';
import { invoiceDocument, type InvoiceDocument } from '../model/invoice-document.js';
import type { InvoiceRenderer } from '../ports/invoice-renderer.js';
import type { BillingDirectory } from '../ports/billing-directory.js';
import type { BillingSettingsStore } from '../ports/billing-settings-store.js';
import type { GetInvoice } from './invoice-reads.js';

/** An invoice's PDF and the name its file goes by. */
export interface InvoicePdf {
  fileName: string;
  pdf: Uint8Array;
  document: InvoiceDocument;
}

/** Renders an invoice of the school in force as its PDF, addressed to the account's payer (or the family); no access check: callers have made theirs. */
export class InvoicePdfs {
  constructor(
    private readonly settings: BillingSettingsStore,
    private readonly directory: BillingDirectory,
    private readonly renderer: InvoiceRenderer,
  ) {}

  async render(invoice: Invoice, account: BillingAccount, familyName: string | null): Promise<InvoicePdf> {
    const [settings, schoolName, timeZone] = [await this.settings.get(), await this.directory.schoolName(), await this.directory.timeZone()];
    const payer = account.payerId ? ((await this.directory.contacts([account.payerId])).get(account.payerId) ?? null) : null;
    const document = invoiceDocument({ invoice, schoolName, settings, timeZone, familyName, payer });
    return { fileName: document.fileName, pdf: await this.renderer.render(document), document };
  }
}

/** An invoice's PDF, for whoever may read the invoice (`AccountVisibility`); anyone else is answered 404. */
export class GetInvoicePdf {
  constructor(
    private readonly getInvoice: GetInvoice,
    private readonly pdfs: InvoicePdfs,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId): Promise<InvoicePdf> {
    const { invoice, account } = await this.getInvoice.execute(actor, invoiceId);
    return this.pdfs.render(invoice, account.account, account.familyName);
  }
}
