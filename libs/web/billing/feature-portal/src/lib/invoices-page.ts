import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { InvoiceSummary, ProblemDetails } from '@cadenza/shared/contracts';
import { dayOf, formatMoney, InvoicePaymentsApi, monthOf, statusWords } from '@cadenza/web/billing/data-access-payments';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

/** The invoices the family (or the adult student) may read, newest first, each leading to its page. */
@Component({
  selector: 'cz-portal-invoices-page',
  imports: [RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './billing-portal.scss',
  template: `
    <h1>Invoices</h1>
    <cz-problem-alert class="block" [problem]="problem()" />
    @if (loaded()) {
      <ul class="invoices">
        @for (i of invoices(); track i.id) {
          <li class="card" data-testid="invoice">
            <div class="row">
              <h2>
                <a [routerLink]="['/invoices', i.id]">{{ title(i) }}</a>
              </h2>
              <span class="status" [class.paid]="i.status === 'paid'" [class.overdue]="i.status === 'overdue'">{{ words(i.status) }}</span>
            </div>
            <div class="row">
              <span>Total {{ money(i.total) }}</span>
              @if (i.open.minor > 0) {
                <span>To pay {{ money(i.open) }}{{ i.dueAt ? ', due ' + day(i.dueAt) : '' }}</span>
              }
            </div>
          </li>
        } @empty {
          <li>No invoices yet.</li>
        }
      </ul>
    } @else if (!problem()) {
      <p>Loading…</p>
    }
  `,
})
export class InvoicesPage {
  private readonly api = inject(InvoicePaymentsApi);
  protected readonly invoices = signal<InvoiceSummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly money = formatMoney;
  protected readonly words = statusWords;

  constructor() {
    this.api.invoices().subscribe({
      next: (invoices) => {
        // Drafts are the school's work in progress, not the family's to read yet.
        this.invoices.set(invoices.filter((i) => i.status !== 'draft'));
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected title(i: InvoiceSummary): string {
    return `Invoice ${i.number ?? ''}${i.period ? ` · ${monthOf(i.period.from)}` : ''}`.trim();
  }
  protected readonly day = dayOf;
}
