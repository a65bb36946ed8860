import type { EntityManager } from '@mikro-orm/postgresql';
import type { RealtimePresence } from '@cadenza/server/platform/realtime';
import { ComputeDashboardCounters } from '@cadenza/server/reporting/domain';
import { CONTRACT_NOW, InMemoryDashboardReadModel, contractWorld } from '@cadenza/server/reporting/domain/testing';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { AdminCountersTicker } from './admin-counters-ticker.js';

/** Two schools with admins connected to this process; the read model counts what the tick reads. */
function world() {
  const schools = { a: contractWorld(), b: contractWorld() };
  const reads: string[] = [];
  let inForce = '';
  const counting = (name: 'a' | 'b') =>
    new (class extends InMemoryDashboardReadModel {
      override async admins() {
        reads.push(`${name}:admins`);
        return super.admins();
      }
      override async people(ids: Parameters<InMemoryDashboardReadModel['people']>[0]) {
        reads.push(`${name}:people`);
        return super.people(ids);
      }
      override async flagRecipients() {
        reads.push(`${name}:flagRecipients`);
        return super.flagRecipients();
      }
    })(schools[name].world);
  const models = { a: counting('a'), b: counting('b') };
  // The read model answers for the school in force, as the SQL adapter does.
  const readModel = new Proxy(models.a, {
    get: (_target, property) => {
      const model = models[inForce as 'a' | 'b'];
      const value: unknown = Reflect.get(model, property);
      return typeof value === 'function' ? value.bind(model) : value;
    },
  });
  const em = { name: 'default', fork: () => em, setFilterParams: (_: string, params: { schoolId: string }) => (inForce = params.schoolId) } as unknown as EntityManager;
  const pushed: [string, unknown][] = [];
  const presence = {
    localAdmins: () =>
      new Map([
        ['a', new Set([schools.a.admin, schools.a.otherAdmin])],
        ['b', new Set([schools.b.otherAdmin])],
      ]),
    emitLocal: (room: string, _event: string, payload: unknown) => pushed.push([room, payload]),
  } as unknown as RealtimePresence;
  const clock = new FixedClock(CONTRACT_NOW);
  const ticker = new AdminCountersTicker(em, presence, readModel, new ComputeDashboardCounters(readModel, clock), clock);
  return { ticker, schools, reads, pushed };
}

describe('AdminCountersTicker', () => {
  it("reads each school's admins once a tick, and who receives the flags from them", async () => {
    const { ticker, schools, reads, pushed } = world();
    expect(await ticker.tick()).toBe(3);
    expect(reads.filter((read) => read.endsWith('admins') || read.endsWith('people') || read.endsWith('flagRecipients'))).toEqual(['a:admins', 'b:admins']);
    const flagsOf = new Map(pushed.map(([room, payload]) => [room, 'openFlags' in (payload as object)]));
    // The lead sees the flags, another admin of the same school does not.
    expect(flagsOf.get(`user:${schools.a.admin}`)).toBe(true);
    expect(flagsOf.get(`user:${schools.a.otherAdmin}`)).toBe(false);
    expect(flagsOf.get(`user:${schools.b.otherAdmin}`)).toBe(false);
  });
});
