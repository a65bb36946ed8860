import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { REMINDER_OFFSETS_LIMIT } from '@cadenza/shared/contracts';
import { describeOffsets, NotificationsApi } from '@cadenza/web/messaging/data-access-notifications';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

/**
 * The school's reminder defaults: the offsets every member gets unless they chose their own,
 * saved with one PATCH, the server's refusal under the field it names.
 */
@Component({
  selector: 'cz-reminder-defaults',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
    fieldset {
      margin: 0 0 16px;
    }
    .offsets {
      display: flex;
      flex-direction: column;
      gap: 8px;
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }
    .offsets li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .offsets mat-form-field {
      width: 180px;
    }
    .words {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
    `,
  ],
  template: `
    <section aria-labelledby="defaults-heading">
      <h2 id="defaults-heading">Reminder defaults</h2>
      <cz-problem-alert [problem]="form.problem()" />
      @if (form.loaded()) {
        <form (ngSubmit)="saveSettings()" novalidate>
          <fieldset>
            <legend>Lesson reminders, in minutes before the lesson</legend>
            <p class="explain">Everyone gets these unless they chose their own reminders in their notification preferences. Up to {{ limit }}.</p>
            <ul class="offsets">
              @for (minutes of offsets(); track $index; let i = $index) {
                <li data-testid="default-offset">
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Reminder {{ i + 1 }} (minutes)</mat-label>
                    <input
                      matInput
                      type="number"
                      inputmode="numeric"
                      min="5"
                      max="10080"
                      step="1"
                      [name]="'offset-' + i"
                      [ngModel]="minutes"
                      (ngModelChange)="setOffset(i, $event)"
                      [attr.aria-invalid]="form.errors()['reminderOffsets.' + i] ? 'true' : null"
                    />
                  </mat-form-field>
                  <button matButton type="button" (click)="removeOffset(i)" [attr.aria-label]="'Remove reminder ' + (i + 1)">Remove</button>
                  @if (form.errors()['reminderOffsets.' + i]; as message) {
                    <p class="error" role="alert" [attr.data-testid]="'offset-' + i + '-error'">{{ message }}</p>
                  }
                </li>
              }
            </ul>
            <p class="words" data-testid="offsets-in-words">{{ inWords() }}</p>
            <button matButton="outlined" type="button" [disabled]="offsets().length >= limit" (click)="addOffset()">Add a reminder</button>
            @if (form.errors()['reminderOffsets']; as message) {
              <p class="error" role="alert" data-testid="reminderOffsets-error">{{ message }}</p>
            }
          </fieldset>
          <div class="actions">
            <button matButton="filled" type="submit" [disabled]="form.saving()">Save reminder defaults</button>
            <p class="status" role="status">{{ form.status() }}</p>
          </div>
        </form>
      } @else if (!form.problem()) {
        <p role="status">Loading the reminder defaults…</p>
      }
    </section>
  `,
})
export class ReminderDefaults {
  private readonly api = inject(NotificationsApi);
  protected readonly limit = REMINDER_OFFSETS_LIMIT;
  protected readonly form = new FormState();
  protected readonly offsets = signal<number[]>([]);
  protected readonly inWords = computed(() => {
    const valid = this.offsets().map(Number).filter((m) => Number.isInteger(m) && m > 0);
    return valid.length ? describeOffsets(valid) : 'No reminders';
  });

  constructor() {
    this.form.load(this.api.settings(), (settings) => this.offsets.set(settings.reminderOffsets));
  }

  protected setOffset(index: number, minutes: number): void {
    this.offsets.update((list) => list.map((m, i) => (i === index ? minutes : m)));
  }

  protected addOffset(): void {
    this.offsets.update((list) => [...list, 60]);
  }

  protected removeOffset(index: number): void {
    this.offsets.update((list) => list.filter((_, i) => i !== index));
  }

  protected saveSettings(): void {
    this.form.save(this.api.updateSettings({ reminderOffsets: this.offsets().map(Number) }), (settings) => this.offsets.set(settings.reminderOffsets), 'Reminder defaults saved.');
  }
}
