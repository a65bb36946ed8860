import { effect, inject, Injectable, signal, untracked } from '@angular/core';
import {
  REALTIME_PATH,
  type ClientToServerEvents,
  type ProblemDetails,
  type ServerToClientEvents,
} from '@cadenza/shared/contracts';
import { Observable, Subject } from 'rxjs';
import { io, type Socket } from 'socket.io-client';
import { AuthStore } from './auth-store';

type EventName = keyof ServerToClientEvents;
type Payload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/**
 * The app's one socket to `/ws`, open while someone is signed in. It authenticates with
 * the in-memory access token; when the server refuses or drops it because the token
 * expired, it refreshes the session and connects again. Events carry ids only: pages
 * re-read over REST, and re-read everything after `reconnected` (events sent while the
 * socket was away are not replayed).
 */
@Injectable({ providedIn: 'root' })
export class RealtimeClient {
  private readonly auth = inject(AuthStore);
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly connectedState = signal(false);
  private readonly reconnectedEvents = new Subject<void>();
  private everConnected = false;
  private refreshing = false;

  /** Whether the socket is up now. */
  readonly connected = this.connectedState.asReadonly();
  /** Fires each time the socket comes back after a loss, so pages can re-read what they show. */
  readonly reconnected: Observable<void> = this.reconnectedEvents.asObservable();

  constructor() {
    effect(() => {
      const token = this.auth.accessToken();
      untracked(() => this.follow(token));
    });
  }

  /** The stream of one server event; subscribing does not open the socket by itself (signing in does). */
  on<E extends EventName>(event: E): Observable<Payload<E>> {
    return new Observable<Payload<E>>((subscriber) => {
      const handler = (payload: unknown) => subscriber.next(payload as Payload<E>);
      const set = this.listeners.get(event) ?? new Set();
      set.add(handler);
      this.listeners.set(event, set);
      return () => set.delete(handler);
    });
  }

  private follow(token: string | null): void {
    if (!token) {
      this.socket?.disconnect();
      this.socket = null;
      this.everConnected = false;
      this.connectedState.set(false);
      return;
    }
    if (!this.socket) this.socket = this.open();
    if (!this.socket.connected && !this.socket.active) this.socket.connect();
  }

  private open(): Socket<ServerToClientEvents, ClientToServerEvents> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: REALTIME_PATH,
      transports: ['websocket'],
      autoConnect: false,
      // Read at each (re)connection attempt, so a refreshed token is used.
      auth: (cb) => cb({ token: this.auth.accessToken() }),
    });
    socket.on('connect', () => {
      this.connectedState.set(true);
      if (this.everConnected) this.reconnectedEvents.next();
      this.everConnected = true;
    });
    socket.on('disconnect', (reason) => {
      this.connectedState.set(false);
      // The server closed it (an expired token, say): socket.io does not retry on its own.
      if (reason === 'io server disconnect') this.renewAndConnect();
    });
    socket.on('connect_error', (error: Error & { data?: ProblemDetails }) => {
      if (error.data?.status === 401) this.renewAndConnect();
    });
    socket.onAny((event: string, payload: unknown) => {
      for (const listener of this.listeners.get(event) ?? []) listener(payload);
    });
    return socket;
  }

  private renewAndConnect(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    // A new token re-enters `follow` through the effect, which connects again.
    this.auth.refresh().subscribe({
      next: () => {
        this.refreshing = false;
        if (this.socket && !this.socket.connected && !this.socket.active) this.socket.connect();
      },
      error: () => (this.refreshing = false),
    });
  }
}
