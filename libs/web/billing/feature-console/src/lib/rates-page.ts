import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { BillingRate, LessonType, ProblemDetails, TeacherSummary } from '@cadenza/shared/contracts';
import { BillingConsoleApi } from '@cadenza/web/billing/data-access-console';
import { formatMoney } from '@cadenza/web/billing/data-access-payments';
import { AuthStore, CallState, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { forkJoin } from 'rxjs';
import { BILLING_STYLES } from './billing-styles';

/** The rate form as typed: the price in the currency's units (25.50), the length blank for any. */
interface RateForm {
  lessonTypeId: string;
  teacherId: string | null;
  durationMinutes: number | null;
  price: number | null;
}

const EMPTY: RateForm = { lessonTypeId: '', teacherId: null, durationMinutes: null, price: null };
const blank = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The school's rates, for admins: each lesson type's price, optionally only for one teacher or one length of lesson,
 * in the school's currency. Add one, change its price, teacher or length, or delete it; a refusal is named under the
 * field it concerns (an unknown lesson type, a zero or fractional price) and nothing changes.
 */
@Component({
  selector: 'cz-rates-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    BILLING_STYLES,
    `
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: flex-start;
        padding: 16px;
        border: 1px solid var(--mat-sys-outline-variant);
        border-radius: 12px;
      }
      form .field {
        display: grid;
        width: min(100%, 240px);
      }
      form .field mat-form-field {
        width: 100%;
      }
      form .actions {
        display: flex;
        gap: 8px;
        align-items: center;
        width: 100%;
      }
      td.actions {
        white-space: nowrap;
        text-align: right;
      }
    `,
  ],
  template: `
    <h2>Rates</h2>
    <p class="intro">What each lesson costs, in {{ currency() }}. The most specific rate prices a lesson: its teacher and length, then its teacher, then its length, then its type’s own. A group lesson’s rate is each student’s price.</p>
    <cz-problem-alert [problem]="problem()" />
    @if (loaded()) {
      <div class="scroll">
        <table class="stacked">
          <caption>The school’s rates</caption>
          <thead>
            <tr><th scope="col">Lesson type</th><th scope="col">Teacher</th><th scope="col">Length</th><th scope="col" class="amount">Price</th><th scope="col"><span class="cdk-visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            @for (r of rates(); track r.id) {
              <tr data-testid="rate">
                <td>{{ typeName(r.lessonTypeId) }}{{ r.format === 'group' ? ' (each student)' : '' }}</td>
                <td data-label="Teacher">{{ r.teacherId ? teacherName(r.teacherId) : 'Any teacher' }}</td>
                <td data-label="Length">{{ r.durationMinutes ? r.durationMinutes + ' minutes' : 'Any length' }}</td>
                <td class="amount" data-label="Price">{{ money(r.price) }}</td>
                <td class="actions wide">
                  <button matButton type="button" (click)="edit(r)" [attr.aria-label]="'Edit the rate of ' + typeName(r.lessonTypeId)">Edit</button>
                  <button matButton type="button" (click)="remove(r)" [disabled]="removing.busy()" [attr.aria-label]="'Delete the rate of ' + typeName(r.lessonTypeId)">Delete</button>
                </td>
              </tr>
            } @empty {
              <tr><td colspan="5">No rates yet: lessons without one are not charged (the run’s preview lists them).</td></tr>
            }
          </tbody>
        </table>
      </div>
      <cz-problem-alert [problem]="removing.problem()" />

      <h2 id="rate-form-title">{{ editing() ? 'Change the rate of ' + typeName(form().lessonTypeId) : 'Add a rate' }}</h2>
      <form (ngSubmit)="save()" novalidate aria-labelledby="rate-form-title">
        <div class="field">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Lesson type</mat-label>
            <mat-select name="lessonTypeId" [ngModel]="form().lessonTypeId" (ngModelChange)="set('lessonTypeId', $event)" [disabled]="!!editing()" [attr.aria-invalid]="saving.errors()['lessonTypeId'] ? 'true' : null">
              @for (t of lessonTypes(); track t.id) {
                <mat-option [value]="t.id">{{ t.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (saving.errors()['lessonTypeId']; as message) {
            <p class="error" role="alert" data-testid="lessonTypeId-error">{{ message }}</p>
          }
        </div>
        <div class="field">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Teacher</mat-label>
            <mat-select name="teacherId" [ngModel]="form().teacherId" (ngModelChange)="set('teacherId', $event)">
              <mat-option [value]="null">Any teacher</mat-option>
              @for (t of teachers(); track t.id) {
                <mat-option [value]="t.id">{{ t.name }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (saving.errors()['teacherId']; as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </div>
        <div class="field">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Length (minutes)</mat-label>
            <mat-select name="durationMinutes" [ngModel]="form().durationMinutes" (ngModelChange)="set('durationMinutes', $event)">
              <mat-option [value]="null">Any length</mat-option>
              @for (m of lengths(); track m) {
                <mat-option [value]="m">{{ m }} minutes</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (saving.errors()['durationMinutes']; as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </div>
        <div class="field">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Price ({{ currency() }})</mat-label>
            <input matInput type="number" inputmode="decimal" min="0" step="0.01" name="price" [ngModel]="form().price" (ngModelChange)="set('price', $event)" [attr.aria-invalid]="priceError() ? 'true' : null" [attr.aria-describedby]="priceError() ? 'price-error' : null" />
          </mat-form-field>
          @if (priceError(); as message) {
            <p class="error" role="alert" id="price-error" data-testid="price-error">{{ message }}</p>
          }
        </div>
        <div class="actions">
          <button type="submit" matButton="filled" [disabled]="saving.busy()">{{ editing() ? 'Save the rate' : 'Add the rate' }}</button>
          @if (editing()) {
            <button type="button" matButton (click)="cancel()">Cancel</button>
          }
          <p role="status">{{ status() }}</p>
        </div>
        <cz-problem-alert [problem]="saving.problem()" />
      </form>
    } @else if (!problem()) {
      <p role="status">Loading the rates…</p>
    }
  `,
})
export class RatesPage {
  private readonly api = inject(BillingConsoleApi);
  private readonly auth = inject(AuthStore);
  protected readonly currency = computed(() => this.auth.user()?.school.currency ?? 'GBP');
  protected readonly rates = signal<BillingRate[]>([]);
  protected readonly lessonTypes = signal<LessonType[]>([]);
  protected readonly teachers = signal<TeacherSummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly form = signal<RateForm>(EMPTY);
  protected readonly editing = signal<BillingRate | null>(null);
  protected readonly status = signal('');
  protected readonly saving = new CallState();
  protected readonly removing = new CallState();
  protected readonly money = formatMoney;
  /** The lengths the school's lesson types have, to price one length apart. */
  protected readonly lengths = computed(() => [...new Set(this.lessonTypes().map((t) => t.durationMinutes))].sort((a, b) => a - b));
  protected readonly priceError = computed(() => this.saving.errors()['price.minor'] ?? this.saving.errors()['price.currency'] ?? this.saving.errors()['price'] ?? null);

