import { HttpClient } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { REALTIME_EVENTS, type DashboardCounters, type ProblemDetails } from '@cadenza/shared/contracts';
import { API_BASE, RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';

export const COUNTERS_API = `${API_BASE}/me/counters`;

/**
 * The signed-in person's home-page counters: read over REST, then kept live by
 * `counters.updated.v1` (which carries the whole object) and read again whenever the
 * socket comes back, since pushes sent while it was away are not replayed. Provide it on
 * the component that shows them: it listens for as long as that component lives.
 */
@Injectable()
export class CountersStore {
  private readonly http = inject(HttpClient);
  private readonly realtime = inject(RealtimeClient);
  private readonly destroyRef = inject(DestroyRef);
  private readonly state = signal<DashboardCounters | null>(null);
  private readonly problemState = signal<ProblemDetails | null>(null);
  /** Bumped by every push, so a read that was overtaken by one does not overwrite it. */
  private version = 0;

  readonly counters = this.state.asReadonly();
  readonly problem = this.problemState.asReadonly();

  constructor() {
    this.realtime
      .on(REALTIME_EVENTS.countersUpdated)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((counters) => {
        this.version++;
        this.state.set(counters);
        this.problemState.set(null);
      });
    this.realtime.reconnected.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.load());
  }

  load(): void {
    const asked = this.version;
    this.http
      .get<DashboardCounters>(COUNTERS_API)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (counters) => {
          if (this.version !== asked) return;
          this.state.set(counters);
          this.problemState.set(null);
        },
        error: (error: unknown) => this.problemState.set(toProblem(error)),
      });
  }
}
