import { billingWorld } from '../testing/billing-world.js';

/** A school in London whose run starts by itself on the 25th at 06:00 local time and bills the coming month. */
async function london(now: string, schedule: Partial<{ runDay: number; runTime: string; runPeriod: 'next' | 'current' | 'previous' }> = {}) {
  const world = billingWorld({ now });
  world.ports.directory.schoolTimeZone = 'Europe/London';
  await world.useCases.updateSettings.execute(world.people.admin, { scheduledRun: true, runDay: 25, runTime: '06:00', ...schedule });
  const tick = () => world.useCases.startScheduledRun.execute(world.schoolId);
  const runs = async () => (await world.ports.runs.list()).map((r) => [r.run.period.from, r.run.startedBy]);
  return { ...world, tick, runs };
}

describe('the scheduled billing run', () => {
  it('is off until an admin turns it on, with the 25th at 06:00 for the coming month by default', async () => {
    const { useCases, people, schoolId, ports } = billingWorld({ now: '2027-03-25T12:00:00Z' });
    expect(await useCases.getSettings.execute(people.admin)).toMatchObject({ scheduledRun: false, runDay: 25, runTime: '06:00', runPeriod: 'next' });
    expect(await useCases.startScheduledRun.execute(schoolId)).toBeNull();
    expect(await ports.runs.list()).toEqual([]);
  });

  it('starts at 06:00 London time in winter (06:00 UTC on 25 March) and in summer (05:00 UTC on 25 October), once', async () => {
    // 2027: summer time runs from 28 March to 31 October.
    const { tick, clock, runs } = await london('2027-03-25T05:59:59Z');
    expect(await tick()).toBeNull();
    clock.set('2027-03-25T06:00:00Z');
    expect(await tick()).toEqual({ month: '2027-04', created: true });
    expect(await tick()).toEqual({ month: '2027-04', created: false });
    // 05:59:59 BST on 25 October: not yet.
    clock.set('2027-10-25T04:59:59Z');
    expect(await tick()).toBeNull();
    expect(await runs()).toEqual([['2027-04-01', null]]);
    // October's time is reached an hour earlier in UTC: 05:00Z is 06:00 BST.
    clock.set('2027-10-25T05:00:00Z');
    expect(await tick()).toEqual({ month: '2027-11', created: true });
    expect(await runs()).toEqual([['2027-11-01', null], ['2027-04-01', null]]);
  });

  it('on the morning the clocks go back (25 October 2026) waits for 06:00 GMT, and in a time the clocks skip runs the hour after', async () => {
    const { tick, clock } = await london('2026-10-25T05:30:00Z');
    expect(await tick()).toBeNull();
    clock.set('2026-10-25T06:00:00Z');
    expect(await tick()).toEqual({ month: '2026-11', created: true });
    // 01:30 on 28 March 2027 does not exist in London: the run starts at 02:30 BST, 01:30 UTC.
    const spring = await london('2027-03-28T00:59:59Z', { runDay: 28, runTime: '01:30' });
    expect(await spring.tick()).toBeNull();
    spring.clock.set('2027-03-28T01:30:00Z');
    expect(await spring.tick()).toEqual({ month: '2027-04', created: true });
  });

  it('a run missed while nothing ran starts later that month; once the month has turned in the school’s zone, it is the next one’s turn', async () => {
    const { tick, clock, runs } = await london('2027-03-31T22:59:59Z', { runPeriod: 'current' });
    // 23:59:59 on 31 March in London (summer time): still March.
    expect(await tick()).toEqual({ month: '2027-03', created: true });
    clock.set('2027-04-30T23:00:00Z');
    // Midnight in London: May has begun, and May's run is due on the 25th.
    expect(await tick()).toBeNull();
    expect(await runs()).toEqual([['2027-03-01', null]]);
  });

  it('bills the month before when the school bills delivered lessons afterwards', async () => {
    const { tick } = await london('2027-01-25T06:00:00Z', { runPeriod: 'previous' });
    expect(await tick()).toEqual({ month: '2026-12', created: true });
  });

  it('refuses a day, time or period out of range, naming it, and changes nothing', async () => {
    const { useCases, people } = billingWorld();
    const before = await useCases.getSettings.execute(people.admin);
    for (const [field, value] of [['runDay', 29], ['runDay', 0], ['runDay', 2.5], ['runTime', '6:00'], ['runTime', '24:00'], ['runPeriod', 'later'], ['scheduledRun', 'yes']] as const) {
      await expect(useCases.updateSettings.execute(people.admin, { [field]: value })).rejects.toMatchObject({ details: { fields: [expect.objectContaining({ field })] } });
    }
    expect(await useCases.getSettings.execute(people.admin)).toEqual(before);
  });
});
