import { HttpEventType } from '@angular/common/http';
import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { withBackend } from '@cadenza/web/shared/data-access-api/testing';
import { attachmentKind, AttachmentPreviews, fileSize, PendingUploads, previewable, uploadError } from './attachments';
import { MESSAGING_API, MessagingApi } from './messaging-api';

const uploadUrl = `${MESSAGING_API.threads}/t-1/attachments`;
const uploaded = (id: string, name: string, size: number, contentType = 'application/pdf') => ({ id, name, size, contentType, threadId: 't-1', uploadedAt: '2030-01-07T10:00:00Z' });

describe('attachment wording', () => {
  it('says sizes in bytes, KB and MB', () => {
    expect([fileSize(1), fileSize(812), fileSize(4300), fileSize(13 * 1024), fileSize(1.5 * 1024 * 1024), fileSize(25 * 1024 * 1024)]).toEqual([
      '1 byte',
      '812 bytes',
      '4.2 KB',
      '13 KB',
      '1.5 MB',
      '25 MB',
    ]);
  });

  it('tells the kind from the content type, and previews only small images', () => {
    expect(
      ['image/png', 'application/pdf', 'audio/mpeg', 'text/csv; charset=utf-8', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/msword', 'application/zip'].map(
        attachmentKind,
      ),
    ).toEqual(['image', 'pdf', 'audio', 'text', 'sheet', 'document', 'file']);
    expect(previewable({ contentType: 'image/jpeg', size: 1000 })).toBe(true);
    expect(previewable({ contentType: 'image/jpeg', size: 6 * 1024 * 1024 })).toBe(false);
    expect(previewable({ contentType: 'application/pdf', size: 1000 })).toBe(false);
  });
});

describe('PendingUploads', () => {
  let http: HttpTestingController;
  let uploads: PendingUploads;

  beforeEach(() => {
    ({ http } = withBackend());
    uploads = new PendingUploads(TestBed.inject(MessagingApi), () => 't-1');
  });
  afterEach(() => http.verify());

  it('uploads each file at once as one multipart part named file, with its progress, and keeps the ready ids', () => {
    uploads.add([new File(['%PDF-1.4'], 'scales.pdf', { type: 'application/pdf' }), new File(['a,b'], 'marks.csv', { type: 'text/csv' })]);
    const [first, second] = http.match(uploadUrl);
    const form = first.request.body as FormData;
    expect([...form.keys()]).toEqual(['file']);
    expect((form.get('file') as File).name).toBe('scales.pdf');
    expect(first.request.reportProgress).toBe(true);
    expect(uploads.uploading()).toBe(true);

    first.event({ type: HttpEventType.UploadProgress, loaded: 4, total: 8 });
    expect(uploads.items()[0]).toMatchObject({ state: 'uploading', progress: 50 });
    first.flush(uploaded('a-1', 'scales.pdf', 8));
    expect(uploads.items()[0]).toMatchObject({ state: 'ready', progress: 100, id: 'a-1' });
    expect(uploads.uploading()).toBe(true);

    second.flush(
      { type: 'about:blank', title: 'Check the file', status: 400, code: 'MESSAGING.ATTACHMENT_TYPE_MISMATCH', errors: [{ field: 'file', message: 'The file is not what its type says.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(uploads.items()[1]).toMatchObject({ name: 'marks.csv', state: 'failed', error: 'The file is not what its type says.' });
    expect(uploads.uploading()).toBe(false);
    expect(uploads.readyIds()).toEqual(['a-1']);

    uploads.remove(uploads.items()[1].key);
    expect(uploads.items().map((a) => a.name)).toEqual(['scales.pdf']);
    uploads.clear();
    expect(uploads.items()).toEqual([]);
  });

  it('aborts an upload in flight when its file is removed', () => {
    uploads.add([new File(['x'], 'big.wav', { type: 'audio/wav' })]);
    const request = http.expectOne(uploadUrl);
    uploads.remove(uploads.items()[0].key);
    expect(request.cancelled).toBe(true);
    expect(uploads.items()).toEqual([]);
    expect(uploads.uploading()).toBe(false);
  });

  it('shows a refusal without field errors by its detail (too many uploads)', () => {
    uploads.add([new File(['x'], 'one-more.txt', { type: 'text/plain' })]);
    http.expectOne(uploadUrl).flush(
      { type: 'about:blank', title: 'Too many uploads', status: 429, code: 'MESSAGING.TOO_MANY_UPLOADS', detail: 'At most 30 files in 10 minutes.' },
      { status: 429, statusText: 'Too Many Requests' },
    );
    expect(uploads.items()[0].error).toBe('At most 30 files in 10 minutes.');
  });
});

describe('AttachmentPreviews', () => {
  it('fetches each small image once through the API client and revokes the blob URLs on reset', () => {
    const { http } = withBackend();
    const created: Blob[] = [];
    const revoked: string[] = [];
    const previews = new AttachmentPreviews(TestBed.inject(MessagingApi), {
      create: (blob) => {
        created.push(blob);
        return `blob:preview-${created.length}`;
      },
      revoke: (url) => revoked.push(url),
    });
    const image = { id: 'a-img', name: 'hands.png', contentType: 'image/png', size: 2000 };
    const pdf = { id: 'a-pdf', name: 'scales.pdf', contentType: 'application/pdf', size: 2000 };
    previews.want('t-1', [image, pdf]);
    previews.want('t-1', [image]);
    const request = http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-img`);
    expect(request.request.responseType).toBe('blob');
    request.flush(new Blob(['png']));
    expect(previews.urls().get('a-img')).toBe('blob:preview-1');
    http.expectNone(`${MESSAGING_API.threads}/t-1/attachments/a-pdf`);
    previews.reset();
    expect(revoked).toEqual(['blob:preview-1']);
    expect(previews.urls().size).toBe(0);
    http.verify();
  });

  it('names the problem of a failed upload even without problem details', () => {
    expect(uploadError(new Error('boom'))).toBe('Please try again.');
  });
});
