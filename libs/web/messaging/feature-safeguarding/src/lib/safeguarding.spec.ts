import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type UrlTree } from '@angular/router';
import type { Transcript } from '@cadenza/shared/contracts';
import { MESSAGING_API, requireSafeguardingLead } from '@cadenza/web/messaging/data-access';
import { aDetail, aMessagingMe, aMessagingSession, aSummary, CONTACTS, FakeRealtime } from '@cadenza/web/messaging/data-access/testing';
import { API, AuthStore, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { LeadThreadPage } from './lead-thread-page';
import { PersonMessagesPanel } from './person-conversations';
import { SafeguardingPage } from './safeguarding-page';
import { downloadTranscript, transcriptFileName } from './transcript-file';

const lead = aMessagingMe({ id: 'lead', roles: ['admin'], safeguardingLead: true, name: 'Lena Lead' });

function setUp(me = lead) {
  const realtime = new FakeRealtime();
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: RealtimeClient, useValue: realtime }],
  });
  const http = TestBed.inject(HttpTestingController);
  TestBed.inject(AuthStore).login(me.email, 'pw').subscribe();
  http.expectOne(API.login).flush(aMessagingSession(me));
  return { http, realtime };
}

/** The lead's page of thread t-1, its thread list and contacts answered; the test answers the thread itself. */
async function openLeadThread(http: HttpTestingController) {
  const fixture = TestBed.createComponent(LeadThreadPage);
  fixture.componentRef.setInput('threadId', 't-1');
  const element = fixture.nativeElement as HTMLElement;
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  await settle();
  http.expectOne((r) => r.url === MESSAGING_API.threads).flush([]);
  http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
  return { element, settle };
}

/** Records the file name of each download the page starts (a link's click), instead of downloading. */
function recordDownloads() {
  const clicks: string[] = [];
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this.download);
  });
  return { clicks, click };
}

