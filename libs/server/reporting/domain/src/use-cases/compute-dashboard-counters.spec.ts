import { FixedClock } from '@cadenza/shared/kernel/testing';
import { CONTRACT_NOW, InMemoryDashboardReadModel, contractWorld, dashboardReadModelContract } from '../testing/index.js';
import { dashboardRoleOf, schoolDay } from '../model/dashboard.js';
import { ComputeDashboardCounters } from './compute-dashboard-counters.js';

dashboardReadModelContract('in memory', async (world) => new InMemoryDashboardReadModel(world));

describe('ComputeDashboardCounters', () => {
  const setup = () => {
    const w = contractWorld();
    const readModel = new InMemoryDashboardReadModel(w.world);
    const clock = new FixedClock(CONTRACT_NOW);
    return { ...w, readModel, clock, compute: new ComputeDashboardCounters(readModel, clock) };
  };
  const person = (w: ReturnType<typeof setup>, id: string) => {
    const found = w.world.people.find((p) => p.id === id);
    if (!found) throw new Error(`no person ${id}`);
    return found;
  };

  it('gives each role its own counters, computed together', async () => {
    const w = setup();
    const ids = [w.admin, w.otherAdmin, w.teacher, w.accompanist, w.student1, w.parent1, w.parent2];
    const counters = await w.compute.execute(ids.map((id) => person(w, id)));
    expect(Object.fromEntries(counters)).toEqual({
      [w.admin]: { role: 'admin', lessonsToday: 6, lessonsInProgress: 2, checkedInNow: 2, registersMissingToday: 1, freeRoomsNow: 1, pendingRequests: 2, unreadMessages: 1, openFlags: 1 },
      // Another admin (also a teacher) sees the school's figures but not the lead's flags.
      [w.otherAdmin]: { role: 'admin', lessonsToday: 6, lessonsInProgress: 2, checkedInNow: 2, registersMissingToday: 1, freeRoomsNow: 1, pendingRequests: 2, unreadMessages: 0 },
      [w.teacher]: { role: 'teacher', lessonsToday: 2, unreadMessages: 1 },
      [w.accompanist]: { role: 'accompanist', lessonsToday: 1, unreadMessages: 0 },
      [w.student1]: { role: 'student', unreadMessages: 3, upcomingLessons: 3 },
      [w.parent1]: { role: 'parent', unreadMessages: 1, upcomingLessons: 3 },
      [w.parent2]: { role: 'parent', unreadMessages: 0, upcomingLessons: 2 },
    });
  });

  it('shows the flags to every admin of a school without a safeguarding lead', async () => {
    const w = setup();
    for (const p of w.world.people) p.safeguardingLead = false;
    const counters = await w.compute.execute([person(w, w.otherAdmin)]);
    expect(counters.get(w.otherAdmin)).toEqual(expect.objectContaining({ openFlags: 1 }));
  });

  it('follows the clock: lessons over, registers missing and rooms freed as time passes, the next day’s lessons', async () => {
    const w = setup();
    w.clock.set('2026-11-23T16:00:00Z');
    expect((await w.compute.execute([person(w, w.admin)])).get(w.admin)).toEqual(
      expect.objectContaining({ lessonsToday: 6, lessonsInProgress: 0, checkedInNow: 0, registersMissingToday: 2, freeRoomsNow: 2 }),
    );
    w.clock.set('2026-11-24T09:00:00Z');
    expect((await w.compute.execute([person(w, w.teacher)])).get(w.teacher)).toEqual({ role: 'teacher', lessonsToday: 1, unreadMessages: 1 });
    expect((await w.compute.execute([person(w, w.student1)])).get(w.student1)).toEqual({ role: 'student', unreadMessages: 3, upcomingLessons: 2 });
  });

  it('takes the flag recipients its caller read this pass, and reads them itself only when not given', async () => {
    const w = setup();
    let reads = 0;
    const counted = new (class extends InMemoryDashboardReadModel {
      override async flagRecipients() {
        reads++;
        return super.flagRecipients();
      }
    })(w.world);
    const compute = new ComputeDashboardCounters(counted, w.clock);
    const admins = [person(w, w.admin), person(w, w.otherAdmin)];
    const given = await compute.execute(admins, { flagRecipients: [w.otherAdmin] });
    expect(reads).toBe(0);
    expect([given.get(w.admin), given.get(w.otherAdmin)].map((c) => c && 'openFlags' in c)).toEqual([false, true]);
    const read = await compute.execute(admins);
    expect(reads).toBe(1);
    expect([read.get(w.admin), read.get(w.otherAdmin)].map((c) => c && 'openFlags' in c)).toEqual([true, false]);
  });

  it('computes nothing for nobody, and nothing for someone without a dashboard role', async () => {
    const w = setup();
    expect((await w.compute.execute([])).size).toBe(0);
    expect((await w.compute.execute([{ id: w.stranger, roles: [], safeguardingLead: false }])).size).toBe(0);
  });
});

describe('dashboardRoleOf', () => {
  it('picks admin, then teacher, accompanist, parent, student', () => {
    expect(dashboardRoleOf(['student', 'parent'])).toBe('parent');
    expect(dashboardRoleOf(['teacher', 'admin'])).toBe('admin');
    expect(dashboardRoleOf(['accompanist', 'student'])).toBe('accompanist');
    expect(dashboardRoleOf([])).toBeNull();
  });
});

describe('schoolDay', () => {
  it('is midnight to midnight in the school’s zone, 25 hours on the day the clocks go back', () => {
    const day = schoolDay(new Date('2026-11-23T23:30:00Z'), 'America/New_York');
    expect([day.start.toISOString(), day.end.toISOString()]).toEqual(['2026-11-23T05:00:00.000Z', '2026-11-24T05:00:00.000Z']);
    const autumn = schoolDay(new Date('2026-10-25T12:00:00Z'), 'Europe/London');
    expect([autumn.start.toISOString(), autumn.durationMs / 3_600_000]).toEqual(['2026-10-24T23:00:00.000Z', 25]);
  });
});
