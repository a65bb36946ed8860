import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import type { BillingSettingsAnswer } from '@cadenza/shared/contracts';
import { BillingConsoleApi } from '@cadenza/web/billing/data-access-console';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

/** The form's values: percentages as people type them (12.5), sent as basis points (1250). */
interface SettingsForm {
  chargeBasis: BillingSettingsAnswer['chargeBasis'];
  taxPercent: number | null;
  siblingPercent: number | null;
  dueDays: number | null;
}

type PercentField = 'taxPercent' | 'siblingPercent';

/** A percentage typed as a number, in basis points; a blank field goes as null, for the server to name. */
const basisPoints = (percent: number | null): number => (percent === null || (percent as unknown) === '' ? null : Math.round(Number(percent) * 100)) as number;
const numberOrNull = (value: unknown): number => (value === null || value === undefined || value === '' ? null : Number(value)) as number;

/**
 * The school's billing settings, for admins: what a month's invoice charges (the coming month's scheduled lessons, or
 * the past month's delivered ones), the tax rate, the sibling discount and the payment terms. Saved with one PUT of
 * every setting; a refused value is named under its field and nothing changes.
 */
@Component({
  selector: 'cz-billing-settings-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
      :host {
        display: block;
        max-width: 760px;
      }
      form,
      fieldset {
        display: grid;
        gap: 16px;
      }
      mat-radio-group {
        display: grid;
        gap: 8px;
      }
      mat-form-field {
        width: min(100%, 320px);
      }
    `,
  ],
  template: `
    <h2>Settings</h2>
    <p class="intro">What invoices charge, and on what terms.</p>
    <cz-problem-alert [problem]="form.problem()" />
    @if (!form.loaded()) {
      @if (!form.problem()) {
        <p role="status">Loading the billing settings…</p>
      }
    } @else {
      <form (ngSubmit)="save()" novalidate>
        <fieldset>
          <legend>What a month’s invoice charges</legend>
          <mat-radio-group name="chargeBasis" aria-label="What a month’s invoice charges" [ngModel]="values().chargeBasis" (ngModelChange)="set('chargeBasis', $event)">
            <mat-radio-button value="in_advance">The coming month’s scheduled lessons, in advance</mat-radio-button>
            <mat-radio-button value="delivered">The past month’s delivered lessons</mat-radio-button>
          </mat-radio-group>
          @if (form.errors()['chargeBasis']; as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </fieldset>
        <fieldset>
          <legend>Tax and discounts</legend>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Tax rate (%)</mat-label>
            <input matInput type="number" inputmode="decimal" min="0" max="100" step="0.01" name="taxPercent" [ngModel]="values().taxPercent" (ngModelChange)="set('taxPercent', $event)" [attr.aria-invalid]="form.errors()['taxBasisPoints'] ? 'true' : null" [attr.aria-describedby]="form.errors()['taxBasisPoints'] ? 'taxBasisPoints-error' : null" />
            <mat-hint>Added to each invoice and shown on it. 0 for none.</mat-hint>
          </mat-form-field>
          @if (form.errors()['taxBasisPoints']; as message) {
            <p class="error" role="alert" id="taxBasisPoints-error" data-testid="taxBasisPoints-error">{{ message }}</p>
          }
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Sibling discount (%)</mat-label>
            <input matInput type="number" inputmode="decimal" min="0" max="100" step="0.01" name="siblingPercent" [ngModel]="values().siblingPercent" (ngModelChange)="set('siblingPercent', $event)" [attr.aria-invalid]="form.errors()['siblingDiscountBasisPoints'] ? 'true' : null" [attr.aria-describedby]="form.errors()['siblingDiscountBasisPoints'] ? 'siblingDiscountBasisPoints-error' : null" />
            <mat-hint>Off the lessons of a family’s second and later children.</mat-hint>
          </mat-form-field>
          @if (form.errors()['siblingDiscountBasisPoints']; as message) {
            <p class="error" role="alert" id="siblingDiscountBasisPoints-error">{{ message }}</p>
          }
        </fieldset>
        <fieldset>
          <legend>Terms</legend>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Due after (days)</mat-label>
            <input matInput type="number" inputmode="numeric" min="0" max="365" step="1" name="dueDays" [ngModel]="values().dueDays" (ngModelChange)="set('dueDays', $event)" [attr.aria-invalid]="form.errors()['dueDays'] ? 'true' : null" [attr.aria-describedby]="form.errors()['dueDays'] ? 'dueDays-error' : null" />
            <mat-hint>An invoice is due this many days after it is issued. 0 to 365.</mat-hint>
          </mat-form-field>
          @if (form.errors()['dueDays']; as message) {
            <p class="error" role="alert" id="dueDays-error" data-testid="dueDays-error">{{ message }}</p>
          }
        </fieldset>
        <div class="actions">
          <button type="submit" matButton="filled" [disabled]="form.saving()">Save billing settings</button>
          <p role="status" class="status">{{ form.status() }}</p>
        </div>
      </form>
    }
  `,
})
export class BillingSettingsPage {
  private readonly api = inject(BillingConsoleApi);
  protected readonly form = new FormState();
  protected readonly values = signal<SettingsForm>({ chargeBasis: 'in_advance', taxPercent: 0, siblingPercent: 0, dueDays: 14 });

  constructor() {
    this.form.load(this.api.settings(), (s) => this.show(s));
  }

  protected set<K extends keyof SettingsForm>(field: K, value: SettingsForm[K]): void {
    this.values.update((values) => ({ ...values, [field]: value }));
  }

  protected save(): void {
    const v = this.values();
    const percent = (field: PercentField) => basisPoints(v[field]);
    const body = { chargeBasis: v.chargeBasis, taxBasisPoints: percent('taxPercent'), siblingDiscountBasisPoints: percent('siblingPercent'), dueDays: numberOrNull(v.dueDays) };
    this.form.save(this.api.updateSettings(body), (s) => this.show(s), 'Billing settings saved.');
  }

  private show(s: BillingSettingsAnswer): void {
    this.values.set({ chargeBasis: s.chargeBasis, taxPercent: s.taxBasisPoints / 100, siblingPercent: s.siblingDiscountBasisPoints / 100, dueDays: s.dueDays });
  }
}