describe('the safeguarding lead’s view', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('lets only an admin with the lead flag through', async () => {
    setUp(aMessagingMe({ roles: ['admin'], safeguardingLead: false }));
    const refused = (await TestBed.runInInjectionContext(() => requireSafeguardingLead({} as never, {} as never))) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(refused)).toBe('/');
  });

  it('lets the lead through', async () => {
    setUp();
    expect(await TestBed.runInInjectionContext(() => requireSafeguardingLead({} as never, {} as never))).toBe(true);
  });

  /** The lead's desk with its first reads answered: open flags by default, and the overseen threads. */
  async function openDesk(flags: unknown[]) {
    const { http, realtime } = setUp();
    const fixture = TestBed.createComponent(SafeguardingPage);
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    await settle();
    http.expectOne((r) => r.url === MESSAGING_API.threads && !r.params.has('overseen')).flush([]);
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
    http.expectOne((r) => r.url === MESSAGING_API.flags && r.params.get('status') === 'open').flush(flags);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([aSummary({ subject: 'Grade 3', participantIds: ['teacher', 'child'], leadOversight: true })]);
    await settle();
    return { http, realtime, element, settle };
  }
  const flag = { id: 'f-1', threadId: 't-1', messageId: 'm-1', messageVersion: 1, flaggedBy: 'child', reason: 'Feels wrong', createdAt: '2030-01-07T10:00:00Z', status: 'open', review: null };

  it('lists the open flags with the thread, who flagged and why, and re-reads when a flag arrives', async () => {
    const { http, realtime, element, settle } = await openDesk([flag]);
    const text = element.querySelector('[data-testid="flags"]')?.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('Grade 3');
    expect(text).toContain('Flagged by Mia Minor');
    expect(text).toContain('“Feels wrong”');

    realtime.emit('message.flagged.v1', { threadId: 't-1', messageId: 'm-2', flagId: 'f-2' });
    http.expectOne((r) => r.url === MESSAGING_API.flags).flush([{ ...flag, id: 'f-2', reason: 'Again' }, flag]);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([]);
    await settle();
    expect(element.querySelectorAll('[data-testid="flags"] li')).toHaveLength(2);
  });

  it('reviews a flag with an outcome and a note, naming what is missing first, and filters the list by state', async () => {
    const { http, element, settle } = await openDesk([flag]);
    (element.querySelector('[data-flag="f-1"] button') as HTMLButtonElement).click();
    await settle();
    const form = element.querySelector('form.review-form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await settle();
    expect(element.querySelector('form.review-form')?.textContent).toContain('Choose an outcome.');
    expect(element.querySelector('form.review-form')?.textContent).toContain('Write a note');
    http.expectNone((r) => r.url.endsWith('/review'));

    (element.querySelectorAll('form.review-form mat-radio-button input')[1] as HTMLInputElement).click();
    const note = element.querySelector('form.review-form textarea') as HTMLTextAreaElement;
    note.value = 'Spoke to the teacher.';
    note.dispatchEvent(new Event('input'));
    await settle();
    form.dispatchEvent(new Event('submit'));
    const sent = http.expectOne(`${MESSAGING_API.flags}/f-1/review`);
    expect(sent.request.body).toEqual({ outcome: 'action_taken', note: 'Spoke to the teacher.' });
    sent.flush({ ...flag, status: 'reviewed', review: { outcome: 'action_taken', note: 'Spoke to the teacher.', reviewedBy: 'lead', reviewedAt: '2030-01-07T11:00:00Z' } });
    http.expectOne((r) => r.url === MESSAGING_API.flags && r.params.get('status') === 'open').flush([]);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([]);
    await settle();
    expect(element.querySelector('[data-testid="flags"]')?.textContent).toContain('No open flags.');

    const reviewedToggle = [...element.querySelectorAll('mat-button-toggle button')].find((b) => b.textContent?.includes('Reviewed')) as HTMLButtonElement;
    reviewedToggle.click();
    await settle();
    http
      .expectOne((r) => r.url === MESSAGING_API.flags && r.params.get('status') === 'reviewed')
      .flush([{ ...flag, status: 'reviewed', review: { outcome: 'action_taken', note: 'Spoke to the teacher.', reviewedBy: 'teacher', reviewedAt: '2030-01-07T11:00:00Z' } }]);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([]);
    await settle();
    const text = element.querySelector('[data-testid="flags"]')?.textContent?.replace(/\s+/g, ' ');
    expect(element.querySelector('#flags-heading')?.textContent).toBe('Reviewed flags');
    expect(text).toContain('Action taken in the school, by Tess Teacher');
    expect(text).toContain('Spoke to the teacher.');
  });

  it('finds a person by name and lists their conversations, each opening in the lead’s view', async () => {
    const { http, element, settle } = await openDesk([]);
    const input = element.querySelector('input[name="person"]') as HTMLInputElement;
    input.value = 'quinn';
    input.dispatchEvent(new Event('input'));
    await settle();
    (element.querySelector('form.person-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http.expectOne(`${MESSAGING_API.people}/other-parent/messages`).flush({
      personId: 'other-parent',
      conversations: 2,
      lastMessageAt: '2030-01-07T10:00:00Z',
      openFlags: 1,
      openable: [{ id: 't-9', kind: 'family', subject: 'Lesson times', participants: ['Quinn Parent', 'Tess Teacher'], lastMessageAt: '2030-01-07T10:00:00Z', leadOversight: true, openAs: 'lead', openFlags: 1 }],
    });
    await settle();
    const found = element.querySelector('[data-testid="person-conversations"]') as HTMLElement;
    expect(found.textContent).toContain('Quinn Parent');
    expect(found.querySelector('[data-testid="messages-summary"]')?.textContent).toContain('In 2 conversations');
    expect(found.querySelector('[data-testid="messages-summary"]')?.textContent).toContain('1 open flag');
    expect(found.querySelector('a')?.getAttribute('href')).toBe('/safeguarding/threads/t-9');

    input.value = 'nobody here';
    input.dispatchEvent(new Event('input'));
    await settle();
    (element.querySelector('form.person-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    expect(element.textContent).toContain('No one at the school has that name.');
  });

  it('says the lead’s read is recorded, and downloads the transcript as JSON and as PDF', async () => {
    const { http } = setUp();
    const { element, settle } = await openLeadThread(http);
    http.expectOne((r) => r.url === `${MESSAGING_API.threads}/t-1`).flush(aDetail({ participantIds: ['teacher', 'child'], readAsLead: true }));
    await settle();
    expect(element.querySelector('[data-testid="audited-read"]')?.textContent).toContain('recorded in the audit trail');
    http.expectNone(`${MESSAGING_API.threads}/t-1/read`);

    const { clicks, click } = recordDownloads();
    URL.createObjectURL = jest.fn(() => 'blob:transcript');
    URL.revokeObjectURL = jest.fn();
    const exportButton = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Export transcript (JSON)')) as HTMLButtonElement;
    exportButton.click();
    http.expectOne(`${MESSAGING_API.threads}/t-1/transcript`).flush(transcript);
    expect(clicks).toEqual(['transcript-t-1-2030-01-07.json']);

    const pdfButton = element.querySelector('[data-testid="export-pdf"]') as HTMLButtonElement;
    pdfButton.click();
    const pdf = http.expectOne(`${MESSAGING_API.threads}/t-1/transcript.pdf`);
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF-1.3'], { type: 'application/pdf' }));
    expect(clicks[1]).toMatch(/^transcript-t-1-\d{4}-\d{2}-\d{2}\.pdf$/);
    click.mockRestore();
  });
});

describe('the lead’s read of a thread with files', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows each file with its preview and downloads it through the API client under its name', async () => {
    const { http } = setUp();
    URL.createObjectURL = jest.fn(() => 'blob:file');
    URL.revokeObjectURL = jest.fn();
    const { clicks, click } = recordDownloads();
    const { element, settle } = await openLeadThread(http);
    const message = {
      id: 'm-1',
      threadId: 't-1',
      seq: 1,
      authorId: 'teacher',
      body: 'Photo of the hand position',
      sentAt: '2030-01-07T10:00:00Z',
      version: 1,
      editedAt: null,
      previousVersions: [],
      attachments: [{ id: 'a-1', name: 'hands.jpg', contentType: 'image/jpeg', size: 3000 }],
    };
    http.expectOne((r) => r.url === `${MESSAGING_API.threads}/t-1`).flush(aDetail({ participantIds: ['teacher', 'child'], readAsLead: true, lastSeq: 1, messages: [message] }));
    http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-1`).flush(new Blob(['jpeg']));
    await settle();
    expect(element.querySelector('img[alt="Preview of hands.jpg"]')?.getAttribute('src')).toBe('blob:file');
    (element.querySelector('button[aria-label="Download hands.jpg (Image, 2.9 KB)"]') as HTMLButtonElement).click();
    http.expectOne(`${MESSAGING_API.threads}/t-1/attachments/a-1`).flush(new Blob(['jpeg']));
    expect(clicks).toEqual(['hands.jpg']);
    click.mockRestore();
  });
});

const transcript: Transcript = {
  threadId: 't-1',
  kind: 'direct',
  subject: null,
  createdAt: '2030-01-07T09:00:00.000Z',
  participants: [{ id: 'teacher', name: 'Tess Teacher' }],
  leadOversight: true,
  generatedAt: '2030-01-07T11:00:00.000Z',
  generatedBy: { id: 'lead', name: 'Lena Lead' },
  messages: [],
};

describe('transcript files', () => {
  it('are named for the thread and the day, and hold the transcript as JSON', async () => {
    expect(transcriptFileName(transcript)).toBe('transcript-t-1-2030-01-07.json');
    let blob: Blob | null = null;
    URL.createObjectURL = jest.fn((b: Blob) => {
      blob = b;
      return 'blob:x';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    downloadTranscript(transcript);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
    expect(blob).not.toBeNull();
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob as unknown as Blob);
    });
    expect(JSON.parse(text)).toEqual(transcript);
    expect((blob as unknown as Blob).type).toBe('application/json');
  });
});

describe('a person’s messages on their page', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function panelFor(me: ReturnType<typeof aMessagingMe>) {
    const { http } = setUp(me);
    const fixture = TestBed.createComponent(PersonMessagesPanel);
    fixture.componentRef.setInput('personId', 'p-1');
    fixture.detectChanges();
    await fixture.whenStable();
    return { http, fixture, element: fixture.nativeElement as HTMLElement };
  }

  it('shows an admin the count and latest message, links what they may open, and counts the rest', async () => {
    const { http, fixture, element } = await panelFor(aMessagingMe({ id: 'adam', roles: ['admin'], safeguardingLead: false, name: 'Adam Admin' }));
    http.expectOne(`${MESSAGING_API.people}/p-1/messages`).flush({
      personId: 'p-1',
      conversations: 3,
      lastMessageAt: '2030-01-07T10:00:00Z',
      openFlags: null,
      openable: [{ id: 't-1', kind: 'direct', subject: null, participants: ['Adam Admin', 'Pat Parent'], lastMessageAt: '2030-01-07T10:00:00Z', leadOversight: false, openAs: 'inbox', openFlags: null }],
    });
    fixture.detectChanges();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="messages-summary"]')?.textContent).toMatch(/^In 3 conversations · last message .*2030/);
    expect(element.querySelector('[data-testid="messages-summary"]')?.textContent).not.toContain('flag');
    const link = element.querySelector('a') as HTMLAnchorElement;
    expect([link.textContent, link.getAttribute('href')]).toEqual(['Adam Admin, Pat Parent', '/messages/t-1']);
    expect(element.textContent).toContain('2 of them you are not in');
  });

  it('shows a teacher nothing and asks the server nothing', async () => {
    const { http, element } = await panelFor(aMessagingMe({ id: 'tess', roles: ['teacher'], name: 'Tess Teacher' }));
    http.expectNone((r) => r.url.startsWith(`${MESSAGING_API.people}/`));
    expect(element.querySelector('[data-testid="person-messages"]')).toBeNull();
  });
});
