import type { Me, MessagingContact, Session, ThreadDetail, ThreadSummary } from '@cadenza/shared/contracts';
import { Subject, type Observable } from 'rxjs';

/** For specs: a socket that the test drives (events in, nothing out). */
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
  private stream(event: string): Subject<unknown> {
    let s = this.streams.get(event);
    if (!s) this.streams.set(event, (s = new Subject()));
    return s;
  }
}

export function aMessagingMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'me',
    email: 'parent1@demo.cadenza.school',
    name: 'Pat Parent',
    roles: ['parent'],
    safeguardingLead: false,
    timeZone: 'Europe/London',
    locale: 'en-GB',
    school: { id: 's-1', name: 'Cadenza Demo School', slug: 'demo', timeZone: 'Europe/London', currency: 'GBP', locale: 'en-GB' },
    ...overrides,
  };
}

export function aMessagingSession(me: Me = aMessagingMe()): Session {
  return { accessToken: 'token', accessTokenExpiresAt: '2030-01-01T00:00:00.000Z', me };
}

export function aSummary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    id: 't-1',
    kind: 'direct',
    subject: null,
    participantIds: ['me', 'teacher'],
    createdBy: 'me',
    createdAt: '2030-01-07T09:00:00.000Z',
    lastSeq: 0,
    lastMessageAt: null,
    leadOversight: false,
    unreadCount: 0,
    lastReadSeq: 0,
    ...overrides,
  };
}

export function aDetail(overrides: Partial<ThreadDetail> = {}): ThreadDetail {
  return {
    id: 't-1',
    kind: 'direct',
    subject: null,
    participantIds: ['me', 'teacher'],
    createdBy: 'me',
    createdAt: '2030-01-07T09:00:00.000Z',
    lastSeq: 0,
    lastMessageAt: null,
    leadOversight: false,
    messages: [],
    receipts: [],
    readAsLead: false,
    ...overrides,
  };
}

export const CONTACTS: MessagingContact[] = [
  { id: 'teacher', name: 'Tess Teacher', roles: ['teacher'], minor: false, canStart: true },
  { id: 'child', name: 'Mia Minor', roles: ['student'], minor: true, canStart: true },
  { id: 'other-parent', name: 'Quinn Parent', roles: ['parent'], minor: false, canStart: false },
];
