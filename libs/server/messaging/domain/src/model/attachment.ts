import { copyData, DomainError, newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { AttachmentId, MessageId, ThreadId } from './ids.js';

/**
 * A file someone uploaded into a thread. Its bytes are kept by content (SHA-256) in the
 * `AttachmentStore`; this record holds what people see (name, type, size) and where it belongs.
 * It is uploaded first (`messageId` null, visible only to its uploader) and then attached to one
 * message of theirs. Never deleted by a person; only the retention sweep removes it with its thread.
 */
export interface AttachmentState {
  id: AttachmentId;
  schoolId: SchoolId;
  threadId: ThreadId;
  messageId: MessageId | null;
  uploadedBy: UserId;
  uploadedAt: Date;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** What a message shows of an attachment. */
export interface AttachmentSummary {
  id: AttachmentId;
  name: string;
  contentType: string;
  size: number;
}

export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_FILE_NAME_LENGTH = 120;

/** The kind of bytes a file starts with, as far as a few magic numbers tell. */
type Sniffed = 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'mp3' | 'wav' | 'ogg' | 'flac' | 'mp4' | 'zip' | 'ole' | 'text' | 'unknown';

/** The allow-list: each accepted content type and the bytes it must start with. */
export const ATTACHMENT_CONTENT_TYPES: Readonly<Record<string, Sniffed>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'mp4',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'zip',
  'application/vnd.oasis.opendocument.text': 'zip',
  'application/vnd.oasis.opendocument.spreadsheet': 'zip',
  'application/msword': 'ole',
  'application/vnd.ms-excel': 'ole',
  'text/plain': 'text',
  'text/csv': 'text',
};

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
export function isWellFormedUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return false;
    if (i + need >= bytes.length) return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (!isWellFormedUtf8(bytes)) return false;
  // No NUL or other C0 controls but tab, newline, carriage return and form feed.
  return !bytes.some((b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f);
}

/** What the bytes really are, from their first bytes (and, for text, all of them). */
export function sniffContent(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WAVE'), 8)) return 'wav';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, ascii('ID3')) || (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'mp3';
  if (startsWith(bytes, ascii('OggS'))) return 'ogg';
  if (startsWith(bytes, ascii('fLaC'))) return 'flac';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'mp4';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (looksLikeText(bytes)) return 'text';
  return 'unknown';
}

const refuse = (code: string, message: string) => DomainError.invalid(code, 'file', message);

/**
 * Checks an upload against the allow-list and the school's size limit, and that its bytes are
 * what it claims to be. Returns the canonical content type (lower case, no parameters).
 */
export function checkUpload(declaredType: string, bytes: Uint8Array, maxBytes: number): string {
  if (bytes.length === 0) throw refuse('MESSAGING.ATTACHMENT_EMPTY', 'The file is empty.');
  if (bytes.length > maxBytes) throw refuse('MESSAGING.ATTACHMENT_TOO_LARGE', `A file can be at most ${Math.floor(maxBytes / (1024 * 1024)) || maxBytes} ${maxBytes >= 1024 * 1024 ? 'MB' : 'bytes'}.`);
  const type = declaredType.split(';')[0].trim().toLowerCase();
  const expected = ATTACHMENT_CONTENT_TYPES[type];
  if (!expected) throw refuse('MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED', 'Attach an image, a PDF, an audio file, a text file or an office document.');
  if (sniffContent(bytes) !== expected) throw refuse('MESSAGING.ATTACHMENT_TYPE_MISMATCH', `The file's content is not ${type}.`);
  return type;
}

// Controls, the characters Windows refuses in names, path separators, and bidirectional overrides
// (which can make "gpj.exe" read as "exe.jpg").
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001F\u007F-\u009F"*:<>?|\\/\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A file name safe to show and to offer back in `Content-Disposition`: no path, no controls, at most 120 characters. */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base.normalize('NFC').replace(UNSAFE_IN_NAME, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '').trim();
  const chars = [...name];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = chars.slice(0, MAX_FILE_NAME_LENGTH - [...ext].length).join('') + ext;
  }
  return name.length === 0 ? 'attachment' : name;
}

export class Attachment {
  private constructor(private state: AttachmentState) {}

  static restore(state: AttachmentState): Attachment {
    return new Attachment(copyData(state));
  }

  static create(input: Omit<AttachmentState, 'id' | 'messageId' | 'uploadedAt' | 'name'> & { name: string; now: Date }): Attachment {
    return new Attachment({
      id: newId<AttachmentId>(),
      schoolId: input.schoolId,
      threadId: input.threadId,
      messageId: null,
      uploadedBy: input.uploadedBy,
      uploadedAt: new Date(input.now.getTime()),
      name: sanitiseFileName(input.name),
      contentType: input.contentType,
      size: input.size,
      sha256: input.sha256,
    });
  }

  get id(): AttachmentId {
    return this.state.id;
  }
  get threadId(): ThreadId {
    return this.state.threadId;
  }
  get messageId(): MessageId | null {
    return this.state.messageId;
  }
  get uploadedBy(): UserId {
    return this.state.uploadedBy;
  }
  get name(): string {
    return this.state.name;
  }
  get contentType(): string {
    return this.state.contentType;
  }
  get size(): number {
    return this.state.size;
  }
  get sha256(): string {
    return this.state.sha256;
  }

  summary(): AttachmentSummary {
    return { id: this.state.id, name: this.state.name, contentType: this.state.contentType, size: this.state.size };
  }

  snapshot(): AttachmentState {
    return copyData(this.state);
  }
}
