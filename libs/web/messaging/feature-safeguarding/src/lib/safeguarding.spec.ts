import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type UrlTree } from '@angular/router';
import type { Transcript } from '@cadenza/shared/contracts';
import { MESSAGING_API, requireSafeguardingLead } from '@cadenza/web/messaging/data-access';
import { aDetail, aMessagingMe, aMessagingSession, aSummary, CONTACTS, FakeRealtime } from '@cadenza/web/messaging/data-access/testing';
import { API, AuthStore, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { LeadThreadPage } from './lead-thread-page';
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

  it('lists flags with the thread, who flagged and why, and re-reads when a flag arrives', async () => {
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
    const flag = { id: 'f-1', threadId: 't-1', messageId: 'm-1', messageVersion: 1, flaggedBy: 'child', reason: 'Feels wrong', createdAt: '2030-01-07T10:00:00Z' };
    http.expectOne(MESSAGING_API.flags).flush([flag]);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([aSummary({ subject: 'Grade 3', participantIds: ['teacher', 'child'], leadOversight: true })]);
    await settle();
    const text = element.querySelector('[data-testid="flags"]')?.textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('Grade 3');
    expect(text).toContain('Flagged by Mia Minor');
    expect(text).toContain('“Feels wrong”');

    realtime.emit('message.flagged.v1', { threadId: 't-1', messageId: 'm-2', flagId: 'f-2' });
    http.expectOne(MESSAGING_API.flags).flush([{ ...flag, id: 'f-2', reason: 'Again' }, flag]);
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.params.get('overseen') === 'true').flush([]);
    await settle();
    expect(element.querySelectorAll('[data-testid="flags"] li')).toHaveLength(2);
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
