import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { SendMissingRegisterReminders } from '@cadenza/server/attendance/domain';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { BackgroundLoop } from '@cadenza/server/platform/background';
import { inEachSchool } from '../identity/in-each-school.js';

/** How often each school's reminder time is looked at: a reminder goes within this long of it. Two small reads a school. */
const TICK_MS = 15_000;

/**
 * Attendance's background work, in the worker (and in the api when CADENZA_JOBS=inline): each school's
 * missing-register reminder, looked at every 15 seconds, which does something once a day per school, at the school's time in its zone. Each
 * school runs in its own persistence context and transaction; the day's keyed row makes a second worker, a retried
 * tick or a restart publish nothing twice, and a tick that fails leaves the day for the next one.
 */
@Injectable()
export class AttendanceJobs extends BackgroundLoop<Logger> {
  constructor(
    private readonly em: EntityManager,
    private readonly schools: SchoolRepository,
    private readonly remind: SendMissingRegisterReminders,
  ) {
    super({ name: 'missing-register reminders', logger: new Logger('AttendanceJobs'), afterFailureMs: TICK_MS });
  }

  protected async pass(): Promise<number> {
    await this.remindOnce();
    return TICK_MS;
  }

  /** One pass over every school; the reminders it sent, by school. */
  async remindOnce(): Promise<{ schoolId: string; day: string; teachers: number; lessons: number }[]> {
    // One school's failure does not hold the others' reminders; its day stays free for the next tick.
    const passes = await inEachSchool(this.em, this.schools, (schoolId) => this.remind.execute(schoolId), (schoolId, error) =>
      this.logger.warn({ schoolId, err: error instanceof Error ? error.message : String(error) }, 'missing-register reminders failed'),
    );
    const sent: { schoolId: string; day: string; teachers: number; lessons: number }[] = [];
    for (const { schoolId, result: run } of passes) {
      if (!run) continue;
      const done = { schoolId, day: run.day, teachers: run.teacherIds.length, lessons: run.lessons };
      sent.push(done);
      this.logger.log(done, 'missing-register reminders sent');
    }
    return sent;
  }
}
