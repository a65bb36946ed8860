import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { DeliveryLogEntry } from '@cadenza/shared/contracts';
import { NOTIFICATIONS_API } from '@cadenza/web/messaging/data-access-notifications';
import { aMe, aSession, componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { deliveryTime } from './delivery-labels';
import { DeliveryLogPage } from './delivery-log-page';

const adminSession = aSession('token', aMe({ id: 'admin', email: 'admin@demo.cadenza.school', name: 'Ada Admin', roles: ['admin'], safeguardingLead: true, timeZone: 'America/New_York' }));

const RECIPIENT = '7d1f1c1e-7a55-4a8f-9d8e-0b1a2c3d4e5f';

function entry(overrides: Partial<DeliveryLogEntry>): DeliveryLogEntry {
  return {
    id: 'd-1',
    key: `reminder:l-1:${RECIPIENT}:60:email`,
    recipientId: RECIPIENT,
    type: 'lesson.reminder',
    channel: 'email',
    status: 'sent',
    reason: null,
    attempts: 1,
    dueAt: '2026-11-23T14:00:00.000Z',
    sentAt: '2026-11-23T14:00:05.000Z',
    updatedAt: '2026-11-23T14:00:05.000Z',
    ...overrides,
  };
}

describe('DeliveryLogPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<DeliveryLogPage>;
  let element: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
  const rows = () => [...element.querySelectorAll('[data-testid="delivery-row"]')];
  const offsetInput = (i: number) => element.querySelector(`input[name="offset-${i}"]`) as HTMLInputElement;
  const deliveriesRequest = (): TestRequest => http.expectOne((r) => r.url === NOTIFICATIONS_API.deliveries);
  const saveButton = () => [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Save reminder defaults')) as HTMLButtonElement;

  beforeEach(async () => {
    ({ http, fixture, element } = componentWithBackend(DeliveryLogPage, { session: adminSession }));
    await settle();
    const settings = http.expectOne(NOTIFICATIONS_API.settings);
    expect(settings.request.method).toBe('GET');
    settings.flush({ reminderOffsets: [1440, 60, 30] });
    http.expectOne(NOTIFICATIONS_API.users).flush([{ id: RECIPIENT, email: 'parent1@demo.cadenza.school', name: 'Pat Parent', roles: ['parent'], safeguardingLead: false, dateOfBirth: null, minor: false }]);
    const log = deliveriesRequest();
    expect([log.request.method, log.request.params.get('limit'), log.request.params.has('status')]).toEqual(['GET', '100', false]);
    log.flush([
      entry({ id: 'd-1' }),
      entry({ id: 'd-2', channel: 'in_app', status: 'skipped', reason: 'Email is off for this type.', sentAt: null, attempts: 0, type: 'message.received' }),
      entry({ id: 'd-3', status: 'failed', reason: '550 mailbox unavailable', attempts: 4, sentAt: null, recipientId: 'b5a4c3d2-0000-4000-8000-000000000001' }),
    ]);
    await settle();
  });
  afterEach(() => http.verify());

  it('lists the recent sends with times in the admin’s zone, recipient by name (else id), type, channel, a status chip, reason and attempts', () => {
    expect(rows()).toHaveLength(3);
    const cells = (i: number) => [...rows()[i].querySelectorAll('td')].map((td) => text(td));
    expect(cells(0)).toEqual(['23 Nov 2026, 09:00', '23 Nov 2026, 09:00', 'Pat Parent', 'Lesson reminder', 'Email', 'Sent', '—', '1']);
    expect(cells(1)).toEqual(['23 Nov 2026, 09:00', '—', 'Pat Parent', 'New message', 'In app', 'Skipped', 'Email is off for this type.', '0']);
    const failed = rows()[2].querySelector('[data-testid="status-chip"]');
    expect([text(failed), failed?.classList.contains('chip-failed')]).toEqual(['Failed', true]);
    expect(cells(2)[6]).toBe('550 mailbox unavailable');
    expect(cells(2)[2]).toBe('b5a4c3d2-0000-4000-8000-000000000001');
    expect(element.querySelector('.table-scroll table')).not.toBeNull();
  });

  it('filters by status with a new request, and says when nothing matches', async () => {
    const select = element.querySelector('select[name="statusFilter"]') as HTMLSelectElement;
    select.value = 'failed';
    select.dispatchEvent(new Event('change'));
    await settle();
    const request = deliveriesRequest();
    expect([request.request.params.get('status'), request.request.params.get('limit')]).toEqual(['failed', '100']);
    request.flush([]);
    await settle();
    expect(rows()).toHaveLength(0);
    expect(text(element.querySelector('[data-testid="empty-log"]'))).toBe('No sends with this status yet.');
  });

  it('pages on from the last row shown when a page was full, keeping the filter, and says when that is all', async () => {
    const full = Array.from({ length: 100 }, (_, i) => entry({ id: `p-${i}`, key: `k-${String(999 - i).padStart(4, '0')}` }));
    const select = element.querySelector('select[name="statusFilter"]') as HTMLSelectElement;
    select.value = 'sent';
    select.dispatchEvent(new Event('change'));
    await settle();
    deliveriesRequest().flush(full);
    await settle();
    const older = () => [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Show older sends')) as HTMLButtonElement | undefined;
    expect(older()).toBeDefined();
    older()?.click();
    await settle();
    const next = deliveriesRequest();
    expect(['status', 'limit', 'before', 'beforeKey'].map((p) => next.request.params.get(p))).toEqual(['sent', '100', full[99].updatedAt, 'k-0900']);
    next.flush([entry({ id: 'older-1', key: 'k-0001' })]);
    await settle();
    expect(rows()).toHaveLength(101);
    expect(older()).toBeUndefined();
    expect(text(element.querySelector('[data-testid="log-end"]'))).toBe('That is every send with this status.');
  });

  it('filters by recipient, named from the school’s members, together with the status', async () => {
    const recipient = element.querySelector('select[name="recipientFilter"]') as HTMLSelectElement;
    expect([...recipient.options].map((o) => text(o))).toEqual(['Everyone', 'Pat Parent']);
    recipient.value = RECIPIENT;
    recipient.dispatchEvent(new Event('change'));
    await settle();
    const request = deliveriesRequest();
    expect([request.request.params.get('recipientId'), request.request.params.has('status')]).toEqual([RECIPIENT, false]);
    request.flush([]);
    await settle();
    expect(text(element.querySelector('[data-testid="empty-log"]'))).toBe('No sends to Pat Parent yet.');
    const status = element.querySelector('select[name="statusFilter"]') as HTMLSelectElement;
    status.value = 'failed';
    status.dispatchEvent(new Event('change'));
    await settle();
    const both = deliveriesRequest();
    expect([both.request.params.get('recipientId'), both.request.params.get('status')]).toEqual([RECIPIENT, 'failed']);
    both.flush([]);
    await settle();
    expect(text(element.querySelector('[data-testid="empty-log"]'))).toBe('No sends with this status to Pat Parent yet.');
  });

  it('offers no older sends after a page that was not full', () => {
    expect(rows()).toHaveLength(3);
    expect([...element.querySelectorAll('button')].some((b) => b.textContent?.includes('Show older sends'))).toBe(false);
  });

  it('shows the school’s reminder defaults in minutes and in words', () => {
    expect([offsetInput(0).value, offsetInput(1).value, offsetInput(2).value]).toEqual(['1440', '60', '30']);
    expect(text(element.querySelector('[data-testid="offsets-in-words"]'))).toBe('1 day, 1 hour and 30 minutes before');
  });

  it('saves the edited defaults with one PATCH and shows what the server kept', async () => {
    offsetInput(0).value = '120';
    offsetInput(0).dispatchEvent(new Event('input'));
    (element.querySelector('button[aria-label="Remove reminder 3"]') as HTMLButtonElement).click();
    await settle();
    expect(text(element.querySelector('[data-testid="offsets-in-words"]'))).toBe('2 hours and 1 hour before');
    saveButton().click();
    await settle();
    const patch = http.expectOne(NOTIFICATIONS_API.settings);
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { reminderOffsets: [120, 60] }]);
    patch.flush({ reminderOffsets: [120, 60] });
    await settle();
    expect(text(element.querySelector('form [role="status"]'))).toBe('Reminder defaults saved.');
    expect(element.querySelectorAll('[data-testid="default-offset"]')).toHaveLength(2);
  });

  it('allows at most five reminders', async () => {
    const add = [...element.querySelectorAll('button')].find((b) => b.textContent?.includes('Add a reminder')) as HTMLButtonElement;
    add.click();
    await settle();
    add.click();
    await settle();
    expect(element.querySelectorAll('[data-testid="default-offset"]')).toHaveLength(5);
    expect(add.disabled).toBe(true);
  });

  it('shows the server’s refusal under the field it names and keeps the form', async () => {
    offsetInput(1).value = '2';
    offsetInput(1).dispatchEvent(new Event('input'));
    await settle();
    saveButton().click();
    await settle();
    const patch = http.expectOne(NOTIFICATIONS_API.settings);
    expect(patch.request.body).toEqual({ reminderOffsets: [1440, 2, 30] });
    patch.flush(
      { type: 'about:blank', title: 'Check the settings', status: 400, code: 'VALIDATION.INVALID', errors: [{ field: 'reminderOffsets.1', message: 'At least 5 minutes.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text(element.querySelector('[data-testid="offset-1-error"]'))).toBe('At least 5 minutes.');
    expect(offsetInput(1).getAttribute('aria-invalid')).toBe('true');
    expect(offsetInput(0).getAttribute('aria-invalid')).not.toBe('true');
    expect(text(element.querySelector('form [role="status"]'))).toBe('');
  });

  it('formats instants in the given IANA zone', () => {
    expect([deliveryTime('2026-07-01T23:30:00.000Z', 'Europe/London'), deliveryTime('2026-07-01T23:30:00.000Z', 'Asia/Tokyo')]).toEqual(['2 Jul 2026, 00:30', '2 Jul 2026, 08:30']);
  });
});
