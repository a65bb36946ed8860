import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** A file on a message, ready to show. */
export interface AttachmentRow {
  id: string;
  name: string;
  /** "13 KB". */
  size: string;
  /** "PDF", "Image", … */
  kindLabel: string;
  /** A few letters standing for the kind, as the file's icon. */
  badge: string;
  /** A blob URL of the image fetched with the access token, when it has a preview. */
  previewUrl: string | null;
}

/** One message of a conversation, ready to show. */
export interface MessageRow {
  id: string;
  seq: number;
  authorName: string;
  mine: boolean;
  body: string;
  time: string;
  fullTime: string;
  edited: boolean;
  /** "Seen by …", or empty. */
  seenBy: string;
  attachments: readonly AttachmentRow[];
}

/**
 * A conversation's messages in order: author, time, the words, "edited" (which opens the earlier
 * versions), "Seen by …", and the actions the viewer may take (edit their own, flag others').
 * Files show their name, kind and size (images a small preview); choosing one asks the parent
 * to download it (`download` emits its id). The list is a polite live region, so a message
 * arriving is read out.
 */
@Component({
  selector: 'cz-message-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ol {
      display: flex;
      flex-direction: column;
      gap: 12px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      max-width: min(560px, 88%);
    }
    li.mine {
      align-self: flex-end;
      align-items: flex-end;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
      margin-bottom: 2px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .author {
      color: var(--mat-sys-on-surface);
      font-weight: 600;
    }
    .bubble {
      margin: 0;
      padding: 10px 14px;
      border-radius: 16px 16px 16px 4px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-body-medium);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .mine .bubble {
      border-radius: 16px 16px 4px 16px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: baseline;
      margin-top: 2px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    button.link {
      padding: 4px 0;
      border: 0;
      background: none;
      color: var(--mat-sys-primary);
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    ul.files {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 6px 0 0;
      padding: 0;
      list-style: none;
      max-width: 100%;
    }
    li.file {
      display: flex;
      align-items: center;
      gap: 8px;
      max-width: 100%;
    }
    .mine li.file {
      flex-direction: row-reverse;
      text-align: right;
    }
    .badge {
      flex: none;
      min-width: 36px;
      padding: 6px 4px;
      border-radius: 6px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-small);
      font-weight: 700;
      text-align: center;
    }
    img.preview {
      flex: none;
      width: 72px;
      height: 72px;
      object-fit: cover;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .file-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .file-text button.link {
      overflow-wrap: anywhere;
      text-align: inherit;
    }
    .file-size {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  template: `
    <ol aria-live="polite" aria-relevant="additions" [attr.aria-label]="label()">
      @for (m of messages(); track m.id) {
        <li [class.mine]="m.mine" [attr.data-testid]="'message-' + m.seq">
          <div class="meta">
            <span class="author">{{ m.authorName }}</span>
            <time [attr.title]="m.fullTime">{{ m.time }}</time>
          </div>
          <p class="bubble">{{ m.body }}</p>
          @if (m.attachments.length) {
            <ul class="files" [attr.aria-label]="'Files from ' + m.authorName">
              @for (a of m.attachments; track a.id) {
                <li class="file" [attr.data-testid]="'attachment-' + a.id">
                  @if (a.previewUrl) {
                    <img class="preview" [src]="a.previewUrl" [alt]="'Preview of ' + a.name" />
                  } @else {
                    <span class="badge" aria-hidden="true">{{ a.badge }}</span>
                  }
                  <span class="file-text">
                    <button type="button" class="link" (click)="download.emit(a.id)" [attr.aria-label]="'Download ' + a.name + ' (' + a.kindLabel + ', ' + a.size + ')'">
                      {{ a.name }}
                    </button>
                    <span class="file-size">{{ a.kindLabel }} · {{ a.size }}</span>
                  </span>
                </li>
              }
            </ul>
          }
          <div class="actions">
            @if (m.edited) {
              <button type="button" class="link" (click)="showVersions.emit(m.id)" [attr.aria-label]="'Edited: show earlier versions of the message from ' + m.authorName">
                Edited
              </button>
            }
            @if (m.mine && canEdit()) {
              <button type="button" class="link" (click)="edit.emit(m.id)" [attr.aria-label]="'Edit your message sent ' + m.time">Edit</button>
            }
            @if (!m.mine && canFlag()) {
              <button type="button" class="link" (click)="flag.emit(m.id)" [attr.aria-label]="'Flag the message from ' + m.authorName + ' to the safeguarding lead'">Flag</button>
            }
            @if (m.seenBy) {
              <span>{{ m.seenBy }}</span>
            }
          </div>
        </li>
      } @empty {
        <li class="empty-item"><p class="empty">No messages yet. Say hello.</p></li>
      }
    </ol>
  `,
})
export class MessageList {
  readonly messages = input.required<readonly MessageRow[]>();
  readonly label = input('Messages');
  readonly canEdit = input(true);
  readonly canFlag = input(true);
  readonly edit = output<string>();
  readonly flag = output<string>();
  readonly showVersions = output<string>();
  /** An attachment's id: the parent fetches it with the token and saves it under its name. */
  readonly download = output<string>();
}
