import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { Router } from '@angular/router';
import { API, AuthStore } from '@cadenza/web/shared/data-access-api';
import { aMe, aSession } from '@cadenza/web/shared/data-access-api/testing';
import { AcceptInvitationPage, INVITATION_GONE, INVITATION_NOT_VALID } from './accept-invitation-page';
import { cardForm, createCardPage } from './testing/card-form';

const TOKEN = 'invitation-token-0123456789abcdef';
const session = aSession('t', aMe({ id: 'u-9', email: 'new.teacher@demo.cadenza.school', name: 'Nia New' }));

describe('AcceptInvitationPage', () => {
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  let input: (label: string) => HTMLInputElement;
  let errorsText: () => string;
  let fill: (password: string, confirm: string) => Promise<void>;

  beforeEach(async () => {
    fixture = await createCardPage(AcceptInvitationPage, { token: TOKEN });
    backend = TestBed.inject(HttpTestingController);
    const form = cardForm(fixture);
    ({ element, input, errorsText } = form);
    fill = (password, confirm) =>
      form.fill([
        ['New password', password],
        ['Confirm new password', confirm],
      ]);
  });

  afterEach(() => backend.verify());

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
