import type { RealtimeDelivery, RelayedEvent } from '@cadenza/server/platform/realtime';
import { AppRealtimeRouter } from './app-realtime-router.js';
import type { CountersAudienceRouter } from './counters-audience-router.js';
import type { LessonAudienceRouter } from './lesson-audience-router.js';
import type { MessagingAudienceRouter } from './messaging-audience-router.js';
import type { NotificationAudienceRouter } from './notification-audience-router.js';

const posted: RelayedEvent = { id: 'e1', schoolId: 'school', type: 'message.created', occurredAt: new Date('2027-01-04T09:00:00Z'), payload: { threadId: 't1' } };
const message: RealtimeDelivery = { rooms: ['user:u2'], event: 'message.created.v1', payload: { threadId: 't1', messageId: 'm1', seq: 1 } };
const counters: RealtimeDelivery = { rooms: ['user:u2'], event: 'counters.updated.v1', payload: { unreadMessages: 1 } as never };

/** A part that answers `deliveries`, when `gate` (if any) opens. */
const part = <T>(deliveries: RealtimeDelivery[], gate?: Promise<void>) => ({ route: async () => (await gate, deliveries) }) as unknown as T;

describe('AppRealtimeRouter', () => {
  it("hands each part's deliveries over as that part finishes: a message does not wait for the counters", async () => {
    let open!: () => void;
    const countersReady = new Promise<void>((resolve) => (open = resolve));
    const router = new AppRealtimeRouter(
      part<LessonAudienceRouter>([]),
      part<MessagingAudienceRouter>([message]),
      part<NotificationAudienceRouter>([]),
      part<CountersAudienceRouter>([counters], countersReady),
    );
    const handed: RealtimeDelivery[][] = [];
    const routing = router.routeTo([posted], (deliveries) => handed.push([...deliveries]));
    await new Promise((resolve) => setImmediate(resolve));
    // The counters are still being computed; the message is already out.
    expect(handed.flat()).toEqual([message]);
    open();
    await routing;
    expect(handed.flat()).toEqual([message, counters]);
  });

  it('answers the same deliveries through route, all at once', async () => {
    const router = new AppRealtimeRouter(part([]), part([message]), part([]), part([counters]));
    expect(await router.route([posted])).toEqual([message, counters]);
  });
});
