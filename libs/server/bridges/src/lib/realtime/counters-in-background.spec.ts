import type { EntityManager } from '@mikro-orm/postgresql';
import type { RealtimeDelivery, RelayedEvent } from '@cadenza/server/platform/realtime';
import { integrationEvent } from '@cadenza/shared/integration-events';
import { asId } from '@cadenza/shared/kernel';
import type { CountersAudienceRouter } from './counters-audience-router.js';
import { CountersInBackground } from './counters-in-background.js';

const event = (id: string, schoolId = 'school-a'): RelayedEvent => ({
  id,
  schoolId: asId(schoolId),
  occurredAt: new Date('2027-01-04T09:00:00Z'),
  ...integrationEvent('message.created.v1', { actorId: asId('u1'), threadId: asId('t1'), messageId: asId(`m-${id}`), seq: 1, participantIds: [asId('u1')] }),
});
const countersOf = (ids: string[]): RealtimeDelivery => ({ rooms: ids.map((id) => `user:${id}`), event: 'counters.updated.v1', payload: { unreadMessages: ids.length } as never });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function world() {
  const schools: string[] = [];
  const em = { name: 'default', fork: () => em, setFilterParams: (_: string, params: { schoolId: string }) => schools.push(params.schoolId) } as unknown as EntityManager;
  const calls: string[][] = [];
  const gates: (() => void)[] = [];
  let failNext = false;
  const counters = {
    route: async (events: readonly RelayedEvent[]) => {
      calls.push(events.map((e) => e.id));
      await new Promise<void>((resolve) => gates.push(resolve));
      if (failNext) {
        failNext = false;
        throw new Error('database away');
      }
      return [countersOf(events.map((e) => e.id))];
    },
  } as unknown as CountersAudienceRouter;
  const background = new CountersInBackground(em, counters);
  background.onApplicationBootstrap();
  const delivered: RealtimeDelivery[] = [];
  const deliver = (deliveries: readonly RealtimeDelivery[]) => delivered.push(...deliveries);
  const open = async () => {
    await tick();
    gates.shift()?.();
    await tick();
  };
  return { background, calls, delivered, deliver, open, schools, failOnce: () => (failNext = true) };
}

describe('CountersInBackground', () => {
  it("computes a batch's counters after it and delivers them, taking what arrived meanwhile together, a school at a time", async () => {
    const { background, calls, delivered, deliver, open, schools } = world();
    background.push([event('e1')], deliver);
    await tick();
    expect(calls).toEqual([['e1']]);
    // While e1's counters are being computed, three more batches arrive, two schools among them.
    background.push([event('e2')], deliver);
    background.push([event('e3'), event('x1', 'school-b')], deliver);
    background.push([event('e4')], deliver);
    await open();
    expect(delivered).toEqual([countersOf(['e1'])]);
    expect(calls).toEqual([['e1'], ['e2', 'e3', 'e4']]);
    await open();
    expect(calls).toEqual([['e1'], ['e2', 'e3', 'e4'], ['x1']]);
    await open();
    expect(delivered).toEqual([countersOf(['e1']), countersOf(['e2', 'e3', 'e4']), countersOf(['x1'])]);
    expect(schools).toEqual(['school-a', 'school-a', 'school-b']);
    await background.onModuleDestroy();
  });

  it('goes on after a computation fails, and stops when the module is destroyed', async () => {
    const { background, calls, delivered, deliver, open, failOnce } = world();
    failOnce();
    background.push([event('e1')], deliver);
    await open();
    expect(delivered).toEqual([]);
    background.push([event('e2')], deliver);
    await open();
    expect(calls).toEqual([['e1'], ['e2']]);
    expect(delivered).toEqual([countersOf(['e2'])]);
    await background.onModuleDestroy();
    background.push([event('e3')], deliver);
    await tick();
    expect(calls).toEqual([['e1'], ['e2']]);
  });
});
