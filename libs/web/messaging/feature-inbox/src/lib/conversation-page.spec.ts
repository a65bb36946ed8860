import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ThreadDetail } from '@cadenza/shared/contracts';
import { InboxStore, MESSAGING_API } from '@cadenza/web/messaging/data-access';
import { aDetail, aMessagingSession, aSummary, CONTACTS, FakeRealtime } from '@cadenza/web/messaging/data-access/testing';
import { componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { ConversationPage } from './conversation-page';

const message = (seq: number, authorId: string, body: string) => ({
  id: `m${seq}`,
  threadId: 't-1',
  seq,
  authorId,
  body,
  sentAt: `2030-01-07T10:0${seq}:00Z`,
  version: 1,
  editedAt: null,
  previousVersions: [],
  attachments: [],
});

describe('ConversationPage', () => {
  let http: HttpTestingController;
  let realtime: FakeRealtime;
  let fixture: ComponentFixture<ConversationPage>;
  let element: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const threadRead = () => http.expectOne((r) => r.url === `${MESSAGING_API.threads}/t-1` && r.method === 'GET');
  const listRead = () => http.expectOne((r) => r.url === MESSAGING_API.threads && r.method === 'GET');

  beforeEach(async () => {
    ({ http, realtime, fixture, element } = componentWithBackend(ConversationPage, { session: aMessagingSession() }));
    fixture.componentRef.setInput('threadId', 't-1');
    await settle();
    listRead().flush([aSummary({ unreadCount: 1, lastSeq: 2 })]);
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
  });
  afterEach(() => http.verify());

  async function shows(detail: ThreadDetail) {
    threadRead().flush(detail);
    await settle();
  }

  it('shows the messages with names and marks the thread read up to the last one', async () => {
    await shows(aDetail({ lastSeq: 2, messages: [message(1, 'me', 'Scales?'), message(2, 'teacher', 'Yes')], receipts: [{ userId: 'teacher', lastReadSeq: 1, readAt: '2030-01-07T10:01:00Z' }] }));
    const items = [...element.querySelectorAll('cz-message-list li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toContain('You');
    expect(items[0]).toContain('Scales?');
    expect(items[0]).toContain('Seen by Tess Teacher');
    expect(items[1]).toContain('Tess Teacher');
    expect(element.querySelector('[data-testid="conversation-title"]')?.textContent?.trim()).toBe('Tess Teacher');
    const read = http.expectOne(`${MESSAGING_API.threads}/t-1/read`);
    expect(read.request.body).toEqual({ upToSeq: 2 });
    expect(TestBed.inject(InboxStore).unread()).toBe(0);
    read.flush({ userId: 'me', lastReadSeq: 2, readAt: '2030-01-07T10:03:00Z' });
    listRead().flush([aSummary({ unreadCount: 0, lastSeq: 2 })]);
  });

  it('does not mark read what is already read', async () => {
    await shows(aDetail({ lastSeq: 1, messages: [message(1, 'teacher', 'Hi')], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '2030-01-07T10:01:00Z' }] }));
    http.expectNone(`${MESSAGING_API.threads}/t-1/read`);
  });

  it('re-reads itself when the socket says the thread changed, and not for other threads', async () => {
    await shows(aDetail({ lastSeq: 0 }));
    realtime.emit('message.created.v1', { threadId: 't-other', messageId: 'x', seq: 1 });
    listRead().flush([]);
    http.expectNone((r) => r.url === `${MESSAGING_API.threads}/t-1`);
    realtime.emit('message.created.v1', { threadId: 't-1', messageId: 'm1', seq: 1 });
    listRead().flush([]);
    await shows(aDetail({ lastSeq: 1, messages: [message(1, 'teacher', 'Arrived live')], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '' }] }));
    expect(element.textContent).toContain('Arrived live');
    realtime.reconnectedEvents.next();
    listRead().flush([]);
    await shows(aDetail({ lastSeq: 1, messages: [message(1, 'teacher', 'Arrived live')], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '' }] }));
  });

  it('sends with Enter, keeps the text and shows the server’s refusal under the field', async () => {
    await shows(aDetail({ lastSeq: 0 }));
    const box = element.querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'line one';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    http.expectNone(`${MESSAGING_API.threads}/t-1/messages`);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const refused = http.expectOne(`${MESSAGING_API.threads}/t-1/messages`);
    expect(refused.request.body).toEqual({ body: 'line one' });
    refused.flush(
      { type: 'about:blank', title: 'Check the message', status: 400, code: 'MESSAGING.INVALID_BODY', errors: [{ field: 'body', message: 'Contains control characters.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(element.querySelector('cz-composer [role="alert"]')?.textContent?.trim()).toBe('Contains control characters.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.value).toBe('line one');

    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    http.expectOne(`${MESSAGING_API.threads}/t-1/messages`).flush(message(1, 'me', 'line one'));
    await settle();
    expect(box.value).toBe('');
    expect(element.querySelector('cz-composer [role="alert"]')).toBeNull();
    // Posting moved the author's own receipt, so there is nothing to mark.
    threadRead().flush(aDetail({ lastSeq: 1, messages: [message(1, 'me', 'line one')], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '' }] }));
    listRead().flush([]);
  });

  it('tells the safeguarding lead reading from outside that the read is recorded, and offers no composer', async () => {
    await shows(aDetail({ lastSeq: 1, participantIds: ['teacher', 'child'], messages: [message(1, 'teacher', 'Hi')], readAsLead: true }));
    expect(element.querySelector('[data-testid="audited-read"]')?.textContent).toContain('recorded in the audit trail');
    expect(element.querySelector('cz-composer')).toBeNull();
    expect(element.textContent).not.toContain('Flag');
    http.expectNone(`${MESSAGING_API.threads}/t-1/read`);
  });

  it('says so when the thread is not there', async () => {
    threadRead().flush({ type: 'about:blank', title: 'The thread was not found', status: 404, code: 'MESSAGING.THREAD_NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('The thread was not found');
    expect(element.querySelector('cz-composer')).toBeNull();
  });

  it('uploads picked files at once, shows a refusal by the file, and sends the uploaded ones with the message', async () => {
    await shows(aDetail({ lastSeq: 0 }));
    const picker = element.querySelector('cz-composer input[type="file"]') as HTMLInputElement;
    Object.defineProperty(picker, 'files', {
      configurable: true,
      value: [new File(['%PDF-1.4'], 'scales.pdf', { type: 'application/pdf' }), new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' })],
    });
    picker.dispatchEvent(new Event('change'));
    const [pdf, exe] = http.match(`${MESSAGING_API.threads}/t-1/attachments`);
    await settle();
    expect(element.querySelector('cz-composer progress')?.getAttribute('aria-label')).toBe('Uploading scales.pdf');
    expect((element.querySelector('cz-composer button.send') as HTMLButtonElement).disabled).toBe(true);
    pdf.flush({ id: 'a-1', name: 'scales.pdf', contentType: 'application/pdf', size: 8, threadId: 't-1', uploadedAt: '2030-01-07T10:00:00Z' });
    exe.flush(
      { type: 'about:blank', title: 'Check the file', status: 400, code: 'MESSAGING.ATTACHMENT_TYPE_NOT_ALLOWED', errors: [{ field: 'file', message: 'This type of file cannot be sent.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    const files = [...element.querySelectorAll('cz-composer li.file')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(files[0]).toContain('scales.pdf');
    expect(files[0]).toContain('PDF · 8 bytes · ready');
    expect(element.querySelector('cz-composer li.file [role="alert"]')?.textContent?.trim()).toBe('setup.exe was not attached: This type of file cannot be sent.');

    (element.querySelector('button[aria-label="Remove setup.exe"]') as HTMLButtonElement).click();
    await settle();
    expect(element.querySelectorAll('cz-composer li.file')).toHaveLength(1);

    const box = element.querySelector('textarea') as HTMLTextAreaElement;
    box.value = 'The scales';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const post = http.expectOne(`${MESSAGING_API.threads}/t-1/messages`);
    expect(post.request.body).toEqual({ body: 'The scales', attachmentIds: ['a-1'] });
    post.flush(message(1, 'me', 'The scales'));
    await settle();
    expect(element.querySelectorAll('cz-composer li.file')).toHaveLength(0);
    threadRead().flush(aDetail({ lastSeq: 1, messages: [message(1, 'me', 'The scales')], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '' }] }));
    listRead().flush([]);
  });

  it('shows a message’s files, previews images through the API client and downloads a file under its name', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((b: Blob) => {
      created.push(b);
      return `blob:file-${created.length}`;
    });
    URL.revokeObjectURL = jest.fn();
    const clicks: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    const withFiles = {
      ...message(1, 'teacher', 'Here you go'),
      attachments: [
        { id: 'a-pdf', name: 'scales.pdf', contentType: 'application/pdf', size: 13 * 1024 },
        { id: 'a-img', name: 'hands.png', contentType: 'image/png', size: 2048 },
      ],
    };
    await shows(aDetail({ lastSeq: 1, messages: [withFiles], receipts: [{ userId: 'me', lastReadSeq: 1, readAt: '' }] }));
    http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-img`).flush(new Blob(['png']));
    await settle();
    const pdfItem = element.querySelector('[data-testid="attachment-a-pdf"]') as HTMLElement;
    expect(pdfItem.textContent?.replace(/\s+/g, ' ')).toContain('PDF · 13 KB');
    expect(pdfItem.querySelector('.badge')?.textContent?.trim()).toBe('PDF');
    const preview = element.querySelector('[data-testid="attachment-a-img"] img') as HTMLImageElement;
    expect(preview.getAttribute('src')).toBe('blob:file-1');
    expect(preview.alt).toBe('Preview of hands.png');

    (element.querySelector('button[aria-label="Download scales.pdf (PDF, 13 KB)"]') as HTMLButtonElement).click();
    const download = http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-pdf`);
    expect(download.request.responseType).toBe('blob');
    expect(download.request.url).not.toContain('token');
    download.flush(new Blob(['%PDF-1.4']));
    expect(clicks).toEqual(['scales.pdf']);
    jest.restoreAllMocks();
  });
});
