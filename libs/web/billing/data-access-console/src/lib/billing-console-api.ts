import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  BillingAccountAnswer,
  BillingRate,
  BillingRunAnswer,
  BillingRunPreview,
  BillingSettingsAnswer,
  CreateRateRequest,
  InvoiceDetail,
  InvoicesQuery,
  InvoiceSummary,
  LessonType,
  PaymentAnswer,
  RecordPaymentRequest,
  RefundRequest,
  StartBillingRunAnswer,
  TeacherSummary,
  UpdateBillingSettingsRequest,
  UpdateRateRequest,
} from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const BILLING_CONSOLE_API = {
  settings: `${API_BASE}/billing/settings`,
  rates: `${API_BASE}/billing/rates`,
  runs: `${API_BASE}/billing/runs`,
  accounts: `${API_BASE}/billing/accounts`,
  invoices: `${API_BASE}/invoices`,
  lessonTypes: `${API_BASE}/lesson-types`,
  teachers: `${API_BASE}/teachers`,
} as const;

/** The admins' billing over REST: settings, rates, runs, accounts, invoices with their payments and refunds. */
@Injectable({ providedIn: 'root' })
export class BillingConsoleApi {
  private readonly http = inject(HttpClient);

  settings(): Observable<BillingSettingsAnswer> {
    return this.http.get<BillingSettingsAnswer>(BILLING_CONSOLE_API.settings);
  }
  updateSettings(body: UpdateBillingSettingsRequest): Observable<BillingSettingsAnswer> {
    return this.http.put<BillingSettingsAnswer>(BILLING_CONSOLE_API.settings, body);
  }

  rates(): Observable<BillingRate[]> {
    return this.http.get<BillingRate[]>(BILLING_CONSOLE_API.rates);
  }
  addRate(body: CreateRateRequest): Observable<BillingRate> {
    return this.http.post<BillingRate>(BILLING_CONSOLE_API.rates, body);
  }
  changeRate(id: string, body: UpdateRateRequest): Observable<BillingRate> {
    return this.http.patch<BillingRate>(`${BILLING_CONSOLE_API.rates}/${id}`, body);
  }
  removeRate(id: string): Observable<void> {
    return this.http.delete<void>(`${BILLING_CONSOLE_API.rates}/${id}`);
  }
  /** The pickers of a rate: the school's lesson types and who teaches. */
  lessonTypes(): Observable<LessonType[]> {
    return this.http.get<LessonType[]>(BILLING_CONSOLE_API.lessonTypes);
  }
  teachers(): Observable<TeacherSummary[]> {
    return this.http.get<TeacherSummary[]>(BILLING_CONSOLE_API.teachers);
  }

  preview(period: string): Observable<BillingRunPreview> {
    return this.http.post<BillingRunPreview>(`${BILLING_CONSOLE_API.runs}/preview`, { period });
  }
  startRun(period: string): Observable<StartBillingRunAnswer> {
    return this.http.post<StartBillingRunAnswer>(BILLING_CONSOLE_API.runs, { period });
  }
  /** The month's run and how far it has got (404 while there is none). */
  run(period: string): Observable<BillingRunAnswer> {
    return this.http.get<BillingRunAnswer>(`${BILLING_CONSOLE_API.runs}/${period}`);
  }

  accounts(): Observable<BillingAccountAnswer[]> {
    return this.http.get<BillingAccountAnswer[]>(BILLING_CONSOLE_API.accounts);
  }
  invoices(query: InvoicesQuery): Observable<InvoiceSummary[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value) params = params.set(key, value);
    return this.http.get<InvoiceSummary[]>(BILLING_CONSOLE_API.invoices, { params });
  }
  invoice(id: string): Observable<InvoiceDetail> {
    return this.http.get<InvoiceDetail>(`${BILLING_CONSOLE_API.invoices}/${id}`);
  }
  payments(id: string): Observable<PaymentAnswer[]> {
    return this.http.get<PaymentAnswer[]>(`${BILLING_CONSOLE_API.invoices}/${id}/payments`);
  }
  recordPayment(id: string, body: RecordPaymentRequest): Observable<PaymentAnswer> {
    return this.http.post<PaymentAnswer>(`${BILLING_CONSOLE_API.invoices}/${id}/payments`, body);
  }
  refund(id: string, body: RefundRequest): Observable<PaymentAnswer> {
    return this.http.post<PaymentAnswer>(`${BILLING_CONSOLE_API.invoices}/${id}/refunds`, body);
  }
}