  constructor() {
    forkJoin({ rates: this.api.rates(), types: this.api.lessonTypes(), teachers: this.api.teachers() }).subscribe({
      next: ({ rates, types, teachers }) => {
        this.rates.set(rates);
        this.lessonTypes.set(types);
        this.teachers.set(teachers.filter((t) => t.roles.includes('teacher')));
        this.loaded.set(true);
      },
      error: (e: unknown) => this.problem.set(toProblem(e)),
    });
  }

  protected typeName(id: string): string {
    return this.lessonTypes().find((t) => t.id === id)?.name ?? 'A lesson type no longer offered';
  }
  protected teacherName(id: string): string {
    return this.teachers().find((t) => t.id === id)?.name ?? 'A former teacher';
  }

  protected set<K extends keyof RateForm>(field: K, value: RateForm[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
  }

  protected edit(rate: BillingRate): void {
    this.editing.set(rate);
    this.saving.clear();
    this.status.set('');
    this.form.set({ lessonTypeId: rate.lessonTypeId, teacherId: rate.teacherId, durationMinutes: rate.durationMinutes, price: rate.price.minor / 100 });
  }

  protected cancel(): void {
    this.editing.set(null);
    this.saving.clear();
    this.form.set(EMPTY);
  }

  protected save(): void {
    const f = this.form();
    // The price in minor units as typed: a fraction of a minor unit stays one, for the server to refuse naming the field.
    const minor = blank(f.price) ? (null as unknown as number) : Math.round(Number(f.price) * 10_000) / 100;
    const price = { minor, currency: this.currency() };
    const editing = this.editing();
    if (editing) {
      this.saving.run(this.api.changeRate(editing.id, { teacherId: f.teacherId, durationMinutes: f.durationMinutes, price }), (saved) => {
        this.rates.update((rates) => rates.map((r) => (r.id === saved.id ? saved : r)));
        this.status.set(`The rate of ${this.typeName(saved.lessonTypeId)} is now ${formatMoney(saved.price)}.`);
        this.editing.set(null);
        this.form.set(EMPTY);
      });
      return;
    }
    this.saving.run(this.api.addRate({ lessonTypeId: f.lessonTypeId, teacherId: f.teacherId, durationMinutes: f.durationMinutes, price }), (saved) => {
      this.rates.update((rates) => [...rates, saved]);
      this.status.set(`Added ${formatMoney(saved.price)} for ${this.typeName(saved.lessonTypeId)}.`);
      this.form.set(EMPTY);
    });
  }

  protected remove(rate: BillingRate): void {
    this.removing.run(this.api.removeRate(rate.id), () => {
      this.rates.update((rates) => rates.filter((r) => r.id !== rate.id));
      this.status.set(`Deleted the rate of ${this.typeName(rate.lessonTypeId)}.`);
      if (this.editing()?.id === rate.id) this.cancel();
    });
  }
}
