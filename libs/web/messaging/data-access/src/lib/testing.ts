import type { Me, MessagingContact, Session, ThreadDetail, ThreadSummary } from '@cadenza/shared/contracts';
// The socket fake is the shared one; re-exported so messaging's specs keep one import.
export { FakeRealtime } from '@cadenza/web/shared/data-access-api/testing';

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

/** What a thread's summary and its detail both say of it: a direct thread of mine with a teacher, empty. */
const aThread = () => ({
  id: 't-1',
  kind: 'direct' as const,
  subject: null,
  participantIds: ['me', 'teacher'],
  createdBy: 'me',
  createdAt: '2030-01-07T09:00:00.000Z',
  lastSeq: 0,
  lastMessageAt: null,
  leadOversight: false,
});

export function aSummary(overrides: Partial<ThreadSummary> = {}): ThreadSummary {
  return {
    ...aThread(),
    unreadCount: 0,
    lastReadSeq: 0,
    ...overrides,
  };
}

export function aDetail(overrides: Partial<ThreadDetail> = {}): ThreadDetail {
  return {
    ...aThread(),
    messages: [],
    receipts: [],
    readAsLead: false,
    ...overrides,
  };
}

export const CONTACTS: MessagingContact[] = [
  { id: 'teacher', name: 'Tess Teacher', roles: ['teacher'], minor: false, canStart: true, children: [] },
  { id: 'child', name: 'Mia Minor', roles: ['student'], minor: true, canStart: true, children: [] },
  { id: 'other-parent', name: 'Quinn Parent', roles: ['parent'], minor: false, canStart: false, children: ['Mia Minor'] },
];
