import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { ME_API } from '@cadenza/web/identity/data-access';
import { AuthStore } from '@cadenza/web/shared/data-access-api';
import { aMe, aSession, componentWithBackend } from '@cadenza/web/shared/data-access-api/testing';
import { AccountPage } from './account-page';

describe('AccountPage', () => {
  let fixture: ComponentFixture<AccountPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;
  let auth: AuthStore;

  beforeEach(async () => {
    const session = aSession('t', aMe({ email: 'tess@example.org', name: 'Tess Teacher', timeZone: 'Europe/London', locale: 'en-GB' }));
    ({ http: backend, fixture, element } = componentWithBackend(AccountPage, { session }));
    auth = TestBed.inject(AuthStore);
    await render();
  });
  afterEach(() => backend.verify());

  async function render() {
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
  }
  const input = (name: string) => element.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  function type(name: string, value: string) {
    const field = input(name);
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  }
  const submit = (label: string) => [...element.querySelectorAll<HTMLButtonElement>('button[type="submit"]')].find((b) => b.textContent?.includes(label))!.click();

  it('shows one’s own name, time zone and locale, and links to the notification preferences', () => {
    expect(input('name').value).toBe('Tess Teacher');
    expect(input('timeZone').value).toBe('Europe/London');
    expect(input('locale').value).toBe('en-GB');
    expect(element.querySelector('a[href="/notifications/preferences"]')).not.toBeNull();
  });

  it('saves the profile and shows the new name in the session at once', async () => {
    type('name', 'Tess Lima');
    type('timeZone', 'America/Sao_Paulo');
    type('locale', 'pt-BR');
    await render();
    submit('Save profile');
    const request = backend.expectOne(ME_API.me);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ name: 'Tess Lima', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' });
    request.flush(aMe({ name: 'Tess Lima', timeZone: 'America/Sao_Paulo', locale: 'pt-BR' }));
    await render();
    expect(auth.user()?.name).toBe('Tess Lima');
    expect(element.querySelector('[data-testid="profile-status"]')?.textContent).toContain('Profile saved.');
  });

  it('shows the server’s problem beside the field it names, and keeps the session as it was', async () => {
    type('name', 'Tess Lima');
    await render();
    submit('Save profile');
    backend.expectOne(ME_API.me).flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The request is not valid.', errors: [{ field: 'name', message: 'Enter a name.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await render();
    expect(element.querySelector('[data-testid="error-name"]')?.textContent).toContain('Enter a name.');
    expect(auth.user()?.name).toBe('Tess Teacher');
  });

  it('changes the password with the current one and clears the form', async () => {
    type('currentPassword', 'the-old-password');
    type('newPassword', 'a-brand-new-password');
    await render();
    submit('Change password');
    const request = backend.expectOne(ME_API.password);
    expect(request.request.body).toEqual({ currentPassword: 'the-old-password', newPassword: 'a-brand-new-password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await render();
    expect(element.querySelector('[data-testid="password-status"]')?.textContent).toContain('Your other sessions are signed out.');
    expect(input('currentPassword').value).toBe('');
    expect(input('newPassword').value).toBe('');
  });

  it('says when the current password is not right', async () => {
    type('currentPassword', 'not-it');
    type('newPassword', 'a-brand-new-password');
    await render();
    submit('Change password');
    backend.expectOne(ME_API.password).flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Your current password is not right.', code: 'IDENTITY.WRONG_CURRENT_PASSWORD', errors: [{ field: 'currentPassword', message: 'Your current password is not right.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await render();
    expect(element.querySelector('[data-testid="error-currentPassword"]')?.textContent).toContain('Your current password is not right.');
    expect(element.querySelector('[data-testid="password-status"]')?.textContent).toBe('');
  });
});
