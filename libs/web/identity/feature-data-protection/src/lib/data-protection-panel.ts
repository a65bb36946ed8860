import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ErasureOutcome } from '@cadenza/shared/contracts';
import { DataProtectionApi } from '@cadenza/web/identity/data-access';
import { AuthStore, CallState, saveFile } from '@cadenza/web/shared/data-access-api';
import { ACTION_PANEL_STYLES, ProblemAlert } from '@cadenza/web/shared/ui';

/** The person the actions are about, as a person's page has them. */
export interface DataProtectionSubject {
  id: string;
  name: string;
  archived: boolean;
}

/** Whether the name typed confirms the person's: as the server checks it, ignoring case and outer spaces. */
export function confirmsName(typed: string, name: string): boolean {
  return typed.trim().length > 0 && typed.trim().toLowerCase() === name.trim().toLowerCase();
}

/** Saves bytes fetched through the API under a file name. */
export { saveFile };

/**
 * Data protection on a person's page (admins): download everything the school holds about them (a ZIP of JSON with
 * a PDF summary), and erase an archived person by anonymisation, confirmed by typing their name. Never oneself.
 * Placed by the People screens; emits `erased` with the pseudonym the person is shown as from then on.
 */
@Component({
  selector: 'cz-data-protection-panel',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [
    ACTION_PANEL_STYLES,
    `
      :host {
        --cz-panel-frame: var(--mat-sys-error);
      }
      .actions {
        margin-bottom: 8px;
      }
      .warning {
        color: var(--mat-sys-error);
      }
    `,
  ],
  template: `
    <cz-problem-alert [problem]="call.problem()" />
    <p>Export everything the school holds about {{ person().name }}: a ZIP of JSON files with a readable PDF summary. The export is recorded in the audit trail.</p>
    <div class="actions">
      <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="exportData()">Export personal data</button>
    </div>
    @if (exported()) {
      <p role="status">Export downloaded.</p>
    }
    @if (outcome(); as o) {
      <p role="status">Erased: shown as {{ o.pseudonym }} from now on.</p>
    } @else if (isMe()) {
      <p>You cannot erase yourself.</p>
    } @else if (!person().archived) {
      <p>Only an archived person can be erased: archive them first.</p>
    } @else if (confirming()) {
      <form novalidate (submit)="$event.preventDefault(); erase()" aria-label="Erase personal data">
        <p class="warning"><strong>This cannot be undone.</strong> Their name, contacts and what they wrote are replaced everywhere; lessons, conversations and the audit trail keep their shape and show them as “Former …”. Conversations under safeguarding retention are kept until it ends.</p>
        <mat-form-field appearance="outline">
          <mat-label>Type {{ person().name }} to confirm</mat-label>
          <input matInput name="confirmName" autocomplete="off" [value]="typed()" (input)="typed.set($any($event.target).value)" [attr.aria-invalid]="call.errors()['confirmName'] ? 'true' : null" />
          @if (call.errors()['confirmName']; as e) {
            <mat-error>{{ e }}</mat-error>
          }
        </mat-form-field>
        @if (call.errors()['confirmName']; as e) {
          <p role="alert">{{ e }}</p>
        }
        <div class="actions">
          <button matButton="filled" type="submit" [disabled]="call.busy() || !confirmed()">Erase permanently</button>
          <button matButton="outlined" type="button" [disabled]="call.busy()" (click)="confirming.set(false); typed.set('')">Cancel</button>
        </div>
      </form>
    } @else {
      <p>Erase {{ person().name }}: names, contacts and free text are replaced by a pseudonym. This cannot be undone.</p>
      <div class="actions">
        <button matButton="outlined" type="button" (click)="confirming.set(true)">Erase…</button>
      </div>
    }
  `,
})
export class DataProtectionPanel {
  readonly person = input.required<DataProtectionSubject>();
  readonly erased = output<ErasureOutcome>();
  private readonly api = inject(DataProtectionApi);
  private readonly me = inject(AuthStore).user;
  protected readonly confirming = signal(false);
  protected readonly typed = signal('');
  protected readonly call = new CallState();
  protected readonly exported = signal(false);
  protected readonly outcome = signal<ErasureOutcome | null>(null);
  protected readonly isMe = computed(() => this.me()?.id === this.person().id);
  protected readonly confirmed = computed(() => confirmsName(this.typed(), this.person().name));

  protected exportData(): void {
    this.exported.set(false);
    this.call.run(this.api.exportPersonalData(this.person().id), (file) => {
      saveFile(file.blob, file.fileName);
      this.exported.set(true);
    });
  }

  protected erase(): void {
    if (!this.confirmed()) return;
    this.call.run(this.api.erase(this.person().id, { confirmName: this.typed() }), (outcome) => {
      this.confirming.set(false);
      this.typed.set('');
      this.outcome.set(outcome);
      this.erased.emit(outcome);
    });
  }
}
