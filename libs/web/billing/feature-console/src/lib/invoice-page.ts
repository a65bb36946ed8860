import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { REALTIME_EVENTS, type InvoiceDetail, type PaymentAnswer, type ProblemDetails, type RecordPaymentRequest } from '@cadenza/shared/contracts';
import { BillingConsoleApi } from '@cadenza/web/billing/data-access-console';
import { dayOf, formatMoney, methodWords, monthOf, statusWords } from '@cadenza/web/billing/data-access-payments';
import { CallState, RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { filter, forkJoin, merge } from 'rxjs';
import { BILLING_STYLES } from './billing-styles';

const HISTORY_WORDS: Record<string, string> = { drafted: 'Drafted', issued: 'Issued', voided: 'Voided' };
const MANUAL_METHODS: RecordPaymentRequest['method'][] = ['cash', 'bank_transfer', 'card_terminal'];
/** An amount typed in the currency's units (12.50) in minor units; a fraction of a minor unit stays one, for the server to refuse naming the field. */
const minorOf = (typed: number | null): number => (typed === null || (typed as unknown) === '' ? null : Math.round(Number(typed) * 10_000) / 100) as number;
const amountError = (errors: Record<string, string>) => errors['amount.minor'] ?? errors['amount.currency'] ?? errors['amount'] ?? null;

/**
 * One invoice, for admins: its lines and totals, its payments and history; record a payment made at the school (cash,
 * bank transfer, the card terminal) and refund part or the rest of a payment (a card payment through Stripe). Each
 * refusal shows beside the action that caused it. The page follows the invoice's payments live (`invoice.settled.v1`),
 * so a parent paying online shows here as it arrives.
 */
@Component({
  selector: 'cz-invoice-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    BILLING_STYLES,
    `
      .record,
      .refund {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: flex-start;
      }
      .record {
        padding: 16px;
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 12px;
      }
      .field {
        display: grid;
        width: min(100%, 220px);
      }
      .field mat-form-field {
        width: 100%;
      }
      .refund .field {
        width: min(100%, 160px);
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 0 0 16px;
      }
      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
      }
      ol.history {
        padding-left: 20px;
      }
    `,
  ],
  template: `
    <p><a routerLink="..">All invoices</a></p>
    <cz-problem-alert [problem]="problem()" />
    @if (invoice(); as i) {
      <div class="row">
        <h2 data-testid="invoice-title">{{ i.number === null ? 'Draft invoice' : 'Invoice ' + i.number }}</h2>
        <span class="status" data-testid="invoice-status" [class.paid]="i.status === 'paid'" [class.overdue]="i.status === 'overdue'">{{ words(i.status) }}</span>
      </div>
      <dl>
        <dt>Family</dt>
        <dd>{{ i.familyName ?? 'Adult student' }}</dd>
        @if (i.period) {
          <dt>Lessons of</dt>
          <dd>{{ month(i.period.from) }}</dd>
        }
        @if (i.issuedAt) {
          <dt>Issued</dt>
          <dd>{{ day(i.issuedAt) }}</dd>
        }
        @if (i.dueAt) {
          <dt>Due</dt>
          <dd>{{ day(i.dueAt) }}</dd>
        }
      </dl>
      <div class="scroll">
        <table>
          <caption>What the invoice charges</caption>
          <thead>
            <tr><th scope="col">Item</th><th scope="col" class="amount">Amount</th></tr>
          </thead>
          <tbody>
            @for (l of i.lines; track l.id) {
              <tr><td>{{ l.description }}</td><td class="amount">{{ money(l.amount) }}</td></tr>
            }
            @if (i.tax.minor > 0) {
              <tr><td>Tax ({{ i.taxBasisPoints / 100 }} %)</td><td class="amount">{{ money(i.tax) }}</td></tr>
            }
            <tr><th scope="row">Total</th><td class="amount">{{ money(i.total) }}</td></tr>
            <tr><th scope="row">Paid</th><td class="amount" data-testid="paid-amount">{{ money(i.paid) }}</td></tr>
            <tr><th scope="row">To pay</th><td class="amount" data-testid="open-amount">{{ money(i.open) }}</td></tr>
          </tbody>
        </table>
      </div>

      <h2>Payments</h2>
      <div class="scroll">
        <table class="stacked">
          <caption>Payments towards the invoice, and refunds</caption>
          <thead>
            <tr><th scope="col">Paid</th><th scope="col">How</th><th scope="col" class="amount">Amount</th><th scope="col" class="amount">Refunded</th><th scope="col">Refund</th></tr>
          </thead>
          <tbody>
            @for (p of payments(); track p.id) {
              <tr data-testid="payment">
                <td>{{ day(p.recordedAt) }}{{ p.note ? ' · ' + p.note : '' }}</td>
                <td data-label="How">{{ method(p.method) }}</td>
                <td class="amount" data-label="Amount">{{ money(p.amount) }}</td>
                <td class="amount" data-label="Refunded">{{ p.refunded.minor > 0 ? money(p.refunded) : 'None' }}{{ p.disputed.minor > 0 ? ' (' + money(p.disputed) + ' disputed)' : '' }}</td>
                <td class="wide">
                  @if (p.amount.minor > p.refunded.minor) {
                    <form class="refund" (ngSubmit)="refund(p)" novalidate [attr.aria-label]="'Refund the ' + method(p.method) + ' payment of ' + money(p.amount)">
                      <div class="field">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>Refund ({{ i.currency }})</mat-label>
                          <input matInput type="number" inputmode="decimal" min="0" step="0.01" [name]="'refund-' + p.id" [ngModel]="refundAmounts()[p.id] ?? null" (ngModelChange)="setRefund(p.id, $event)" [attr.aria-describedby]="refundErrorOf(p.id) ? 'refund-error-' + p.id : null" />
                        </mat-form-field>
                        @if (refundErrorOf(p.id); as message) {
                          <p class="error" role="alert" [id]="'refund-error-' + p.id" data-testid="refund-error">{{ message }}</p>
                        }
                      </div>
                      <button type="submit" matButton="outlined" [disabled]="refunding.busy()">Refund</button>
                    </form>
                  } @else {
                    Refunded
                  }
                </td>
              </tr>
            } @empty {
              <tr><td colspan="5">No payments yet.</td></tr>
            }
          </tbody>
        </table>
      </div>

      @if (i.open.minor > 0 && i.status !== 'draft' && i.status !== 'void') {
        <h2 id="record-title">Record a payment</h2>
        <form class="record" (ngSubmit)="record(i)" novalidate aria-labelledby="record-title">
          <div class="field">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>How it was paid</mat-label>
              <mat-select name="method" [ngModel]="payMethod()" (ngModelChange)="payMethod.set($event)">
                @for (m of methods; track m) {
                  <mat-option [value]="m">{{ method(m) }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            @if (recording.errors()['method']; as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
          </div>
          <div class="field">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Amount ({{ i.currency }})</mat-label>
              <input matInput type="number" inputmode="decimal" min="0" step="0.01" name="amount" [ngModel]="payAmount()" (ngModelChange)="payAmount.set($event)" [attr.aria-invalid]="recordError() ? 'true' : null" [attr.aria-describedby]="recordError() ? 'amount-error' : null" />
              <mat-hint>{{ money(i.open) }} is open.</mat-hint>
            </mat-form-field>
            @if (recordError(); as message) {
              <p class="error" role="alert" id="amount-error" data-testid="amount-error">{{ message }}</p>
            }
          </div>
          <div class="field">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Note (optional)</mat-label>
              <input matInput name="note" maxlength="500" [ngModel]="payNote()" (ngModelChange)="payNote.set($event)" />
            </mat-form-field>
            @if (recording.errors()['note']; as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
          </div>
          <button type="submit" matButton="filled" [disabled]="recording.busy()">Record the payment</button>
          <cz-problem-alert [problem]="recording.problem()" />
        </form>
      }
      <cz-problem-alert [problem]="refunding.problem()" />
      <p role="status" aria-live="polite" data-testid="invoice-said">{{ said() }}</p>

      <h2>History</h2>
      <ol class="history">
        @for (h of i.history; track $index) {
          <li>{{ historyWords[h.event] ?? h.event }}{{ h.number !== null && h.event === 'issued' ? ' as number ' + h.number : '' }}, {{ day(h.at) }}</li>
        }
        @for (p of payments(); track p.id) {
          <li>{{ method(p.method) }} payment of {{ money(p.amount) }}, {{ day(p.recordedAt) }}{{ p.refunded.minor > 0 ? '; ' + money(p.refunded) + ' refunded' : '' }}</li>
        }
      </ol>
    } @else if (!problem()) {
      <p role="status">Loading the invoice…</p>
    }
  `,
})
export class InvoicePage implements OnInit {
  private readonly api = inject(BillingConsoleApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly destroyRef = inject(DestroyRef);
  /** The route's `:invoiceId`. */
  readonly invoiceId = input.required<string>();
  protected readonly invoice = signal<InvoiceDetail | null>(null);
  protected readonly payments = signal<PaymentAnswer[]>([]);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly said = signal('');
  protected readonly payMethod = signal<RecordPaymentRequest['method']>('cash');
  protected readonly payAmount = signal<number | null>(null);
  protected readonly payNote = signal('');
  protected readonly refundAmounts = signal<Record<string, number | null>>({});
  /** The payment whose refund was last asked: its refusal shows beside it. */
  private readonly refundingId = signal<string | null>(null);
  protected readonly recording = new CallState();
  protected readonly refunding = new CallState();
  protected readonly methods = MANUAL_METHODS;
  protected readonly historyWords = HISTORY_WORDS;
  protected readonly money = formatMoney;
  protected readonly words = statusWords;
  protected readonly month = monthOf;
  protected readonly day = dayOf;
  protected readonly method = methodWords;

  ngOnInit(): void {
    const id = this.invoiceId();
    const settled = this.realtime.on(REALTIME_EVENTS.invoiceSettled).pipe(filter((e) => e.invoiceId === id));
    merge(settled, this.realtime.reconnected)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.load());
    this.load();
  }

