import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { StartScheduledBillingRun } from '@cadenza/server/billing/domain';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { BackgroundLoop } from '@cadenza/server/platform/background';
import { inEachSchool } from '../identity/in-each-school.js';

/** How often each school's billing schedule is looked at: a scheduled run starts within this long of its time. Two small reads a school. */
const TICK_MS = 30_000;

/** What one tick did for a school whose run was due. */
export interface ScheduledRunStart {
  schoolId: string;
  month: string;
  created: boolean;
}

/**
 * Billing's clock-driven work, in the worker (and in the api when CADENZA_JOBS=inline): every 30 seconds, each school
 * whose scheduled run is due (its day and time this month, in its zone) has the month it bills started, in its own
 * persistence context. The run's row is unique per school and month, so two workers, a retried tick or a restart start
 * it once; a school that fails is tried again on the next tick without holding the others.
 */
@Injectable()
export class BillingScheduleJobs extends BackgroundLoop<Logger> {
  constructor(
    private readonly em: EntityManager,
    private readonly schools: SchoolRepository,
    private readonly scheduled: StartScheduledBillingRun,
  ) {
    super({ name: 'billing schedule', logger: new Logger('BillingScheduleJobs'), afterFailureMs: TICK_MS });
  }

  protected async pass(): Promise<number> {
    await this.tick();
    return TICK_MS;
  }

  /** One pass over every school: the runs that were due, and whether this pass started them. */
  async tick(): Promise<ScheduledRunStart[]> {
    const passes = await inEachSchool(this.em, this.schools, (schoolId) => this.scheduled.execute(schoolId), (schoolId, error) =>
      this.logger.warn({ schoolId, err: error instanceof Error ? error.message : String(error) }, 'scheduled billing run failed'),
    );
    const due: ScheduledRunStart[] = [];
    for (const { schoolId, result: started } of passes) {
      if (!started) continue;
      due.push({ schoolId, ...started });
      if (started.created) this.logger.log({ schoolId, month: started.month }, 'scheduled billing run started');
    }
    return due;
  }
}
