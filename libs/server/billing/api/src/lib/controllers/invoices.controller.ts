import { z } from 'zod';
import { Controller, Get, Header, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetInvoice, GetInvoicePdf, ListInvoices, type InvoiceId } from '@cadenza/server/billing/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { InvoiceDetail, InvoiceIdParam, InvoicesQuery, InvoiceSummary } from '@cadenza/shared/contracts';
import { asId, type FamilyId } from '@cadenza/shared/kernel';
import { presentInvoice, presentInvoiceDetail } from '../presenters.js';

const READERS = 'admins every invoice; a guardian (view or full access) their family’s; a payer (an adult student paying for themself, a family’s payer) their own; anyone else gets 404';

@ApiTags('billing')
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly listInvoices: ListInvoices,
    private readonly getInvoice: GetInvoice,
    private readonly getInvoicePdf: GetInvoicePdf,
  ) {}

  @Get()
  @Access(['admin', 'parent', 'student'], `${READERS} (here: not listed)`)
  @Endpoint({ summary: 'Invoices the caller may read, newest first, by status, family and billing period (YYYY-MM)', response: z.array(InvoiceSummary) })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(InvoicesQuery)) query: InvoicesQuery): Promise<InvoiceSummary[]> {
    const { invoices, accounts } = await this.listInvoices.execute(actorOf(principal), {
      status: query.status,
      familyId: query.familyId ? asId<FamilyId>(query.familyId) : undefined,
      periodFrom: query.period ? `${query.period}-01` : undefined,
    });
    return invoices.map((invoice) => presentInvoice(invoice, accounts.get(invoice.accountId)));
  }

  @Get(':invoiceId')
  @Access(['admin', 'parent', 'student'], READERS)
  @Endpoint({ summary: 'An invoice with its lines and history', response: InvoiceDetail, problems: [{ status: 404, code: 'BILLING.INVOICE_NOT_FOUND', when: 'Not an invoice the caller may read (another family’s, another school’s).' }] })
  async get(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam): Promise<InvoiceDetail> {
    const { invoice, account } = await this.getInvoice.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId));
    return presentInvoiceDetail(invoice, account);
  }

  /** The invoice as a PDF, to download or print: the same readers as the invoice. */
  @Get(':invoiceId/pdf')
  @Access(['admin', 'parent', 'student'], READERS)
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: 'An invoice as PDF: the school, the payer, lines, tax, totals, what is paid and open, and how to pay',
    response: { contentType: 'application/pdf', description: 'The invoice, `invoice-<number>.pdf`.' },
    problems: [{ status: 404, code: 'BILLING.INVOICE_NOT_FOUND', when: 'Not an invoice the caller may read (another family’s, another school’s).' }],
  })
  async pdf(@CurrentPrincipal() principal: Principal, @Param(validate(InvoiceIdParam)) params: InvoiceIdParam): Promise<StreamableFile> {
    const { fileName, pdf } = await this.getInvoicePdf.execute(actorOf(principal), asId<InvoiceId>(params.invoiceId));
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"`, length: pdf.length });
  }
}
