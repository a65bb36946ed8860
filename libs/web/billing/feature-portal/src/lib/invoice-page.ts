import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { REALTIME_EVENTS, type InvoiceDetail, type PaymentAnswer, type PaymentOptionsAnswer, type ProblemDetails } from '@cadenza/shared/contracts';
import { dayOf, formatMoney, invoiceFileName, InvoicePaymentsApi, methodWords, monthOf, statusWords } from '@cadenza/web/billing/data-access-payments';
import { CallState, RealtimeClient, saveFile, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { filter, forkJoin, merge } from 'rxjs';

/** How long the page waits for the payment to arrive after the checkout sends the payer back. */
const WAIT_FOR_PAYMENT_MS = 60_000;
/**
 * The payment's arrival is pushed on the socket (`invoice.settled.v1`); while waiting, the page also reads the invoice
 * again this often, in case the socket is down (a proxy refusing websockets), so the payer is never left waiting.
 */
const FALLBACK_READ_MS = 5_000;

/**
 * One invoice: its lines, totals and payments; the payer or a guardian with full access pays what is open by card on
 * Stripe's page and comes back here, where the page shows the invoice paid as the payment arrives (through Stripe's
 * webhook, then pushed on the socket to whoever may read the invoice). A payment recorded at the school shows the same
 * way. A guardian with view access reads it without a Pay button.
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
      <div class="actions">
        @if (options(); as o) {
          @if (o.payableNow) {
            <button matButton="filled" type="button" [disabled]="busy()" (click)="pay(i)">Pay {{ money(i.open) }} now</button>
          }
        }
        <button matButton="outlined" type="button" [disabled]="download.busy()" (click)="downloadPdf(i)" [attr.aria-label]="'Download PDF of invoice ' + i.number">Download PDF</button>
      </div>
      <cz-problem-alert class="block" [problem]="download.problem()" />
      @if (options(); as o) {
        @if (!o.payableNow && !o.mayPay && i.open.minor > 0) {
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
  private readonly realtime = inject(RealtimeClient);
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
  protected readonly download = new CallState();
  protected readonly money = formatMoney;
  protected readonly words = statusWords;
  protected readonly month = monthOf;
  protected readonly day = dayOf;
  protected readonly method = methodWords;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** While back from the checkout: until when the page waits for the payment. */
  private waitUntil: number | null = null;

  ngOnInit(): void {
    this.destroyed.onDestroy(() => this.timer && clearTimeout(this.timer));
    const id = this.invoiceId();
    // A payment towards this invoice (or a refund) is pushed as it is applied; a reconnected socket may have missed one.
    const settled = this.realtime.on(REALTIME_EVENTS.invoiceSettled).pipe(filter((e) => e.invoiceId === id));
    merge(settled, this.realtime.reconnected)
      .pipe(takeUntilDestroyed(this.destroyed))
      .subscribe(() => this.load());
    if (this.checkout() === 'done') {
      this.status.set('Thank you. Waiting for the payment to reach the invoice…');
      this.waitUntil = Date.now() + WAIT_FOR_PAYMENT_MS;
    }
    this.load();
  }

  /** Reads the invoice, its payments and what the viewer may do; back from a checkout, says when it is paid. */
  private load(): void {
    const id = this.invoiceId();
    forkJoin({ invoice: this.api.invoice(id), payments: this.api.payments(id), options: this.api.options(id) }).subscribe({
      next: ({ invoice, payments, options }) => {
        this.invoice.set(invoice);
        this.payments.set(payments);
        this.options.set(options);
        this.waitForPayment(invoice);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  private waitForPayment(invoice: InvoiceDetail): void {
    if (this.waitUntil === null) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (invoice.status === 'paid') {
      this.waitUntil = null;
      this.status.set('Paid. Thank you.');
    } else if (Date.now() < this.waitUntil) {
      this.timer = setTimeout(() => this.load(), FALLBACK_READ_MS);
    } else {
      this.waitUntil = null;
      this.status.set('The payment has not reached the invoice yet. Look again in a few minutes.');
    }
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

  /** Saves the invoice's PDF as the server renders it. */
  protected downloadPdf(invoice: InvoiceDetail): void {
    this.download.run(this.api.pdf(invoice.id), (blob) => saveFile(blob, invoiceFileName(invoice)));
  }
}
