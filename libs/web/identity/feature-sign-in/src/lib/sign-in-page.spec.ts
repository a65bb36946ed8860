import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { API, AuthStore } from '@cadenza/web/shared/data-access-api';
import { aMe, aSession } from '@cadenza/web/shared/data-access-api/testing';
import { SignInPage } from './sign-in-page';
import { cardForm, createCardPage } from './testing/card-form';

const session = aSession('t', aMe({ email: 'admin@demo.cadenza.school', name: 'Ada Admin', roles: ['admin'] }));

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  let input: (label: string) => HTMLInputElement;
  let errorsText: () => string;
  let fill: (email: string, password: string) => Promise<void>;

  beforeEach(async () => {
    fixture = await createCardPage(SignInPage);
    backend = TestBed.inject(HttpTestingController);
    const form = cardForm(fixture);
    ({ element, input, errorsText } = form);
    fill = (email, password) =>
      form.fill([
        ['Email', email],
        ['Password', password],
      ]);
  });

  afterEach(() => backend.verify());

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

  /** Signs in with a wrong password and answers with the server's refusal. */
  async function refusedWith(problem: { title: string; status: number; code: string; detail: string }, statusText: string) {
    await fill('admin@demo.cadenza.school', 'wrong-password');
    backend.expectOne(API.login).flush({ type: 'about:blank', ...problem }, { status: problem.status, statusText });
    await fixture.whenStable();
  }

  it('shows a wrong password as an alert with the server detail', async () => {
    await refusedWith({ title: 'Sign-in failed', status: 401, code: 'IDENTITY.INVALID_CREDENTIALS', detail: 'The email or password is wrong.' }, 'Unauthorized');

    const alert = element.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('Sign-in failed');
    expect(alert?.textContent).toContain('The email or password is wrong.');
  });

  it('shows the rate-limit detail from the server', async () => {
    await refusedWith({ title: 'Too Many Requests', status: 429, code: 'HTTP.TOO_MANY_REQUESTS', detail: 'Too many attempts. Try again in 10 minutes.' }, 'Too Many Requests');

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
