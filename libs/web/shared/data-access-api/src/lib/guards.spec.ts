import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, UrlTree, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import { API } from './api-paths';
import { provideAppProfile } from './app-profile';
import { AuthStore } from './auth-store';
import { redirectSignedIn, requireAudience, requireRoles, requireSession } from './guards';
import { aConsoleProfile, aMe, aSession } from './testing';

const route = {} as ActivatedRouteSnapshot;
const at = (url: string) => ({ url }) as RouterStateSnapshot;

describe('guards', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideAppProfile(aConsoleProfile()),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  const run = (guard: typeof requireSession, url = '/') => TestBed.runInInjectionContext(() => guard(route, at(url)));
  const serialized = (result: unknown) => (result instanceof UrlTree ? router.serializeUrl(result) : result);

  it('sends someone without a session to sign in, remembering where they were going', async () => {
    const result = run(requireSession, '/lessons');
    backend.expectOne(API.refresh).flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    expect(serialized(await result)).toBe('/sign-in?returnUrl=%2Flessons');
  });

  it('lets a restored session through', async () => {
    const result = run(requireSession);
    backend.expectOne(API.refresh).flush(aSession());
    expect(await result).toBe(true);
  });

  it('points a parent in the console to the other app', async () => {
    TestBed.inject(AuthStore).login('p@x.y', 'z').subscribe();
    backend.expectOne(API.login).flush(aSession('t', aMe({ roles: ['parent'] })));
    expect(serialized(await run(requireAudience))).toBe('/switch-app');
  });

  it('admits a teacher to the console', async () => {
    TestBed.inject(AuthStore).login('t@x.y', 'z').subscribe();
    backend.expectOne(API.login).flush(aSession('t', aMe({ roles: ['teacher'] })));
    expect(await run(requireAudience)).toBe(true);
  });

  it('waits for the session to be restored before judging the audience (guards run side by side)', async () => {
    const session = run(requireSession);
    const audience = run(requireAudience);
    backend.expectOne(API.refresh).flush(aSession('t', aMe({ roles: ['admin'] })));
    expect(await session).toBe(true);
    expect(await audience).toBe(true);
  });

  it('sends a signed-in user away from the sign-in page', async () => {
    const result = run(redirectSignedIn);
    backend.expectOne(API.refresh).flush(aSession());
    expect(serialized(await result)).toBe('/');
  });
});

describe('requireRoles', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  it('lets through only the given roles', async () => {
    const backend = TestBed.inject(HttpTestingController);
    const router = TestBed.inject(Router);
    TestBed.inject(AuthStore).login('t@x.y', 'z').subscribe();
    backend.expectOne(API.login).flush(aSession('t', aMe({ roles: ['teacher'] })));
    const guard = (roles: Parameters<typeof requireRoles>) => TestBed.runInInjectionContext(() => requireRoles(...roles)(route, at('/settings')));
    expect(await guard(['admin', 'teacher'])).toBe(true);
    const refused = await guard(['admin']);
    expect(refused instanceof UrlTree ? router.serializeUrl(refused) : refused).toBe('/');
  });
});
