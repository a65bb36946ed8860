import { newId, type UserId } from '@cadenza/shared/kernel';
import type { LessonId } from '../model/ids.js';
import type { AttendanceAlerts } from '../ports/attendance-alerts.js';

export interface AttendanceAlertsContractSubject {
  alerts: AttendanceAlerts;
  /** Runs the work as one unit of work (a transaction for the real adapter, in a request's context of its own). */
  unit: <T>(work: () => Promise<T>) => Promise<T>;
}

const AT = new Date('2026-12-07T18:00:00Z');

/** The contract of `AttendanceAlerts`, run against the in-memory fake and the MikroORM adapter. */
export function attendanceAlertsContract(name: string, setup: () => Promise<AttendanceAlertsContractSubject>): void {
  describe(`AttendanceAlerts contract: ${name}`, () => {
    it('takes each day’s reminder once', async () => {
      const { alerts, unit } = await setup();
      expect(await unit(() => alerts.claimReminderDay('2026-12-07', AT))).toBe(true);
      expect(await unit(() => alerts.claimReminderDay('2026-12-07', AT))).toBe(false);
      expect(await unit(() => alerts.claimReminderDay('2026-12-08', AT))).toBe(true);
    });

    it('takes each streak’s alert once, by student and first lesson', async () => {
      const { alerts, unit } = await setup();
      const [student, other] = [newId<UserId>(), newId<UserId>()];
      const [first, later] = [newId<LessonId>(), newId<LessonId>()];
      expect(await unit(() => alerts.claimStreak(student, first, AT))).toBe(true);
      expect(await unit(() => alerts.claimStreak(student, first, AT))).toBe(false);
      expect(await unit(() => alerts.claimStreak(student, later, AT))).toBe(true);
      expect(await unit(() => alerts.claimStreak(other, first, AT))).toBe(true);
    });

    it('leaves a claim free when its unit of work fails', async () => {
      const { alerts, unit } = await setup();
      await expect(
        unit(async () => {
          await alerts.claimReminderDay('2026-12-09', AT);
          throw new Error('the publishing failed');
        }),
      ).rejects.toThrow('the publishing failed');
      expect(await unit(() => alerts.claimReminderDay('2026-12-09', AT))).toBe(true);
    });
  });
}
