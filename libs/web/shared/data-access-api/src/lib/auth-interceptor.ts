import { HttpErrorResponse, type HttpInterceptorFn, type HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, map, of, switchMap, throwError } from 'rxjs';
import { API, isApiUrl, isAuthUrl, SIGN_IN_PATH } from './api-paths';
import { AuthStore } from './auth-store';

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the access token to API calls. On a 401 from anything but the auth endpoints it
 * refreshes the session once (concurrent 401s share that refresh) and retries; when the
 * refresh fails the session is cleared and the user is sent to sign in.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isApiUrl(request.url) || request.url === API.login || request.url === API.refresh) return next(request);

  const store = inject(AuthStore);
  const router = inject(Router);
  const sentToken = store.accessToken();

  return next(withBearer(request, sentToken)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || isAuthUrl(request.url)) return throwError(() => error);

      // Another request may already have renewed the token while this one was in flight.
      const current = store.accessToken();
      const renewed = current && current !== sentToken ? of(current) : store.refresh().pipe(map((session) => session.accessToken));
      return renewed.pipe(
        catchError(() => {
          store.clear();
          const returnUrl = router.url.startsWith(SIGN_IN_PATH) ? undefined : router.url;
          void router.navigate([SIGN_IN_PATH], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
          return throwError(() => error);
        }),
        switchMap((token) => next(withBearer(request, token))),
      );
    }),
  );
};
