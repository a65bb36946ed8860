import { HttpEventType } from '@angular/common/http';
import { computed, signal } from '@angular/core';
import type { MessageAttachment } from '@cadenza/shared/contracts';
import { saveFile, toProblem } from '@cadenza/web/shared/data-access-api';
import type { Subscription } from 'rxjs';
import type { MessagingApi } from './messaging-api';

/** What kind of file an attachment is, for its icon and the words beside it. */
export type AttachmentKind = 'image' | 'pdf' | 'audio' | 'text' | 'sheet' | 'slides' | 'document' | 'file';

/** The types the server accepts (docs/messaging.md), for the file picker's `accept`. */
export const ACCEPTED_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/ogg',
  'audio/flac',
  'audio/mp4',
  'audio/x-m4a',
  'text/plain',
  'text/csv',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.doc',
  '.xls',
].join(',');

/** Images small enough to preview inline (fetched with the token, shown from a blob URL). */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const PREVIEW_MAX_BYTES = 5 * 1024 * 1024;

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  image: 'Image',
  pdf: 'PDF',
  audio: 'Audio',
  text: 'Text',
  sheet: 'Spreadsheet',
  slides: 'Slides',
  document: 'Document',
  file: 'File',
};

/** The letters drawn as each kind's icon. */
export const ATTACHMENT_KIND_BADGES: Record<AttachmentKind, string> = {
  image: 'IMG',
  pdf: 'PDF',
  audio: 'AUD',
  text: 'TXT',
  sheet: 'XLS',
  slides: 'PPT',
  document: 'DOC',
  file: 'FILE',
};

export function attachmentKind(contentType: string): AttachmentKind {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'text/plain' || type === 'text/csv') return 'text';
  if (type.includes('spreadsheet') || type === 'application/vnd.ms-excel') return 'sheet';
  if (type.includes('presentation')) return 'slides';
  if (type.includes('wordprocessing') || type.includes('opendocument.text') || type === 'application/msword') return 'document';
  return 'file';
}

/** Whether the inbox shows a small preview of this attachment. */
export function previewable(attachment: Pick<MessageAttachment, 'contentType' | 'size'>): boolean {
  return PREVIEWABLE.has(attachment.contentType.split(';')[0].trim().toLowerCase()) && attachment.size <= PREVIEW_MAX_BYTES;
}

/** A size in words: "812 bytes", "4.2 KB", "13 KB", "1.5 MB" (1 KB = 1024 bytes). */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${unit}`;
}

/** What to say when the server refuses a file: the message for `file`, else the problem's words. */
export function uploadError(error: unknown): string {
  const problem = toProblem(error);
  return problem.errors?.find((e) => e.field === 'file')?.message ?? problem.detail ?? problem.title;
}

/** A file picked in the composer: uploading, uploaded (ready to go on the next message) or refused. */
export interface PendingAttachment {
  key: number;
  name: string;
  size: number;
  contentType: string;
  state: 'uploading' | 'ready' | 'failed';
  /** 0 to 100 while uploading. */
  progress: number;
  /** The server's id once uploaded. */
  id: string | null;
  /** The server's refusal, when failed. */
  error: string | null;
}

/**
 * The composer's files for one conversation: each uploads as soon as it is picked, reports its
 * progress, and can be removed (an upload in flight is aborted). A refusal stays beside its file.
 */
export class PendingUploads {
  private readonly list = signal<PendingAttachment[]>([]);
  private readonly inFlight = new Map<number, Subscription>();
  private nextKey = 1;
  readonly items = this.list.asReadonly();
  readonly uploading = computed(() => this.list().some((a) => a.state === 'uploading'));
  readonly readyIds = computed(() => this.list().flatMap((a) => (a.state === 'ready' && a.id ? [a.id] : [])));

  constructor(
    private readonly api: Pick<MessagingApi, 'upload'>,
    private readonly threadId: () => string,
  ) {}

  add(files: Iterable<File>): void {
    for (const file of files) {
      const key = this.nextKey++;
      this.list.update((list) => [...list, { key, name: file.name, size: file.size, contentType: file.type, state: 'uploading', progress: 0, id: null, error: null }]);
      const sub = this.api.upload(this.threadId(), file).subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const progress = event.total ? Math.min(99, Math.round((100 * event.loaded) / event.total)) : 0;
            this.patch(key, { progress });
          } else if (event.type === HttpEventType.Response && event.body) {
            this.patch(key, { state: 'ready', progress: 100, id: event.body.id, name: event.body.name, size: event.body.size, contentType: event.body.contentType });
          }
        },
        error: (error: unknown) => {
          this.inFlight.delete(key);
          this.patch(key, { state: 'failed', error: uploadError(error) });
        },
        complete: () => this.inFlight.delete(key),
      });
      if (!sub.closed) this.inFlight.set(key, sub);
    }
  }

  remove(key: number): void {
    this.inFlight.get(key)?.unsubscribe();
    this.inFlight.delete(key);
    this.list.update((list) => list.filter((a) => a.key !== key));
  }

  /** After a send: the files went with the message (refused ones are dropped too). */
  clear(): void {
    for (const sub of this.inFlight.values()) sub.unsubscribe();
    this.inFlight.clear();
    this.list.set([]);
  }

  private patch(key: number, change: Partial<PendingAttachment>): void {
    this.list.update((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }
}

/**
 * Small previews of a conversation's images: each is fetched once with the access token (through
 * the API client and its interceptor) and shown from a blob URL, revoked when no longer needed.
 */
export class AttachmentPreviews {
  private readonly map = signal<ReadonlyMap<string, string>>(new Map());
  private readonly requested = new Set<string>();
  private readonly subs: Subscription[] = [];
  readonly urls = this.map.asReadonly();

  constructor(
    private readonly api: Pick<MessagingApi, 'attachment'>,
    private readonly blobUrls: { create(blob: Blob): string; revoke(url: string): void } = { create: (b) => URL.createObjectURL(b), revoke: (u) => URL.revokeObjectURL(u) },
  ) {}

  /** Fetches the previews of these attachments not yet fetched. */
  want(threadId: string, attachments: readonly MessageAttachment[]): void {
    for (const attachment of attachments) {
      if (!previewable(attachment) || this.requested.has(attachment.id)) continue;
      this.requested.add(attachment.id);
      this.subs.push(
        this.api.attachment(threadId, attachment.id).subscribe({
          next: (blob) => {
            const url = this.blobUrls.create(blob);
            this.map.update((m) => new Map(m).set(attachment.id, url));
          },
          error: () => this.requested.delete(attachment.id),
        }),
      );
    }
  }

  /** Drops every preview (another conversation, or the page closing). */
  reset(): void {
    for (const sub of this.subs.splice(0)) sub.unsubscribe();
    for (const url of this.map().values()) this.blobUrls.revoke(url);
    this.requested.clear();
    this.map.set(new Map());
  }
}

/** Offers bytes fetched from the API (an attachment, a transcript) as a file saved under `fileName`. */
export const downloadBlob = saveFile;
