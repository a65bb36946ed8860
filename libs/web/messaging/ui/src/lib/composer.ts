import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/** A file picked in the composer, ready to show. */
export interface ComposerFile {
  key: number;
  name: string;
  /** "13 KB". */
  size: string;
  /** "PDF", "Image", … */
  kindLabel: string;
  /** A few letters standing for the kind, as the file's icon. */
  badge: string;
  state: 'uploading' | 'ready' | 'failed';
  progress: number;
  error: string | null;
}

/**
 * Writes a message: Enter sends, Shift+Enter starts a new line. The server's refusal is shown
 * under the field (and the field is marked invalid); the text stays until a send succeeds,
 * when the parent calls `clear()`. With `canAttach`, **Attach files** opens the file picker
 * (several files at once); the parent uploads them and passes them back as `files`, each with
 * its progress, a remove button and, when refused, the reason beside its name.
 */
@Component({
  selector: 'cz-composer',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: flex-end;
    }
    .attachments {
      flex: 1 1 100%;
      min-width: 0;
    }
    .field {
      flex: 1 1 auto;
      min-width: 0;
    }
    label {
      display: block;
      margin-bottom: 4px;
      font: var(--mat-sys-label-large);
    }
    textarea {
      box-sizing: border-box;
      width: 100%;
      min-height: 44px;
      max-height: 200px;
      padding: 10px 12px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 12px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-large);
      resize: vertical;
    }
    textarea:focus {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 1px;
    }
    textarea[aria-invalid='true'] {
      border-color: var(--mat-sys-error);
    }
    .hint,
    .error {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    button.send {
      flex: none;
      margin-bottom: 26px;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      margin-top: 0;
    }
    input[type='file'] {
      display: none;
    }
    ul.files {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
    }
    li.file {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: 2px 8px;
      padding: 6px 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    li.file.failed {
      border-color: var(--mat-sys-error);
    }
    .badge {
      grid-row: span 2;
      min-width: 36px;
      padding: 6px 4px;
      border-radius: 6px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-small);
      font-weight: 700;
      text-align: center;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font: var(--mat-sys-body-medium);
    }
    .state {
      grid-column: 2;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .state.error {
      margin: 0;
      color: var(--mat-sys-error);
      white-space: normal;
    }
    .state progress {
      width: 100%;
      max-width: 200px;
      height: 6px;
      vertical-align: middle;
    }
    .remove {
      grid-row: 1 / span 2;
      grid-column: 3;
      min-width: 44px;
      min-height: 44px;
      border: 0;
      border-radius: 22px;
      background: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-title-medium);
      cursor: pointer;
    }
    .remove:hover,
    .remove:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
  `,
  template: `
    <form (submit)="$event.preventDefault(); submit()">
      <div class="field">
        <label [for]="fieldId()">{{ label() }}</label>
        <textarea
          #box
          [id]="fieldId()"
          rows="2"
          maxlength="20000"
          [disabled]="disabled()"
          [attr.aria-invalid]="error() ? 'true' : null"
          [attr.aria-describedby]="error() ? fieldId() + '-error' : fieldId() + '-hint'"
          (keydown.enter)="onEnter($event)"
        ></textarea>
        @if (error()) {
          <p class="error" [id]="fieldId() + '-error'" role="alert">{{ error() }}</p>
        } @else {
          <p class="hint" [id]="fieldId() + '-hint'">Enter sends; Shift+Enter adds a line.</p>
        }
      </div>
      <button class="send" matButton="filled" type="submit" [disabled]="disabled() || sending() || busy()">Send</button>
      @if (canAttach()) {
        <div class="attachments">
          <div class="tools">
            <input #picker type="file" multiple [attr.accept]="accept()" tabindex="-1" aria-hidden="true" (change)="picked(picker)" />
            <button matButton="outlined" type="button" [disabled]="disabled()" (click)="picker.click()">Attach files</button>
          </div>
          @if (files().length) {
            <ul class="files" aria-label="Files to send">
              @for (f of files(); track f.key) {
                <li class="file" [class.failed]="f.state === 'failed'" [attr.data-state]="f.state">
                  <span class="badge" aria-hidden="true">{{ f.badge }}</span>
                  <span class="name" [attr.title]="f.name">{{ f.name }}</span>
                  @switch (f.state) {
                    @case ('uploading') {
                      <span class="state"><progress max="100" [value]="f.progress" [attr.aria-label]="'Uploading ' + f.name"></progress> {{ f.progress }}%</span>
                    }
                    @case ('ready') {
                      <span class="state">{{ f.kindLabel }} · {{ f.size }} · ready</span>
                    }
                    @case ('failed') {
                      <p class="state error" role="alert">{{ f.name }} was not attached: {{ f.error }}</p>
                    }
                  }
                  <button type="button" class="remove" [attr.aria-label]="'Remove ' + f.name" (click)="removeFile.emit(f.key)">✕</button>
                </li>
              }
            </ul>
          }
        </div>
      }
    </form>
  `,
})
export class Composer {
  readonly label = input('Message');
  readonly fieldId = input('composer-body');
  readonly error = input<string | null>(null);
  readonly sending = input(false);
  readonly disabled = input(false);
  readonly canAttach = input(false);
  readonly files = input<readonly ComposerFile[]>([]);
  /** The file picker's `accept` (types the server takes). */
  readonly accept = input<string | null>(null);
  /** True while a file is still uploading: sending waits for it. */
  readonly busy = input(false);
  readonly send = output<string>();
  readonly attach = output<File[]>();
  readonly removeFile = output<number>();
  private readonly box = viewChild.required<ElementRef<HTMLTextAreaElement>>('box');

  protected onEnter(event: Event): void {
    const key = event as KeyboardEvent;
    if (key.shiftKey || key.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected picked(picker: HTMLInputElement): void {
    const files = Array.from(picker.files ?? []);
    picker.value = '';
    if (files.length) this.attach.emit(files);
  }

  protected submit(): void {
    if (this.sending() || this.disabled() || this.busy()) return;
    this.send.emit(this.box().nativeElement.value);
  }

  /** Empties the field after a successful send and keeps the focus there. */
  clear(): void {
    this.box().nativeElement.value = '';
    this.box().nativeElement.focus();
  }

  focus(): void {
    this.box().nativeElement.focus();
  }
}
