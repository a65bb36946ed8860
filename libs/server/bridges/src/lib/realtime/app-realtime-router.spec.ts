import type { RealtimeDelivery, RelayedEvent } from '@cadenza/server/platform/realtime';
import { integrationEvent } from '@cadenza/shared/integration-events';
import { asId } from '@cadenza/shared/kernel';
import { AppRealtimeRouter } from './app-realtime-router.js';
import type { BillingAudienceRouter } from './billing-audience-router.js';
import type { CountersAudienceRouter } from './counters-audience-router.js';
import type { CountersInBackground } from './counters-in-background.js';
import type { LessonAudienceRouter } from './lesson-audience-router.js';
import type { MessagingAudienceRouter } from './messaging-audience-router.js';
import type { NotificationAudienceRouter } from './notification-audience-router.js';
import type { RegisterAudienceRouter } from './register-audience-router.js';

const posted: RelayedEvent = {
  id: 'e1',
  schoolId: asId('school'),
  occurredAt: new Date('2027-01-04T09:00:00Z'),
  ...integrationEvent('message.created.v1', { actorId: asId('u1'), threadId: asId('t1'), messageId: asId('m1'), seq: 1, participantIds: [asId('u1'), asId('u2')] }),
};
const lesson: RealtimeDelivery = { rooms: ['user:u3'], event: 'lesson.changed.v1', payload: { lessonId: 'l1' } as never };
const message: RealtimeDelivery = { rooms: ['user:u2'], event: 'message.created.v1', payload: { threadId: 't1', messageId: 'm1', seq: 1 } };
const counters: RealtimeDelivery = { rooms: ['user:u2'], event: 'counters.updated.v1', payload: { unreadMessages: 1 } as never };

/** A part that answers `deliveries`. */
const part = <T>(deliveries: RealtimeDelivery[]) => ({ route: async () => deliveries }) as unknown as T;

function app() {
  const pushed: { events: readonly RelayedEvent[]; deliver: (d: readonly RealtimeDelivery[]) => void }[] = [];
  const background = { push: (events: readonly RelayedEvent[], deliver: (d: readonly RealtimeDelivery[]) => void) => pushed.push({ events, deliver }) } as unknown as CountersInBackground;
  const countersPart = {
    calls: 0,
    async route() {
      countersPart.calls++;
      return [counters];
    },
  };
  const router = new AppRealtimeRouter(
    part<LessonAudienceRouter>([lesson]),
    part<MessagingAudienceRouter>([message]),
    part<NotificationAudienceRouter>([]),
    countersPart as unknown as CountersAudienceRouter,
    background,
    part<RegisterAudienceRouter>([]),
    part<BillingAudienceRouter>([]),
  );
  return { router, pushed, countersPart };
}

describe('AppRealtimeRouter', () => {
  it("hands the relay each prompt part's deliveries, and leaves the counters to be computed after the batch", async () => {
    const { router, pushed, countersPart } = app();
    const handed: RealtimeDelivery[] = [];
    const deliver = (deliveries: readonly RealtimeDelivery[]) => handed.push(...deliveries);
    await router.routeTo([posted], deliver);
    expect(handed).toEqual([lesson, message]);
    expect(countersPart.calls).toBe(0);
    // The background computation gets the batch's events and the same way to push.
    expect(pushed).toEqual([{ events: [posted], deliver }]);
  });

  it('answers every part through route, counters included, all at once', async () => {
    const { router } = app();
    expect(await router.route([posted])).toEqual([lesson, message, counters]);
  });
});
