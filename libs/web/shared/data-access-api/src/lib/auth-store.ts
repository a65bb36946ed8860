import { HttpClient, HttpHeaders } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { CSRF_HEADER, CSRF_HEADER_VALUE, type LoginRequest, type Me, type Session } from '@cadenza/shared/contracts';
import { catchError, finalize, firstValueFrom, map, of, shareReplay, tap, type Observable } from 'rxjs';
import { API } from './api-paths';

const csrfHeaders = new HttpHeaders({ [CSRF_HEADER]: CSRF_HEADER_VALUE });

/**
 * The signed-in session. The access token lives only in memory (a signal); the refresh
 * token is an httpOnly cookie the browser sends to the refresh and logout endpoints.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Session | null>(null);
  private pendingRefresh: Observable<Session> | null = null;
  private restoring: Promise<void> | null = null;

  readonly session = this.state.asReadonly();
  readonly user = computed(() => this.state()?.me ?? null);
  readonly accessToken = computed(() => this.state()?.accessToken ?? null);
  readonly signedIn = computed(() => this.state() !== null);

  login(email: string, password: string): Observable<Session> {
    const body: LoginRequest = { email, password };
    return this.http.post<Session>(API.login, body, { withCredentials: true }).pipe(tap((session) => this.state.set(session)));
  }

  /** Trades the refresh cookie for a new session. Concurrent callers share one request. */
  refresh(): Observable<Session> {
    this.pendingRefresh ??= this.http.post<Session>(API.refresh, {}, { headers: csrfHeaders, withCredentials: true }).pipe(
      tap({ next: (session) => this.state.set(session), error: () => this.state.set(null) }),
      finalize(() => (this.pendingRefresh = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.pendingRefresh;
  }

  /** Ends the session on the server (revoking the refresh cookie) and forgets it here, even if the server cannot be reached. */
  logout(): Observable<void> {
    return this.http.post<unknown>(API.logout, {}, { headers: csrfHeaders, withCredentials: true }).pipe(
      map(() => undefined),
      catchError(() => of(undefined)),
      finalize(() => this.clear()),
    );
  }

  /** Reloads the signed-in user's profile. */
  me(): Observable<Me> {
    return this.http.get<Me>(API.me).pipe(tap((me) => this.state.update((session) => (session ? { ...session, me } : session))));
  }

  /** Takes the signed-in user's changed profile (after they edited it) into the session, so the shell shows it at once. */
  setMe(me: Me): void {
    this.state.update((session) => (session ? { ...session, me } : session));
  }

  /** Restores a session from the refresh cookie once per page load (so a reload keeps you signed in). Never fails. */
  restore(): Promise<void> {
    this.restoring ??= this.signedIn()
      ? Promise.resolve()
      : firstValueFrom(
          this.refresh().pipe(
            map(() => undefined),
            catchError(() => of(undefined)),
          ),
        );
    return this.restoring;
  }

  clear(): void {
    this.state.set(null);
  }
}
