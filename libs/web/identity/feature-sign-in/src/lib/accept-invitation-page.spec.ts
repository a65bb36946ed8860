import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { API, AuthStore, provideAppProfile } from '@cadenza/web/shared/data-access-api';
import { AcceptInvitationPage, INVITATION_GONE, INVITATION_NOT_VALID } from './accept-invitation-page';

const TOKEN = 'invitation-token-0123456789abcdef';
const session = {
  accessToken: 't',
  accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
  me: {
    id: 'u-9',
    email: 'new.teacher@demo.cadenza.school',
    name: 'Nia New',
    roles: ['teacher'],
    safeguardingLead: false,
    timeZone: 'Europe/London',
    locale: 'en-GB',
    school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
  },
};

describe('AcceptInvitationPage', () => {
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [AcceptInvitationPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppProfile({
          product: 'Console',
          audience: 'staff',
          audienceDescription: 'for school staff',
          otherApp: { name: 'family portal', url: '/' },
          nav: [],
        }),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function input(label: string): HTMLInputElement {
    const match = [...element.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
    const id = match?.getAttribute('for');
    const control = id ? element.querySelector<HTMLInputElement>(`#${id}`) : null;
    if (!control) throw new Error(`no input labelled ${label}`);
    return control;
  }

  async function fill(password: string, confirm: string): Promise<void> {
    for (const [field, value] of [
      [input('New password'), password],
      [input('Confirm new password'), confirm],
    ] as const) {
      field.value = value;
      field.dispatchEvent(new Event('input'));
    }
    element.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
  }

  function errorsText(): string {
    return [...element.querySelectorAll('mat-error')].map((e) => e.textContent?.trim()).join(' | ');
  }

  it('renders one heading and two labelled new-password fields', () => {
    expect(element.querySelectorAll('h1')).toHaveLength(1);
    expect(element.querySelector('h1')?.textContent).toContain('Accept your invitation');
    expect(input('New password').type).toBe('password');
    expect(input('New password').autocomplete).toBe('new-password');
    expect(input('Confirm new password').autocomplete).toBe('new-password');
  });

  it('checks length and that the passwords match before calling the server', async () => {
    await fill('short', 'short');
    expect(errorsText()).toBe('Use at least 10 characters.');
    await fill('long-enough-1', 'long-enough-2');
    expect(errorsText()).toBe('The passwords do not match.');
    backend.expectNone(API.acceptInvitation);
  });

  it('accepts the invitation, signs the person in and goes home', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await fill('a-new-password', 'a-new-password');

    const accept = backend.expectOne(API.acceptInvitation);
    expect(accept.request.method).toBe('POST');
    expect(accept.request.body).toEqual({ token: TOKEN, password: 'a-new-password' });
    accept.flush({ email: 'new.teacher@demo.cadenza.school' }, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(element.querySelector('[role=status]')?.textContent).toContain('new.teacher@demo.cadenza.school');

    const login = backend.expectOne(API.login);
    expect(login.request.body).toEqual({ email: 'new.teacher@demo.cadenza.school', password: 'a-new-password' });
    login.flush(session);
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()?.name).toBe('Nia New');
    expect(navigate).toHaveBeenCalledWith('/');
  });

  it('says an expired or used invitation must be renewed by the school (410)', async () => {
    await fill('a-new-password', 'a-new-password');
    backend
      .expectOne(API.acceptInvitation)
      .flush(
        { type: 'about:blank', title: 'Gone', status: 410, code: 'IDENTITY.INVITATION_EXPIRED', detail: 'The invitation has expired.' },
        { status: 410, statusText: 'Gone' },
      );
    await fixture.whenStable();

    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent).toContain(INVITATION_GONE);
    expect(alert?.textContent).toContain('ask your school for a new one');
    backend.expectNone(API.login);
  });

  it('says an unknown link is not valid (404)', async () => {
    await fill('a-new-password', 'a-new-password');
    backend
      .expectOne(API.acceptInvitation)
      .flush({ type: 'about:blank', title: 'Not Found', status: 404, code: 'IDENTITY.INVITATION_NOT_FOUND' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')?.textContent).toContain(INVITATION_NOT_VALID);
  });

  it('shows a password problem from the server next to the field', async () => {
    await fill('a-new-password', 'a-new-password');
    backend.expectOne(API.acceptInvitation).flush(
      {
        type: 'https://cadenza.school/problems/validation',
        title: 'Some fields need attention',
        status: 400,
        code: 'VALIDATION.INVALID',
        errors: [{ field: 'password', message: 'Use at most 200 characters.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorsText()).toBe('Use at most 200 characters.');
    expect(element.querySelector('[role=alert]')).toBeNull();
  });
});
