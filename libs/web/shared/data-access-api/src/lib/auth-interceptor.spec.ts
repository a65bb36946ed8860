import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { API } from './api-paths';
import { authInterceptor } from './auth-interceptor';
import { AuthStore } from './auth-store';
import { aSession } from './testing';

const unauthorized = { status: 401, statusText: 'Unauthorized' };
const problem401 = { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'IDENTITY.UNAUTHENTICATED' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: AuthStore;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthStore);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);

    store.login('a@b.c', 'x').subscribe();
    backend.expectOne(API.login).flush(aSession('old'));
  });

  afterEach(() => backend.verify());

  it('sends the access token to the API', () => {
    http.get(API.me).subscribe();
    expect(backend.expectOne(API.me).request.headers.get('Authorization')).toBe('Bearer old');
  });

  it('leaves other origins and paths alone', () => {
    http.get('https://example.org/data').subscribe();
    expect(backend.expectOne('https://example.org/data').request.headers.has('Authorization')).toBe(false);
  });

  it('refreshes once on a 401 and retries with the new token', () => {
    let body: unknown;
    http.get(API.me).subscribe((response) => (body = response));

    backend.expectOne(API.me).flush(problem401, unauthorized);
    backend.expectOne(API.refresh).flush(aSession('new'));
    const retry = backend.expectOne(API.me);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush({ ok: true });

    expect(body).toEqual({ ok: true });
  });

  it('lets concurrent 401s share one refresh', () => {
    const results: unknown[] = [];
    http.get(`${API.me}?a`).subscribe((r) => results.push(r));
    http.get(`${API.me}?b`).subscribe((r) => results.push(r));

    backend.expectOne(`${API.me}?a`).flush(problem401, unauthorized);
    backend.expectOne(`${API.me}?b`).flush(problem401, unauthorized);
    backend.expectOne(API.refresh).flush(aSession('new'));

    for (const url of [`${API.me}?a`, `${API.me}?b`]) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
      retry.flush({ url });
    }
    expect(results).toHaveLength(2);
  });

  it('retries without refreshing when the token was already renewed meanwhile', () => {
    http.get(API.me).subscribe();
    const first = backend.expectOne(API.me);

    store.refresh().subscribe();
    backend.expectOne(API.refresh).flush(aSession('renewed'));
    first.flush(problem401, unauthorized);

    const retry = backend.expectOne(API.me);
    expect(retry.request.headers.get('Authorization')).toBe('Bearer renewed');
    retry.flush({});
    backend.expectNone(API.refresh);
  });

  it('clears the session and goes to sign-in when the refresh fails', () => {
    let status = 0;
    http.get(API.me).subscribe({ error: (error: { status: number }) => (status = error.status) });

    backend.expectOne(API.me).flush(problem401, unauthorized);
    backend.expectOne(API.refresh).flush(problem401, unauthorized);

    expect(status).toBe(401);
    expect(store.signedIn()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/sign-in'], expect.anything());
  });

  it('does not retry a second 401 after a refresh', () => {
    let status = 0;
    http.get(API.me).subscribe({ error: (error: { status: number }) => (status = error.status) });

    backend.expectOne(API.me).flush(problem401, unauthorized);
    backend.expectOne(API.refresh).flush(aSession('new'));
    backend.expectOne(API.me).flush(problem401, unauthorized);

    expect(status).toBe(401);
    backend.expectNone(API.refresh);
  });

  it('never refreshes on a 401 from the auth endpoints', () => {
    let status = 0;
    http.post(API.login, {}).subscribe({ error: (error: { status: number }) => (status = error.status) });
    backend.expectOne(API.login).flush(problem401, unauthorized);

    expect(status).toBe(401);
    backend.expectNone(API.refresh);
  });
});
