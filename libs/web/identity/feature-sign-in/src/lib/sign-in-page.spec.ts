import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { API, AuthStore, provideAppProfile } from '@cadenza/web/shared/data-access-api';
import { SignInPage } from './sign-in-page';

const session = {
  accessToken: 't',
  accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
  me: {
    id: 'u-1',
    email: 'admin@demo.cadenza.school',
    name: 'Ada Admin',
    roles: ['admin'],
    safeguardingLead: false,
    timeZone: 'Europe/London',
    locale: 'en-GB',
    school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
  },
};

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SignInPage],
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
    fixture = TestBed.createComponent(SignInPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function input(label: string): HTMLInputElement {
    const match = [...element.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
    const id = match?.getAttribute('for');
    const control = id ? element.querySelector<HTMLInputElement>(`#${id}`) : null;
    if (!control) throw new Error(`no input labelled ${label}`);
    return control;
  }

  async function fill(email: string, password: string): Promise<void> {
    for (const [field, value] of [
      [input('Email'), email],
      [input('Password'), password],
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

  it('renders a labelled form with one heading', () => {
    expect(element.querySelectorAll('h1')).toHaveLength(1);
    expect(element.querySelector('h1')?.textContent).toContain('Sign in');
    expect(input('Email').type).toBe('email');
    expect(input('Email').autocomplete).toBe('username');
    expect(input('Password').type).toBe('password');
    expect(input('Password').autocomplete).toBe('current-password');
  });

  it('asks for both fields before calling the server', async () => {
    await fill('', '');
    expect(errorsText()).toBe('Enter your email address. | Enter your password.');
    backend.expectNone(API.login);
  });

  it('shows field errors from a problem response next to their fields', async () => {
    await fill('someone@example.org', 'x');
    backend.expectOne(API.login).flush(
      {
        type: 'https://cadenza.school/problems/validation',
        title: 'Some fields need attention',
        status: 400,
        code: 'VALIDATION.INVALID',
        errors: [{ field: 'email', message: 'This address is not allowed.' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(errorsText()).toBe('This address is not allowed.');
    const described = input('Email').getAttribute('aria-describedby') ?? '';
    expect(described.split(' ').some((id) => element.querySelector(`#${id}`)?.textContent?.includes('This address is not allowed.'))).toBe(true);
    expect(element.querySelector('[role=alert]')).toBeNull();
  });

  it('shows a wrong password as an alert with the server detail', async () => {
    await fill('admin@demo.cadenza.school', 'wrong-password');
    backend
      .expectOne(API.login)
      .flush(
        { type: 'about:blank', title: 'Sign-in failed', status: 401, code: 'IDENTITY.INVALID_CREDENTIALS', detail: 'The email or password is wrong.' },
        { status: 401, statusText: 'Unauthorized' },
      );
    await fixture.whenStable();

    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Sign-in failed');
    expect(alert?.textContent).toContain('The email or password is wrong.');
  });

  it('shows the rate-limit detail from the server', async () => {
    await fill('admin@demo.cadenza.school', 'wrong-password');
    backend
      .expectOne(API.login)
      .flush(
        { type: 'about:blank', title: 'Too Many Requests', status: 429, code: 'HTTP.TOO_MANY_REQUESTS', detail: 'Too many attempts. Try again in 10 minutes.' },
        { status: 429, statusText: 'Too Many Requests' },
      );
    await fixture.whenStable();

    expect(element.querySelector('[role=alert]')?.textContent).toContain('Too many attempts. Try again in 10 minutes.');
  });

  it('signs in and goes to the requested page', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fixture.componentRef.setInput('returnUrl', '/lessons');
    await fill(' admin@demo.cadenza.school ', 'cadenza-demo');

    const request = backend.expectOne(API.login);
    expect(request.request.body).toEqual({ email: 'admin@demo.cadenza.school', password: 'cadenza-demo' });
    request.flush(session);
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).user()?.name).toBe('Ada Admin');
    expect(navigate).toHaveBeenCalledWith('/lessons');
  });
});
