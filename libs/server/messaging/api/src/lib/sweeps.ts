import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApplyRetention, ThreadRetention } from '@cadenza/server/messaging/domain';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';

export interface RetentionSweepOutcome {
  schools: number;
  purged: number;
  filesRemoved: number;
}

/**
 * Messaging's periodic work: the retention policy, school by school, each in its own persistence
 * context with that school in force. Several instances may run it at the same moment: each thread
 * is removed under its row lock and one already gone is skipped, so nothing is removed or audited twice.
 */
@Injectable()
export class MessagingSweeps {
  private readonly logger = new Logger('MessagingSweeps');

  constructor(
    private readonly retention: ThreadRetention,
    private readonly applyRetention: ApplyRetention,
    private readonly em: EntityManager,
  ) {}

  /** Threads past the school's retention period are removed (daily, 03:45 UTC). */
  @Cron('45 3 * * *', { name: 'messaging-retention', timeZone: 'UTC' })
  async sweepRetention(): Promise<RetentionSweepOutcome> {
    const schools = await inOwnContext(this.em, () => this.retention.schoolsWithThreadsAcrossSchools());
    const total: RetentionSweepOutcome = { schools: schools.length, purged: 0, filesRemoved: 0 };
    for (const schoolId of schools) {
      try {
        const outcome = await inOwnContext(this.em, () => {
          enterSchool(this.em, schoolId);
          return this.applyRetention.execute(schoolId);
        });
        total.purged += outcome.purged.length;
        total.filesRemoved += outcome.filesRemoved;
      } catch (error) {
        // One school's failure must not stop the others; the next run tries it again.
        this.logger.error({ err: error, schoolId }, 'messaging retention failed for a school');
      }
    }
    this.logger.log(total, 'messaging retention applied');
    return total;
  }
}
