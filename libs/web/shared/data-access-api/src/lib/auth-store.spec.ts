import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@cadenza/shared/contracts';
import { API } from './api-paths';
import { AuthStore } from './auth-store';
import { aMe, aSession } from './testing';
import { withBackend } from './with-backend';

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    ({ http } = withBackend());
    store = TestBed.inject(AuthStore);
  });

  afterEach(() => http.verify());

  it('signs in with email and password and keeps the session in memory', () => {
    let signedInAs = '';
    store.login('teacher1@demo.cadenza.school', 'cadenza-demo').subscribe((session) => (signedInAs = session.me.name));

    const request = http.expectOne(API.login);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'teacher1@demo.cadenza.school', password: 'cadenza-demo' });
    expect(request.request.withCredentials).toBe(true);
    request.flush(aSession('token-1'));

    expect(signedInAs).toBe('Tess Teacher');
    expect(store.signedIn()).toBe(true);
    expect(store.accessToken()).toBe('token-1');
    expect(store.user()?.school.name).toBe('Cadenza Demo School');
  });

  it('refreshes with the CSRF header and the cookie', () => {
    store.refresh().subscribe();

    const request = http.expectOne(API.refresh);
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get(CSRF_HEADER)).toBe(CSRF_HEADER_VALUE);
    expect(request.request.withCredentials).toBe(true);
    request.flush(aSession('token-2'));

    expect(store.accessToken()).toBe('token-2');
  });

  it('shares one refresh between concurrent callers', () => {
    const tokens: string[] = [];
    store.refresh().subscribe((session) => tokens.push(session.accessToken));
    store.refresh().subscribe((session) => tokens.push(session.accessToken));

    http.expectOne(API.refresh).flush(aSession('token-3'));

    expect(tokens).toEqual(['token-3', 'token-3']);
  });

  it('forgets the session when the refresh is refused', () => {
    store.login('a@b.c', 'x').subscribe();
    http.expectOne(API.login).flush(aSession());

    let failed = false;
    store.refresh().subscribe({ error: () => (failed = true) });
    http.expectOne(API.refresh).flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });

    expect(failed).toBe(true);
    expect(store.signedIn()).toBe(false);
  });

  it('restores a session silently, once per page load', async () => {
    const restored = store.restore();
    http.expectOne(API.refresh).flush(aSession('restored'));
    await restored;
    expect(store.accessToken()).toBe('restored');

    await store.restore();
    http.expectNone(API.refresh);
  });

  it('stays signed out without an error when there is nothing to restore', async () => {
    const restored = store.restore();
    http.expectOne(API.refresh).flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(restored).resolves.toBeUndefined();
    expect(store.signedIn()).toBe(false);
  });

  it('signs out on the server with the CSRF header, and locally even if the server fails', () => {
    store.login('a@b.c', 'x').subscribe();
    http.expectOne(API.login).flush(aSession());

    let done = false;
    store.logout().subscribe({ complete: () => (done = true) });
    const request = http.expectOne(API.logout);
    expect(request.request.headers.get(CSRF_HEADER)).toBe(CSRF_HEADER_VALUE);
    expect(request.request.withCredentials).toBe(true);
    request.flush(null, { status: 503, statusText: 'Service Unavailable' });

    expect(done).toBe(true);
    expect(store.signedIn()).toBe(false);
  });

  it('reloads the profile from /me', () => {
    store.login('a@b.c', 'x').subscribe();
    http.expectOne(API.login).flush(aSession());

    store.me().subscribe();
    const request = http.expectOne(API.me);
    expect(request.request.method).toBe('GET');
    request.flush(aMe({ name: 'Tess T. Teacher' }));

    expect(store.user()?.name).toBe('Tess T. Teacher');
  });
});
