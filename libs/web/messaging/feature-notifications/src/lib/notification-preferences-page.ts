import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  NOTIFICATION_TYPES,
  REMINDER_OFFSETS_LIMIT,
  type NotificationPreferences,
  type NotificationType,
  type ProblemDetails,
  type Role,
  type UpdateNotificationPreferencesRequest,
} from '@cadenza/shared/contracts';
import { NotificationsApi } from '@cadenza/web/messaging/data-access-notifications';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { describeOffsets, NOTIFICATION_TYPE_LABELS } from './notification-labels';

type Unit = 'minutes' | 'hours' | 'days';
interface OffsetRow {
  amount: number;
  unit: Unit;
}
const UNIT_MINUTES: Record<Unit, number> = { minutes: 1, hours: 60, days: 1440 };

function rowOf(minutes: number): OffsetRow {
  if (minutes % 1440 === 0) return { amount: minutes / 1440, unit: 'days' };
  if (minutes % 60 === 0) return { amount: minutes / 60, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

/**
 * The signed-in person's notification preferences: email per type (in-app is always on),
 * quiet hours in their time zone, the time zone, and when lesson reminders come (the
 * school's default, shown, or their own, up to five).
 */
@Component({
  selector: 'cz-notification-preferences-page',
  imports: [FormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatRadioModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './notification-preferences-page.scss',
  template: `
    <h1>Notification preferences</h1>
    <p class="intro">Everything appears under the bell. Choose what also comes by email, and when.</p>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status" data-testid="preferences-status">{{ status() }}</p>

    @if (loaded()) {
      <form class="form" (ngSubmit)="save()">
        <fieldset class="card">
          <legend>Email me about</legend>
          @for (t of types(); track t.type) {
            <mat-checkbox [name]="'email-' + t.type" [ngModel]="email()[t.type]" (ngModelChange)="setEmail(t.type, $event)">{{ t.label }}</mat-checkbox>
          }
        </fieldset>

        <fieldset class="card">
          <legend>Quiet hours</legend>
          <mat-checkbox name="quiet" [ngModel]="quiet()" (ngModelChange)="quiet.set($event)">No email during quiet hours (it waits until they end)</mat-checkbox>
          @if (quiet()) {
            <div class="row">
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>From</mat-label>
                <input matInput name="quietStart" type="time" required [ngModel]="quietStart()" (ngModelChange)="quietStart.set($event)" />
              </mat-form-field>
              <mat-form-field appearance="outline" subscriptSizing="dynamic">
                <mat-label>Until</mat-label>
                <input matInput name="quietEnd" type="time" required [ngModel]="quietEnd()" (ngModelChange)="quietEnd.set($event)" />
              </mat-form-field>
            </div>
          }
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
            <mat-label>Time zone</mat-label>
            <select matNativeControl name="timeZone" [ngModel]="timeZone()" (ngModelChange)="timeZone.set($event)">
              @if (!timeZones.includes(timeZone())) {
                <option [value]="timeZone()">{{ timeZone() }}</option>
              }
              @for (zone of timeZones; track zone) {
                <option [value]="zone">{{ zone }}</option>
              }
            </select>
          </mat-form-field>
        </fieldset>

        <fieldset class="card">
          <legend>Lesson reminders</legend>
          <mat-radio-group name="reminders" aria-label="Lesson reminders" [ngModel]="ownReminders()" (ngModelChange)="useOwnReminders($event)">
            <mat-radio-button [value]="false" data-testid="school-default">The school's default: {{ schoolDefault() }}</mat-radio-button>
            <mat-radio-button [value]="true">My own</mat-radio-button>
          </mat-radio-group>
          @if (ownReminders()) {
            <ul class="offsets">
              @for (row of offsets(); track $index; let i = $index) {
                <li class="row" data-testid="reminder-offset">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Reminder {{ i + 1 }}</mat-label>
                    <input matInput type="number" min="1" [name]="'amount-' + i" [ngModel]="row.amount" (ngModelChange)="setOffset(i, { amount: $event })" />
                  </mat-form-field>
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Unit</mat-label>
                    <select matNativeControl [name]="'unit-' + i" [ngModel]="row.unit" (ngModelChange)="setOffset(i, { unit: $event })">
                      <option value="minutes">minutes before</option>
                      <option value="hours">hours before</option>
                      <option value="days">days before</option>
                    </select>
                  </mat-form-field>
                  <button matButton type="button" (click)="removeOffset(i)" [attr.aria-label]="'Remove reminder ' + (i + 1)">Remove</button>
                </li>
              }
            </ul>
            <button matButton="outlined" type="button" [disabled]="offsets().length >= limit" (click)="addOffset()">Add a reminder</button>
            @if (offsets().length === 0) {
              <p class="hint">No reminders at all.</p>
            }
          }
        </fieldset>

        <button matButton="filled" type="submit" [disabled]="saving()">Save preferences</button>
      </form>
    }
  `,
})
export class NotificationPreferencesPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly auth = inject(AuthStore);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly saving = signal(false);
  protected readonly loaded = signal(false);
  protected readonly limit = REMINDER_OFFSETS_LIMIT;
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');

  /**
   * Only the types a person can get: flags go to the safeguarding lead (an admin), missing-register reminders to
   * teachers and accompanists (and admins who teach), absence streaks to admins and guardians.
   */
  protected readonly types = computed(() => {
    const roles = this.auth.user()?.roles ?? [];
    const only: Partial<Record<NotificationType, Role[]>> = { 'message.flagged': ['admin'], 'attendance.register-missing': ['teacher', 'accompanist', 'admin'], 'attendance.absence-streak': ['admin', 'parent'] };
    return NOTIFICATION_TYPES.filter((type) => !only[type] || only[type].some((role) => roles.includes(role))).map((type) => ({ type, label: NOTIFICATION_TYPE_LABELS[type] }));
  });
  protected readonly email = signal<Record<NotificationType, boolean>>(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, false])) as Record<NotificationType, boolean>);
  protected readonly quiet = signal(false);
  protected readonly quietStart = signal('21:00');
  protected readonly quietEnd = signal('07:00');
  protected readonly timeZone = signal('');
  protected readonly ownReminders = signal(false);
  protected readonly offsets = signal<OffsetRow[]>([]);
  protected readonly schoolOffsets = signal<number[]>([]);
  protected readonly schoolDefault = computed(() => describeOffsets(this.schoolOffsets()));

  ngOnInit(): void {
    this.api.preferences().subscribe({ next: (p) => this.show(p), error: (e: unknown) => this.problem.set(toProblem(e)) });
  }

  protected setEmail(type: NotificationType, on: boolean): void {
    this.email.update((email) => ({ ...email, [type]: on }));
  }

  protected setOffset(index: number, patch: Partial<OffsetRow>): void {
    this.offsets.update((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }

  protected addOffset(): void {
    this.offsets.update((rows) => [...rows, { amount: 1, unit: 'hours' }]);
  }

  protected removeOffset(index: number): void {
    this.offsets.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected useOwnReminders(own: boolean): void {
    this.ownReminders.set(own);
    if (own && this.offsets().length === 0) this.offsets.set(this.schoolOffsets().map(rowOf));
  }

  protected save(): void {
    const body: UpdateNotificationPreferencesRequest = {
      channels: Object.fromEntries(this.types().map(({ type }) => [type, { email: this.email()[type] }])),
      quietHours: this.quiet() ? { start: this.quietStart(), end: this.quietEnd() } : null,
      timeZone: this.timeZone(),
      reminderOffsets: this.ownReminders() ? this.offsets().map((row) => Math.round(Number(row.amount) * UNIT_MINUTES[row.unit])) : null,
    };
    this.saving.set(true);
    this.problem.set(null);
    this.status.set('');
    this.api.updatePreferences(body).subscribe({
      next: (p) => {
        this.saving.set(false);
        this.show(p);
        this.status.set('Preferences saved.');
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.problem.set(toProblem(e));
      },
    });
  }

  private show(p: NotificationPreferences): void {
    this.email.set(Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, p.channels[t]?.email ?? false])) as Record<NotificationType, boolean>);
    this.quiet.set(p.quietHours !== null);
    if (p.quietHours) {
      this.quietStart.set(p.quietHours.start);
      this.quietEnd.set(p.quietHours.end);
    }
    this.timeZone.set(p.timeZone);
    this.schoolOffsets.set(p.schoolReminderOffsets);
    this.ownReminders.set(p.reminderOffsets !== null);
    this.offsets.set((p.reminderOffsets ?? []).map(rowOf));
    this.loaded.set(true);
  }
}
