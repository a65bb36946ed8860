import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { withBackend } from '@cadenza/web/shared/data-access-api/testing';
import { MESSAGING_API, MessagingApi } from './messaging-api';

describe('MessagingApi', () => {
  let api: MessagingApi;
  let http: HttpTestingController;

  beforeEach(() => {
    ({ http } = withBackend());
    api = TestBed.inject(MessagingApi);
  });
  afterEach(() => http.verify());

  it('lists own threads, or the overseen ones for the lead', () => {
    api.threads().subscribe();
    expect(http.expectOne((r) => r.url === MESSAGING_API.threads && !r.params.has('overseen')).request.method).toBe('GET');
    api.threads(true).subscribe();
    expect(http.expectOne((r) => r.url === MESSAGING_API.threads).request.params.get('overseen')).toBe('true');
  });

  it('reads a thread with its latest 200 messages, and the contacts', () => {
    api.thread('t-1').subscribe();
    expect(http.expectOne((r) => r.url === `${MESSAGING_API.threads}/t-1`).request.params.get('limit')).toBe('200');
    api.contacts().subscribe();
    http.expectOne(MESSAGING_API.contacts);
  });

  it('posts, edits, marks read and flags under the thread', () => {
    api.post('t-1', 'Hello').subscribe();
    const post = http.expectOne(`${MESSAGING_API.threads}/t-1/messages`);
    expect([post.request.method, post.request.body]).toEqual(['POST', { body: 'Hello' }]);
    api.edit('t-1', 'm-1', 'Hello!').subscribe();
    const edit = http.expectOne(`${MESSAGING_API.threads}/t-1/messages/m-1`);
    expect([edit.request.method, edit.request.body]).toEqual(['PATCH', { body: 'Hello!' }]);
    api.markRead('t-1', 4).subscribe();
    expect(http.expectOne(`${MESSAGING_API.threads}/t-1/read`).request.body).toEqual({ upToSeq: 4 });
    api.flag('t-1', 'm-1', 'Not OK').subscribe();
    expect(http.expectOne(`${MESSAGING_API.threads}/t-1/messages/m-1/flags`).request.body).toEqual({ reason: 'Not OK' });
  });

  it('starts a thread, searches, and reads the lead’s flags and transcripts', () => {
    api.startThread({ kind: 'direct', participantIds: ['u-2'], subject: null }).subscribe();
    expect(http.expectOne(MESSAGING_API.threads).request.body).toEqual({ kind: 'direct', participantIds: ['u-2'], subject: null });
    api.search('scales').subscribe();
    expect(http.expectOne((r) => r.url === MESSAGING_API.search).request.params.get('q')).toBe('scales');
    api.flags().subscribe();
    http.expectOne(MESSAGING_API.flags);
    api.transcript('t-1').subscribe();
    http.expectOne(`${MESSAGING_API.threads}/t-1/transcript`);
  });

  it('uploads a file as multipart with progress, posts with attachment ids and downloads a file as a blob', () => {
    api.upload('t-1', new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' })).subscribe();
    const upload = http.expectOne(`${MESSAGING_API.threads}/t-1/attachments`);
    expect(upload.request.method).toBe('POST');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    api.post('t-1', 'See attached', ['a-1']).subscribe();
    expect(http.expectOne(`${MESSAGING_API.threads}/t-1/messages`).request.body).toEqual({ body: 'See attached', attachmentIds: ['a-1'] });
    api.attachment('t-1', 'a-1').subscribe();
    expect(http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-1`).request.responseType).toBe('blob');
  });

  it('reads and changes the school’s messaging policy', () => {
    api.policy().subscribe();
    expect(http.expectOne(MESSAGING_API.policy).request.method).toBe('GET');
    api.updatePolicy({ retentionDays: 365 }).subscribe();
    const patch = http.expectOne(MESSAGING_API.policy);
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { retentionDays: 365 }]);
  });
});
