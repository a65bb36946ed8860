import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { REMINDER_OFFSETS_LIMIT, type ProblemDetails } from '@cadenza/shared/contracts';
import { describeOffsets, NotificationsApi } from '@cadenza/web/messaging/data-access-notifications';
import { fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';

/**
 * The school's reminder defaults: the offsets every member gets unless they chose their own,
 * saved with one PATCH, the server's refusal under the field it names.
 */
@Component({
  selector: 'cz-reminder-defaults',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-large);
    }
    .explain {
      margin: 0 0 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    section {
      margin-bottom: 32px;
    }
    fieldset {
      margin: 0 0 16px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      min-width: 0;
    }
    legend {
      padding: 0 4px;
      font: var(--mat-sys-title-medium);
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
    .error {
      margin: 8px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    .status {
      margin: 0;
      min-height: 1.5em;
    }
    cz-problem-alert {
      display: block;
      margin-bottom: 16px;
    }
  `,
  template: `
    <section aria-labelledby="defaults-heading">
      <h2 id="defaults-heading">Reminder defaults</h2>
      <cz-problem-alert [problem]="settingsProblem()" />
      @if (settingsLoaded()) {
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
                      [attr.aria-invalid]="errors()['reminderOffsets.' + i] ? 'true' : null"
                    />
                  </mat-form-field>
                  <button matButton type="button" (click)="removeOffset(i)" [attr.aria-label]="'Remove reminder ' + (i + 1)">Remove</button>
                  @if (errors()['reminderOffsets.' + i]; as message) {
                    <p class="error" role="alert" [attr.data-testid]="'offset-' + i + '-error'">{{ message }}</p>
                  }
                </li>
              }
            </ul>
            <p class="words" data-testid="offsets-in-words">{{ inWords() }}</p>
            <button matButton="outlined" type="button" [disabled]="offsets().length >= limit" (click)="addOffset()">Add a reminder</button>
            @if (errors()['reminderOffsets']; as message) {
              <p class="error" role="alert" data-testid="reminderOffsets-error">{{ message }}</p>
            }
          </fieldset>
          <div class="actions">
            <button matButton="filled" type="submit" [disabled]="saving()">Save reminder defaults</button>
            <p class="status" role="status">{{ status() }}</p>
          </div>
        </form>
      } @else if (!settingsProblem()) {
        <p role="status">Loading the reminder defaults…</p>
      }
    </section>
  `,
})
export class ReminderDefaults {
  private readonly api = inject(NotificationsApi);
  protected readonly limit = REMINDER_OFFSETS_LIMIT;
  protected readonly settingsLoaded = signal(false);
  protected readonly settingsProblem = signal<ProblemDetails | null>(null);
  protected readonly errors = computed(() => fieldErrors(this.settingsProblem()));
  protected readonly offsets = signal<number[]>([]);
  protected readonly inWords = computed(() => {
    const valid = this.offsets().map(Number).filter((m) => Number.isInteger(m) && m > 0);
    return valid.length ? describeOffsets(valid) : 'No reminders';
  });
  protected readonly saving = signal(false);
  protected readonly status = signal('');

  constructor() {
    this.api.settings().subscribe({
      next: (settings) => {
        this.offsets.set(settings.reminderOffsets);
        this.settingsLoaded.set(true);
      },
      error: (e: unknown) => this.settingsProblem.set(toProblem(e)),
    });
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
    this.saving.set(true);
    this.status.set('');
    this.settingsProblem.set(null);
    this.api.updateSettings({ reminderOffsets: this.offsets().map(Number) }).subscribe({
      next: (settings) => {
        this.saving.set(false);
        this.offsets.set(settings.reminderOffsets);
        this.status.set('Reminder defaults saved.');
      },
      error: (e: unknown) => {
        this.saving.set(false);
        this.settingsProblem.set(toProblem(e));
      },
    });
  }
}
