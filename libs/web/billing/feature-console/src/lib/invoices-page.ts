import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { INVOICE_STATUSES, type BillingAccountAnswer, type InvoiceStatus, type InvoiceSummary, type ProblemDetails } from '@cadenza/shared/contracts';
import { BillingConsoleApi } from '@cadenza/web/billing/data-access-console';
import { formatMoney, monthOf, statusWords } from '@cadenza/web/billing/data-access-payments';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { BILLING_STYLES } from './billing-styles';

/** The filters, as the address holds them (`?status=overdue&familyId=…&period=2027-01`). */
type Filter = 'status' | 'familyId' | 'period';

/**
 * The school's invoices, for admins, newest first: filtered by status, family and month, the filters kept in the
 * address (so a filtered list can be shared, reloaded or come back to), each invoice leading to its page.
 */
@Component({
  selector: 'cz-invoices-page',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    BILLING_STYLES,
    `
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        margin-bottom: 8px;
      }
      .filters mat-form-field {
        width: min(100%, 220px);
      }
    `,
  ],
  template: `
    <h2>Invoices</h2>
    <form class="filters" aria-label="Filter the invoices" (submit)="$event.preventDefault()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select name="status" [ngModel]="status() ?? null" (ngModelChange)="filter('status', $event)">
          <mat-option [value]="null">Any status</mat-option>
          @for (s of statuses; track s) {
            <mat-option [value]="s">{{ words(s) }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Family</mat-label>
        <mat-select name="familyId" [ngModel]="familyId() ?? null" (ngModelChange)="filter('familyId', $event)">
          <mat-option [value]="null">Every family</mat-option>
          @for (f of families(); track f.id) {
            <mat-option [value]="f.id">{{ f.name }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Month</mat-label>
        <input matInput type="month" name="period" [ngModel]="period() ?? ''" (ngModelChange)="filter('period', $event)" />
      </mat-form-field>
    </form>
    <cz-problem-alert [problem]="problem()" />
    <p role="status" class="note">{{ loading() ? 'Loading the invoices…' : invoices().length + (invoices().length === 1 ? ' invoice' : ' invoices') + (filtered() ? ' match the filters.' : '.') }}</p>
    <div class="scroll">
      <table class="stacked">
        <caption>The school’s invoices, newest first</caption>
        <thead>
          <tr><th scope="col">Invoice</th><th scope="col">Family</th><th scope="col">Month</th><th scope="col">Status</th><th scope="col" class="amount">Total</th><th scope="col" class="amount">To pay</th></tr>
        </thead>
        <tbody>
          @for (i of invoices(); track i.id) {
            <tr data-testid="invoice-row">
              <td><a [routerLink]="[i.id]">{{ i.number === null ? 'Draft' : 'No. ' + i.number }}</a></td>
              <td data-label="Family">{{ i.familyName ?? 'Adult student' }}</td>
              <td data-label="Month">{{ i.period ? month(i.period.from) : '' }}</td>
              <td data-label="Status"><span class="status" [class.paid]="i.status === 'paid'" [class.overdue]="i.status === 'overdue'">{{ words(i.status) }}</span></td>
              <td class="amount" data-label="Total">{{ money(i.total) }}</td>
              <td class="amount" data-label="To pay">{{ money(i.open) }}</td>
            </tr>
          } @empty {
            @if (!loading()) {
              <tr><td colspan="6">No invoices{{ filtered() ? ' match the filters' : ' yet' }}.</td></tr>
            }
          }
        </tbody>
      </table>
    </div>
  `,
})
export class InvoicesPage {
  private readonly api = inject(BillingConsoleApi);
  private readonly router = inject(Router);
  /** The address's filters (the router binds its query). */
  readonly status = input<InvoiceStatus | undefined>();
  readonly familyId = input<string | undefined>();
  readonly period = input<string | undefined>();
  protected readonly statuses = INVOICE_STATUSES;
  protected readonly invoices = signal<InvoiceSummary[]>([]);
  protected readonly accounts = signal<BillingAccountAnswer[]>([]);
  protected readonly loading = signal(true);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly money = formatMoney;
  protected readonly words = statusWords;
  protected readonly month = monthOf;
  protected readonly filtered = computed(() => !!(this.status() || this.familyId() || this.period()));
  protected readonly families = computed(() =>
    this.accounts()
      .filter((a): a is BillingAccountAnswer & { familyId: string } => a.familyId !== null)
      .map((a) => ({ id: a.familyId, name: a.familyName ?? 'A family' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  /** The last query asked: an answer to an older one is dropped. */
  private asked = '';

  constructor() {
    this.api.accounts().subscribe({ next: (accounts) => this.accounts.set(accounts), error: (e: unknown) => this.problem.set(toProblem(e)) });
    effect(() => this.load({ status: this.status(), familyId: this.familyId(), period: this.period() }));
  }

  protected filter(name: Filter, value: string | null): void {
    void this.router.navigate([], { queryParams: { [name]: value || null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private load(query: { status?: InvoiceStatus; familyId?: string; period?: string }): void {
    const key = JSON.stringify(query);
    this.asked = key;
    this.loading.set(true);
    this.api.invoices(query).subscribe({
      next: (invoices) => {
        if (this.asked !== key) return;
        this.invoices.set(invoices);
        this.loading.set(false);
        this.problem.set(null);
      },
      error: (e: unknown) => {
        if (this.asked !== key) return;
        this.loading.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }
}
