import { Subject, type Observable } from 'rxjs';

/** For specs: a socket that the test drives (events in, nothing out), provided as `RealtimeClient`. */
export class FakeRealtime {
  private readonly streams = new Map<string, Subject<unknown>>();
  readonly reconnectedEvents = new Subject<void>();
  readonly reconnected: Observable<void> = this.reconnectedEvents.asObservable();

  on(event: string): Observable<unknown> {
    return this.stream(event).asObservable();
  }

  emit(event: string, payload: unknown): void {
    this.stream(event).next(payload);
  }

  /** Whether anything listens to `event` now. */
  listens(event: string): boolean {
    return this.stream(event).observed;
  }

  private stream(event: string): Subject<unknown> {
    let s = this.streams.get(event);
    if (!s) this.streams.set(event, (s = new Subject()));
    return s;
  }
}
