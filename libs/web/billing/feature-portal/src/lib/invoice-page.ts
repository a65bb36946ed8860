import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, type OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { InvoiceDetail, PaymentAnswer, PaymentOptionsAnswer, ProblemDetails } from '@cadenza/shared/contracts';
import { formatMoney, InvoicePaymentsApi, statusWords } from '@cadenza/web/billing/data-access-payments';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { forkJoin } from 'rxjs';
import { monthOf } from './invoices-page';

const METHOD_WORDS: Record<string, string> = { card: 'Card', cash: 'Cash', bank_transfer: 'Bank transfer', card_terminal: 'Card at the school' };
/** How long the page waits for the payment to arrive after the checkout sends the payer back, asking every second. */
const WAIT_FOR_PAYMENT_MS = 60_000;

/**
 * One invoice: its lines, totals and payments; the payer or a guardian with full access pays what is open by card on
 * Stripe's page and comes back here, where the page waits for the payment to arrive (it comes through Stripe's webhook)
 * and shows the invoice paid. A guardian with view access reads it without a Pay button.
 */
@Component({
  selector: 'cz-portal-invoice-page',
  imports: [MatButtonModule, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './billing-portal.scss',
  template: `
    <p><a routerLink="/invoices">All invoices</a></p>
    <cz-problem-alert class="block" [problem]="problem()" />
    @if (invoice(); as i) {
      <div class="row">
        <h1>Invoice {{ i.number }}</h1>
        <span class="status" data-testid="invoice-status" [class.paid]="i.status === 'paid'" [class.overdue]="i.status === 'overdue'">{{ words(i.status) }}</span>
      </div>
      @if (i.period) {
        <p>Lessons of {{ month(i.period.from) }}{{ i.dueAt ? '; due ' + day(i.dueAt) : '' }}</p>
      }
      <table>
        <caption class="note">What the invoice charges</caption>
        <thead>
          <tr><th scope="col">Item</th><th scope="col" class="amount">Amount</th></tr>
        </thead>
        <tbody>
          @for (l of i.lines; track l.id) {
            <tr><td>{{ l.description }}</td><td class="amount">{{ money(l.amount) }}</td></tr>
          }
          @if (i.tax.minor > 0) {
            <tr><td>Tax</td><td class="amount">{{ money(i.tax) }}</td></tr>
          }
          <tr><th scope="row">Total</th><td class="amount">{{ money(i.total) }}</td></tr>
          <tr><th scope="row">Paid</th><td class="amount">{{ money(i.paid) }}</td></tr>
          <tr><th scope="row">To pay</th><td class="amount" data-testid="open-amount">{{ money(i.open) }}</td></tr>
        </tbody>
      </table>
      <p role="status" aria-live="polite">{{ status() }}</p>
      @if (options(); as o) {
        @if (o.payableNow) {
          <button matButton="filled" type="button" [disabled]="busy()" (click)="pay(i)">Pay {{ money(i.open) }} now</button>
        } @else if (!o.mayPay && i.open.minor > 0) {
          <p class="note">The family’s payer, or a guardian with full access, pays this invoice.</p>
        }
      }
      <h2>Payments</h2>
      <ul>
        @for (p of payments(); track p.id) {
          <li data-testid="payment">{{ method(p.method) }}, {{ day(p.recordedAt) }}: {{ money(p.amount) }}{{ p.refunded.minor > 0 ? ' (' + money(p.refunded) + ' refunded)' : '' }}</li>
        } @empty {
          <li>None yet.</li>
        }
      </ul>
    } @else if (!problem()) {
      <p>Loading…</p>
    }
  `,
})
export class InvoicePage implements OnInit {
  private readonly api = inject(InvoicePaymentsApi);
  private readonly destroyed = inject(DestroyRef);
  /** The route's `:invoiceId`. */
  readonly invoiceId = input.required<string>();
  /** `done` when Stripe's checkout sends the payer back after paying. */
  readonly checkout = input<string | undefined>();
  protected readonly invoice = signal<InvoiceDetail | null>(null);
  protected readonly payments = signal<PaymentAnswer[]>([]);
  protected readonly options = signal<PaymentOptionsAnswer | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly busy = signal(false);
  protected readonly money = formatMoney;
  protected readonly words = statusWords;
  protected readonly month = monthOf;
  private timer: ReturnType<typeof setTimeout> | null = null;

  ngOnInit(): void {
    this.destroyed.onDestroy(() => this.timer && clearTimeout(this.timer));
    const back = this.checkout() === 'done';
    if (back) this.status.set('Thank you. Waiting for the payment to reach the invoice…');
    this.load(back ? Date.now() + WAIT_FOR_PAYMENT_MS : null);
  }

  /** Reads the invoice, its payments and what the viewer may do; after a checkout, again each second until it is paid. */
  private load(waitUntil: number | null): void {
    const id = this.invoiceId();
    forkJoin({ invoice: this.api.invoice(id), payments: this.api.payments(id), options: this.api.options(id) }).subscribe({
      next: ({ invoice, payments, options }) => {
        this.invoice.set(invoice);
        this.payments.set(payments);
        this.options.set(options);
        if (waitUntil === null) return;
        if (invoice.status === 'paid') this.status.set('Paid. Thank you.');
        else if (Date.now() < waitUntil) this.timer = setTimeout(() => this.load(waitUntil), 1000);
        else this.status.set('The payment has not reached the invoice yet. Look again in a few minutes.');
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected pay(invoice: InvoiceDetail): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.checkout(invoice.id).subscribe({
      next: ({ url }) => window.location.assign(url),
      error: (e: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  protected method(m: string): string {
    return METHOD_WORDS[m] ?? m;
  }
  protected day(instant: string): string {
    return new Date(instant).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  }
}
