import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { InboxStore, MESSAGING_API } from '@cadenza/web/messaging/data-access';
import { aMessagingMe, aMessagingSession, CONTACTS, FakeRealtime } from '@cadenza/web/messaging/data-access/testing';
import { API, AuthStore, RealtimeClient } from '@cadenza/web/shared/data-access-api';
import { contactDescription, kindsFor, NewThreadDialog } from './new-thread-dialog';

describe('NewThreadDialog', () => {
  it('describes people and offers staff threads to staff only', () => {
    expect(contactDescription({ roles: ['student'], minor: true })).toBe('Student, under 18');
    expect(contactDescription({ roles: ['admin', 'teacher'], minor: false })).toBe('Admin, Teacher');
    expect(contactDescription({ roles: ['parent'], minor: false, children: ['Amelia Patel', 'Oliver Patel'] })).toBe('Parent of Amelia Patel and Oliver Patel');
    expect(contactDescription({ roles: ['parent'], minor: false, children: [] })).toBe('Parent');
    expect(kindsFor(true)).toContain('staff');
    expect(kindsFor(false)).toEqual(['direct', 'family', 'group']);
  });

  it('starts a thread with the chosen people, or shows why the server refused', async () => {
    const closed: unknown[] = [];
    TestBed.configureTestingModule({
      imports: [NewThreadDialog],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RealtimeClient, useValue: new FakeRealtime() },
        { provide: MatDialogRef, useValue: { close: (v: unknown) => closed.push(v) } },
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthStore).login('teacher3@demo.cadenza.school', 'pw').subscribe();
    http.expectOne(API.login).flush(aMessagingSession(aMessagingMe({ roles: ['teacher'] })));
    const fixture = TestBed.createComponent(NewThreadDialog);
    const settle = async () => {
      fixture.detectChanges();
      await fixture.whenStable();
    };
    TestBed.inject(InboxStore).wantNames();
    http.expectOne((r) => r.url === MESSAGING_API.threads).flush([]);
    http.expectOne(MESSAGING_API.contacts).flush(CONTACTS);
    await settle();
    const element = fixture.nativeElement as HTMLElement;

    const labels = [...element.querySelectorAll('mat-checkbox')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(labels).toEqual(['Tess Teacher · Teacher', 'Mia Minor · Student, under 18']);
    const kinds = [...element.querySelectorAll('select option')].map((o) => o.textContent?.trim());
    expect(kinds).toEqual(['Private', 'Family', 'Group', 'Staff']);

    (element.querySelectorAll('mat-checkbox input')[1] as HTMLInputElement).click();
    await settle();
    expect(element.textContent).toContain('With Mia Minor');
    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    const refused = http.expectOne((r) => r.url === MESSAGING_API.threads && r.method === 'POST');
    expect(refused.request.body).toEqual({ kind: 'direct', participantIds: ['child'], subject: null });
    refused.flush(
      { type: 'about:blank', title: 'Not allowed', status: 403, code: 'MESSAGING.MINOR_WITHOUT_GUARDIAN', detail: 'Mia Minor is under 18: a parent or guardian of theirs must be in this thread.' },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Mia Minor is under 18');
    expect(closed).toEqual([]);

    (element.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    http.expectOne((r) => r.url === MESSAGING_API.threads && r.method === 'POST').flush({ id: 't-9' });
    expect(closed).toEqual([{ id: 't-9' }]);
    http.verify();
  });
});
