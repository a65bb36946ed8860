import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import type { NotificationPreferences } from '@cadenza/shared/contracts';
import { NOTIFICATIONS_API } from '@cadenza/web/messaging/data-access-notifications';
import { componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { describeOffsets } from './notification-labels';
import { NotificationPreferencesPage } from './notification-preferences-page';

const prefs: NotificationPreferences = {
  channels: {
    'lesson.reminder': { email: true },
    'lesson.changed': { email: true },
    'lesson-request.updated': { email: false },
    'message.received': { email: false },
    'message.flagged': { email: false },
    'attendance.register-missing': { email: true },
    'attendance.absence-streak': { email: true },
  },
  quietHours: null,
  timeZone: 'Europe/London',
  reminderOffsets: null,
  schoolReminderOffsets: [1440, 60, 30],
};

describe('NotificationPreferencesPage', () => {
  let fixture: ComponentFixture<NotificationPreferencesPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    ({ http: backend, fixture, element } = componentWithBackend(NotificationPreferencesPage));
    fixture.detectChanges();
    backend.expectOne(NOTIFICATIONS_API.preferences).flush(prefs);
    await render();
  });
  afterEach(() => backend.verify());

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }
  const checkbox = (label: string) => [...element.querySelectorAll('mat-checkbox')].find((c) => c.textContent?.includes(label))!.querySelector('input')!;
  const submit = () => element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

  it('shows the preferences and the school’s default reminders', () => {
    expect(element.querySelector('[data-testid="school-default"]')?.textContent).toContain("The school's default: 1 day, 1 hour and 30 minutes before");
    expect(checkbox('Lesson reminders').checked).toBe(true);
    expect(checkbox('New messages').checked).toBe(false);
    // Flags go to the safeguarding lead, attendance's alerts to staff and guardians: nobody else is asked about them.
    expect(element.textContent).not.toContain('Flagged messages');
    expect(element.textContent).not.toContain('Registers not yet complete');
    expect(element.textContent).not.toContain('Absences without notice');
    expect(element.querySelector<HTMLSelectElement>('select[name="timeZone"]')!.value).toBe('Europe/London');
  });

  it('saves email per type, quiet hours, the time zone and own reminders', async () => {
    checkbox('New messages').click();
    checkbox('No email during quiet hours').click();
    await render();
    const zone = element.querySelector<HTMLSelectElement>('select[name="timeZone"]')!;
    zone.value = 'America/New_York';
    zone.dispatchEvent(new Event('change'));
    const own = [...element.querySelectorAll<HTMLInputElement>('mat-radio-button input')][1];
    own.click();
    await render();
    expect(element.querySelectorAll('[data-testid="reminder-offset"]').length).toBe(3);
    // Drop the 30-minute reminder, make the hour two.
    element.querySelectorAll<HTMLButtonElement>('[data-testid="reminder-offset"] button')[2].click();
    await render();
    const amount = element.querySelector<HTMLInputElement>('input[name="amount-1"]')!;
    amount.value = '2';
    amount.dispatchEvent(new Event('input'));
    await render();
    submit();
    const patch = backend.expectOne(NOTIFICATIONS_API.preferences);
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({
      channels: {
        'lesson.reminder': { email: true },
        'lesson.changed': { email: true },
        'lesson-request.updated': { email: false },
        'message.received': { email: true },
      },
      quietHours: { start: '21:00', end: '07:00' },
      timeZone: 'America/New_York',
      reminderOffsets: [1440, 120],
    });
    patch.flush({ ...prefs, quietHours: { start: '21:00', end: '07:00' }, timeZone: 'America/New_York', reminderOffsets: [1440, 120] });
    await render();
    expect(element.querySelector('[data-testid="preferences-status"]')?.textContent).toBe('Preferences saved.');
  });

  it('shows the server’s refusal, naming the problem', async () => {
    submit();
    backend
      .expectOne(NOTIFICATIONS_API.preferences)
      .flush(
        { type: 'https://cadenza.school/problems/validation', title: 'Some fields are not valid', status: 400, detail: 'timeZone: Unknown time zone.', errors: [{ field: 'timeZone', message: 'Unknown time zone.' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await render();
    expect(element.querySelector('cz-problem-alert')?.textContent).toContain('Some fields are not valid');
    expect(element.querySelector('[data-testid="preferences-status"]')?.textContent).toBe('');
  });
});

describe('describeOffsets', () => {
  it('puts reminders in words, largest first', () => {
    expect(describeOffsets([30, 1440, 60])).toBe('1 day, 1 hour and 30 minutes before');
    expect(describeOffsets([90])).toBe('1 hour 30 minutes before');
    expect(describeOffsets([])).toBe('no reminders');
  });
});
