import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { AttendanceSettings, UpdateAttendanceSettingsRequest } from '@cadenza/shared/contracts';
import { AttendanceApi } from '@cadenza/web/attendance/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

type NumberField = 'onTimeGraceMinutes' | 'earlyMarkingMinutes' | 'markingWindowDays';

/** The form's numbers as typed: an emptied field is sent as null, for the server to name. */
const asNumber = (value: unknown): number => (value === null || value === undefined || value === '' ? null : Number(value)) as number;

/**
 * The school's attendance settings, for admins: the on-time grace, the marking window (how early a register opens,
 * how many days after a lesson it stays open to teachers), the time of the daily missing-register reminder, and
 * whether absence-streak alerts also go to guardians. Saved with one PATCH; the server's refusal is shown under the
 * field it names, and nothing changes.
 */
@Component({
  selector: 'cz-attendance-settings-page',
  imports: [NgTemplateOutlet, FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
      :host {
        max-width: 760px;
      }
      form,
      fieldset {
        display: grid;
        gap: 24px;
      }
      mat-form-field {
        width: min(100%, 320px);
      }
    `,
  ],
  template: `
    <h1>Attendance settings</h1>
    <p class="intro">How registers are kept and who is told when they are not.</p>
    <cz-problem-alert [problem]="form.problem()" />
    @if (!form.loaded()) {
      @if (!form.problem()) {
        <p role="status">Loading the attendance settings…</p>
      }
    } @else {
      <form (ngSubmit)="save()" novalidate>
        <fieldset>
          <legend>On-time starts</legend>
          <ng-container *ngTemplateOutlet="number; context: { field: 'onTimeGraceMinutes', label: 'Grace (minutes)', hint: 'A lesson started within this many minutes of its time counts as on time. 0 to 60.' }" />
        </fieldset>
        <fieldset>
          <legend>Marking window</legend>
          <ng-container *ngTemplateOutlet="number; context: { field: 'earlyMarkingMinutes', label: 'Opens early (minutes)', hint: 'A register opens this many minutes before its lesson starts. 0 to 60.' }" />
          <ng-container *ngTemplateOutlet="number; context: { field: 'markingWindowDays', label: 'Stays open (days after)', hint: 'Teachers mark up to this many days after the lesson; later, only admins correct, with a reason. 0 to 60.' }" />
        </fieldset>
        <fieldset>
          <legend>Alerts</legend>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Missing-register reminder at</mat-label>
            <input
              matInput
              type="time"
              name="missingRegisterReminderTime"
              [ngModel]="values().missingRegisterReminderTime"
              (ngModelChange)="set('missingRegisterReminderTime', $event)"
              [attr.aria-invalid]="form.errors()['missingRegisterReminderTime'] ? 'true' : null"
              [attr.aria-describedby]="form.errors()['missingRegisterReminderTime'] ? 'missingRegisterReminderTime-error' : null"
            />
            <mat-hint>Each day at this time (the school's time zone), teachers are reminded of registers left incomplete.</mat-hint>
          </mat-form-field>
          @if (form.errors()['missingRegisterReminderTime']; as message) {
            <p class="error" role="alert" id="missingRegisterReminderTime-error">{{ message }}</p>
          }
          <mat-checkbox name="streakAlertsToGuardians" [ngModel]="values().streakAlertsToGuardians" (ngModelChange)="set('streakAlertsToGuardians', $event)">
            Tell guardians too when a student misses two lessons in a row without notice
          </mat-checkbox>
          @if (form.errors()['streakAlertsToGuardians']; as message) {
            <p class="error" role="alert">{{ message }}</p>
          }
        </fieldset>
        <div class="actions">
          <button type="submit" matButton="filled" [disabled]="form.saving()">Save attendance settings</button>
          <p role="status" class="status">{{ form.status() }}</p>
        </div>
      </form>
    }

    <ng-template #number let-field="field" let-label="label" let-hint="hint">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ label }}</mat-label>
        <input
          matInput
          type="number"
          inputmode="numeric"
          min="0"
          max="60"
          step="1"
          [name]="field"
          [ngModel]="numberOf(field)"
          (ngModelChange)="setNumber(field, $event)"
          [attr.aria-invalid]="form.errors()[field] ? 'true' : null"
          [attr.aria-describedby]="form.errors()[field] ? field + '-error' : null"
        />
        <mat-hint>{{ hint }}</mat-hint>
      </mat-form-field>
      @if (form.errors()[field]; as message) {
        <p class="error" role="alert" [id]="field + '-error'" [attr.data-testid]="field + '-error'">{{ message }}</p>
      }
    </ng-template>
  `,
})
export class AttendanceSettingsPage {
  private readonly api = inject(AttendanceApi);
  protected readonly form = new FormState();
  protected readonly values = signal<AttendanceSettings>({ earlyMarkingMinutes: 10, markingWindowDays: 7, onTimeGraceMinutes: 5, missingRegisterReminderTime: '18:00', streakAlertsToGuardians: false });

  constructor() {
    this.form.load(this.api.settings(), (settings) => this.values.set(settings));
  }

  protected set<K extends keyof AttendanceSettings>(field: K, value: AttendanceSettings[K]): void {
    this.values.update((values) => ({ ...values, [field]: value }));
  }

  /** The number fields, named as the template's outlet passes them. */
  protected numberOf(field: string): number {
    return this.values()[field as NumberField];
  }

  protected setNumber(field: string, value: number): void {
    this.set(field as NumberField, value);
  }

  protected save(): void {
    const v = this.values();
    const numbers = (['onTimeGraceMinutes', 'earlyMarkingMinutes', 'markingWindowDays'] as NumberField[]).map((field) => [field, asNumber(v[field])] as const);
    const changes: UpdateAttendanceSettingsRequest = { ...Object.fromEntries(numbers), missingRegisterReminderTime: v.missingRegisterReminderTime, streakAlertsToGuardians: v.streakAlertsToGuardians };
    this.form.save(this.api.updateSettings(changes), (saved) => this.values.set(saved), 'Attendance settings saved.');
  }
}
