import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import type { MessagingPolicy } from '@cadenza/shared/contracts';
import { MessagingApi } from '@cadenza/web/messaging/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert, SETTINGS_FORM_STYLES } from '@cadenza/web/shared/ui';

const MIB = 1024 * 1024;

/** Bytes as the form shows them: MB with up to four decimals (64 KB is 0.0625 MB). */
export function bytesToMb(bytes: number): number {
  return Math.round((bytes / MIB) * 10_000) / 10_000;
}

/** The form's MB back to whole bytes, as the API takes them; NaN stays NaN for the server to name. */
export function mbToBytes(mb: number): number {
  return Math.round(mb * MIB);
}

/**
 * The school's messaging policy, for admins: how conversations with a student under 18 are
 * protected, how long conversations are kept after their students leave, and the largest file.
 * Saved with one PATCH; the server's refusal is shown under the field it names.
 */
@Component({
  selector: 'cz-messaging-settings-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, ProblemAlert, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    SETTINGS_FORM_STYLES,
    `
    :host {
      max-width: 760px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 24px;
    }
    .choices {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .choice p {
      margin: 0 0 0 40px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .explain {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
    mat-form-field {
      width: 100%;
      max-width: 320px;
    }
    `,
  ],
  template: `
    <h1>Messaging settings</h1>
    <p class="intro">These rules apply to every conversation in the school's inbox.</p>
    <cz-problem-alert [problem]="form.problem()" />
    @if (form.loaded()) {
      <form (ngSubmit)="save()" novalidate>
        <fieldset>
          <legend>Conversations with a student under 18</legend>
          <mat-radio-group class="choices" name="minorThreads" [ngModel]="minorThreads()" (ngModelChange)="minorThreads.set($event)" aria-describedby="minor-threads-error">
            <div class="choice">
              <mat-radio-button value="require_guardian" aria-describedby="require-guardian-help">Always include a parent or guardian</mat-radio-button>
              <p id="require-guardian-help">
                A student under 18 can only be in a conversation with an adult who is not their parent or guardian if one of their parents or guardians is in it
                too. Cadenza refuses any other conversation.
              </p>
            </div>
            <div class="choice">
              <mat-radio-button value="visible_to_lead" aria-describedby="visible-to-lead-help">Let the safeguarding lead oversee instead</mat-radio-button>
              <p id="visible-to-lead-help">
                Such conversations are allowed without a parent or guardian, and the school's safeguarding lead can read every one of them at any time.
              </p>
            </div>
          </mat-radio-group>
          @if (form.errors()['minorThreads']; as message) {
            <p class="error" id="minor-threads-error" role="alert">{{ message }}</p>
          }
        </fieldset>

        <fieldset>
          <legend>Keeping conversations</legend>
          <p class="explain">
            When every student in a conversation has left the school (see <a routerLink="/people/students">People → Students</a>), the conversation and its files
            are deleted this many days after the last of them left. Conversations without students are kept.
          </p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Keep for (days)</mat-label>
            <input
              matInput
              name="retentionDays"
              type="number"
              inputmode="numeric"
              min="30"
              max="3650"
              step="1"
              [ngModel]="retentionDays()"
              (ngModelChange)="retentionDays.set($event)"
              [attr.aria-invalid]="form.errors()['retentionDays'] ? 'true' : null"
            />
            <mat-hint>From 30 to 3650 days (730 days is about 2 years).</mat-hint>
          </mat-form-field>
          @if (form.errors()['retentionDays']; as message) {
            <p class="error" role="alert" data-testid="retentionDays-error">{{ message }}</p>
          }
        </fieldset>

        <fieldset>
          <legend>Files on messages</legend>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Largest file (MB)</mat-label>
            <input
              matInput
              name="maxAttachmentMb"
              type="number"
              inputmode="decimal"
              min="0.0625"
              max="25"
              step="any"
              [ngModel]="maxAttachmentMb()"
              (ngModelChange)="maxAttachmentMb.set($event)"
              [attr.aria-invalid]="form.errors()['maxAttachmentBytes'] ? 'true' : null"
            />
            <mat-hint>From 0.0625 MB (64 KB) to 25 MB. Larger files are refused when they are attached.</mat-hint>
          </mat-form-field>
          @if (form.errors()['maxAttachmentBytes']; as message) {
            <p class="error" role="alert" data-testid="maxAttachmentBytes-error">{{ message }}</p>
          }
        </fieldset>

        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="form.saving()">Save messaging settings</button>
          <p class="status" role="status">{{ form.status() }}</p>
        </div>
      </form>
    } @else if (!form.problem()) {
      <p role="status">Loading the messaging settings…</p>
    }
  `,
})
export class MessagingSettingsPage {
  private readonly api = inject(MessagingApi);
  protected readonly form = new FormState();
  protected readonly minorThreads = signal<MessagingPolicy['minorThreads']>('require_guardian');
  protected readonly retentionDays = signal<number>(730);
  protected readonly maxAttachmentMb = signal<number>(10);

  constructor() {
    this.form.load(this.api.policy(), (policy) => this.show(policy));
  }

  protected save(): void {
    const policy = { minorThreads: this.minorThreads(), retentionDays: Number(this.retentionDays()), maxAttachmentBytes: mbToBytes(Number(this.maxAttachmentMb())) };
    this.form.save(this.api.updatePolicy(policy), (saved) => this.show(saved), 'Messaging settings saved.');
  }

  private show(policy: MessagingPolicy): void {
    this.minorThreads.set(policy.minorThreads);
    this.retentionDays.set(policy.retentionDays);
    this.maxAttachmentMb.set(bytesToMb(policy.maxAttachmentBytes));
  }
}