  protected recordError(): string | null {
    return amountError(this.recording.errors());
  }

  protected refundErrorOf(paymentId: string): string | null {
    return this.refundingId() === paymentId ? amountError(this.refunding.errors()) : null;
  }

  protected setRefund(paymentId: string, value: number | null): void {
    this.refundAmounts.update((amounts) => ({ ...amounts, [paymentId]: value }));
  }

  protected record(invoice: InvoiceDetail): void {
    const amount = { minor: minorOf(this.payAmount()), currency: invoice.currency };
    const note = this.payNote().trim() || null;
    this.said.set('');
    this.recording.run(this.api.recordPayment(invoice.id, { method: this.payMethod(), amount, note }), (payment) => {
      this.said.set(`Recorded ${formatMoney(payment.amount)} paid by ${methodWords(payment.method).toLowerCase()}.`);
      this.payAmount.set(null);
      this.payNote.set('');
      this.load();
    });
  }

  protected refund(payment: PaymentAnswer): void {
    const invoice = this.invoice();
    if (!invoice) return;
    this.refundingId.set(payment.id);
    this.said.set('');
    const amount = { minor: minorOf(this.refundAmounts()[payment.id] ?? null), currency: invoice.currency };
    this.refunding.run(this.api.refund(invoice.id, { paymentId: payment.id, amount }), (refunded) => {
      this.said.set(`Refunded ${formatMoney(amount)} of the ${methodWords(refunded.method).toLowerCase()} payment.`);
      this.setRefund(payment.id, null);
      this.load();
    });
  }

  /** Reads the invoice and its payments again (after an action, a push or a reconnection). */
  private load(): void {
    const id = this.invoiceId();
    forkJoin({ invoice: this.api.invoice(id), payments: this.api.payments(id) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ invoice, payments }) => {
          this.invoice.set(invoice);
          this.payments.set(payments);
          this.problem.set(null);
        },
        error: (e: unknown) => this.problem.set(toProblem(e)),
      });
  }
}
