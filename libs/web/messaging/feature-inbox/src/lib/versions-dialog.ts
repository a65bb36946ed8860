import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { ThreadDetailMessage } from '@cadenza/shared/contracts';
import { fullTime } from '@cadenza/web/messaging/data-access';

export interface VersionsDialogData {
  message: ThreadDetailMessage;
  authorName: string;
  timeZone: string;
}

/** Every wording of an edited message, newest first: messages are never silently changed. */
@Component({
  selector: 'cz-versions-dialog',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .when {
      margin: 0 0 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .body {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <h2 mat-dialog-title>Versions of {{ data.authorName }}’s message</h2>
    <mat-dialog-content>
      <ol>
        @for (v of versions; track v.version) {
          <li>
            <p class="when">{{ v.label }} · {{ v.when }}</p>
            <p class="body">{{ v.body }}</p>
          </li>
        }
      </ol>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
})
export class VersionsDialog {
  protected readonly data = inject<VersionsDialogData>(MAT_DIALOG_DATA);
  protected readonly versions = [
    { version: this.data.message.version, body: this.data.message.body, at: this.data.message.editedAt ?? this.data.message.sentAt },
    ...[...this.data.message.previousVersions].reverse(),
  ].map((v, i, all) => ({
    version: v.version,
    body: v.body,
    when: fullTime(v.at, this.data.timeZone),
    label: i === 0 ? 'Current' : i === all.length - 1 ? 'Sent' : `Version ${v.version}`,
  }));
}
