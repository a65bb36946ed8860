import { computed, DestroyRef, inject, Injectable, Injector, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { REALTIME_EVENTS, type Lesson, type ProblemDetails } from '@cadenza/shared/contracts';
import { RealtimeClient, toProblem } from '@cadenza/web/shared/data-access-api';
import { catchError, debounceTime, map, merge, of, switchMap, tap } from 'rxjs';
import { SchedulingApi, type LessonsFilter } from './scheduling-api';

/** How long pushes are gathered before they cause one read. */
export const PUSH_GATHER_MS = 50;

/**
 * The lessons of the period a page shows, in start order: read over REST for the query the
 * page follows, and read again when that query changes, when the page asks (after a change
 * it made), on `lesson.changed.v1` (a burst of them making one read) and whenever the socket comes back (pushes missed
 * while it was away are not replayed). A newer read replaces an older one still in flight.
 * Provide it on the page: it listens for as long as that page lives.
 */
@Injectable()
export class LessonsStore {
  private readonly api = inject(SchedulingApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  /** Bumped to read the same query again. */
  private readonly version = signal(0);
  private readonly lessonsState = signal<Lesson[]>([]);
  private readonly loadedForState = signal('');
  private readonly loadingState = signal(false);
  private readonly problemState = signal<ProblemDetails | null>(null);
  private following = false;

  readonly lessons = this.lessonsState.asReadonly();
  /** The query (as JSON) the lessons were read for; empty until the first answer. */
  readonly loadedFor = this.loadedForState.asReadonly();
  /** Whether a read is in flight. */
  readonly loading = this.loadingState.asReadonly();
  /** Why the last read failed; cleared by the next answer. */
  readonly problem = this.problemState.asReadonly();

  constructor() {
    // A series or a relay batch pushes many changes at once: they make one read.
    merge(this.realtime.on(REALTIME_EVENTS.lessonChanged), this.realtime.reconnected)
      .pipe(debounceTime(PUSH_GATHER_MS), takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.reload());
  }

  /** Reads the lessons `query` asks for, now and whenever a signal it reads changes. Call once. */
  follow(query: () => LessonsFilter): void {
    if (this.following) throw new Error('LessonsStore already follows a query');
    this.following = true;
    // A new object each time, so a reload of an unchanged query still counts as a change.
    const asked = computed(() => ({ filter: query(), version: this.version() }));
    toObservable(asked, { injector: this.injector })
      .pipe(
        tap(() => this.loadingState.set(true)),
        switchMap(({ filter }) =>
          this.api.lessons(filter).pipe(
            map((lessons) => ({ lessons, loadedFor: JSON.stringify(filter) })),
            catchError((error: unknown) => {
              this.problemState.set(toProblem(error));
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((loaded) => {
        this.loadingState.set(false);
        if (!loaded) return;
        this.problemState.set(null);
        this.lessonsState.set([...loaded.lessons].sort((a, b) => a.start.localeCompare(b.start)));
        this.loadedForState.set(loaded.loadedFor);
      });
  }

  /** Reads the current query again. */
  reload(): void {
    this.version.update((v) => v + 1);
  }
}
