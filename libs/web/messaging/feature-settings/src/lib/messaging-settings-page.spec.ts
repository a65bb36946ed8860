import type { HttpTestingController } from '@angular/common/http/testing';
import type { ComponentFixture } from '@angular/core/testing';
import { MESSAGING_API } from '@cadenza/web/messaging/data-access';
import { componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { bytesToMb, mbToBytes, MessagingSettingsPage } from './messaging-settings-page';

describe('MessagingSettingsPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MessagingSettingsPage>;
  let element: HTMLElement;

  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  };
  const input = (name: string) => element.querySelector(`input[name="${name}"]`) as HTMLInputElement;
  const type = async (name: string, value: string) => {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
    await settle();
  };

  beforeEach(async () => {
    ({ http, fixture, element } = componentWithBackend(MessagingSettingsPage));
    await settle();
    http.expectOne(MESSAGING_API.policy).flush({ minorThreads: 'require_guardian', retentionDays: 730, maxAttachmentBytes: 10 * 1024 * 1024 });
    await settle();
  });
  afterEach(() => http.verify());

  it('shows the school’s policy: the mode as two explained choices, days and MB', () => {
    const checked = element.querySelector('mat-radio-button.mat-mdc-radio-checked');
    expect(checked?.textContent).toContain('Always include a parent or guardian');
    expect(element.textContent).toContain('the school\'s safeguarding lead can read every one of them');
    expect(input('retentionDays').value).toBe('730');
    expect(input('maxAttachmentMb').value).toBe('10');
  });

  it('saves every setting with one PATCH, in days and bytes, and shows what the server kept', async () => {
    (element.querySelector('mat-radio-button[value="visible_to_lead"] input') as HTMLInputElement).click();
    await type('retentionDays', '365');
    await type('maxAttachmentMb', '2.5');
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    const patch = http.expectOne(MESSAGING_API.policy);
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { minorThreads: 'visible_to_lead', retentionDays: 365, maxAttachmentBytes: 2_621_440 }]);
    patch.flush({ minorThreads: 'visible_to_lead', retentionDays: 365, maxAttachmentBytes: 2_621_440 });
    await settle();
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe('Messaging settings saved.');
    expect(input('retentionDays').value).toBe('365');
  });

  it('shows the server’s refusal under the field it names', async () => {
    await type('retentionDays', '7');
    (element.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    http.expectOne(MESSAGING_API.policy).flush(
      { type: 'about:blank', title: 'Check the policy', status: 400, code: 'VALIDATION.INVALID', errors: [{ field: 'retentionDays', message: 'At least 30 days.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(element.querySelector('[data-testid="retentionDays-error"]')?.textContent?.trim()).toBe('At least 30 days.');
    expect(input('retentionDays').getAttribute('aria-invalid')).toBe('true');
    expect(element.querySelector('[data-testid="maxAttachmentBytes-error"]')).toBeNull();
    expect(element.querySelector('[role="status"]')?.textContent?.trim()).toBe('');
  });

  it('converts MB and bytes both ways', () => {
    expect([bytesToMb(65_536), bytesToMb(26_214_400), mbToBytes(0.0625), mbToBytes(25)]).toEqual([0.0625, 25, 65_536, 26_214_400]);
  });
});
