import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CheckoutAnswer, InvoiceDetail, InvoiceSummary, PaymentAnswer, PaymentOptionsAnswer } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const INVOICES_API = `${API_BASE}/invoices`;

/** Invoices as their payers and guardians read them, their payments, and the card checkout. */
@Injectable({ providedIn: 'root' })
export class InvoicePaymentsApi {
  private readonly http = inject(HttpClient);

  invoices(): Observable<InvoiceSummary[]> {
    return this.http.get<InvoiceSummary[]>(INVOICES_API);
  }

  invoice(id: string): Observable<InvoiceDetail> {
    return this.http.get<InvoiceDetail>(`${INVOICES_API}/${id}`);
  }

  payments(id: string): Observable<PaymentAnswer[]> {
    return this.http.get<PaymentAnswer[]>(`${INVOICES_API}/${id}/payments`);
  }

  options(id: string): Observable<PaymentOptionsAnswer> {
    return this.http.get<PaymentOptionsAnswer>(`${INVOICES_API}/${id}/payment-options`);
  }

  /** The invoice as a PDF (`GET /invoices/{id}/pdf`), for whoever may read it: the portal's and the console's Download PDF. */
  pdf(id: string): Observable<Blob> {
    return this.http.get(`${INVOICES_API}/${id}/pdf`, { responseType: 'blob' });
  }

  /** Opens the card checkout for what is open: its page's address, to go to. */
  checkout(id: string): Observable<CheckoutAnswer> {
    return this.http.post<CheckoutAnswer>(`${INVOICES_API}/${id}/checkout`, null);
  }
}

/** An amount as a payer reads it, in the invoice's currency. */
export function formatMoney(amount: { minor: number; currency: string }): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: amount.currency }).format(amount.minor / 100);
}

const STATUS_WORDS: Record<string, string> = { draft: 'Draft', issued: 'To pay', partially_paid: 'Partly paid', paid: 'Paid', overdue: 'Overdue', void: 'Void' };

/** An invoice's status in words. */
export function statusWords(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

/** A billing period's month in words, from its first day (`2027-01-01` → January 2027). */
export function monthOf(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** An instant's day in words (7 January 2027). */
export function dayOf(instant: string): string {
  return new Date(instant).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

const METHOD_WORDS: Record<string, string> = { card: 'Card', cash: 'Cash', bank_transfer: 'Bank transfer', card_terminal: 'Card at the school' };

/** How a payment was made, in words. */
export function methodWords(method: string): string {
  return METHOD_WORDS[method] ?? method;
}

/** The name a downloaded invoice is saved under: `invoice-<number>.pdf`, as the server names it. */
export function invoiceFileName(invoice: { id: string; number: number | null }): string {
  return invoice.number === null ? `invoice-draft-${invoice.id}.pdf` : `invoice-${invoice.number}.pdf`;
}
