import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { EntityManager } from '@mikro-orm/postgresql';
import { inOwnContext } from '@cadenza/server/platform/db';
import { ExpireMakeupCredits } from '@cadenza/server/scheduling/domain';

/**
 * Scheduling's periodic work. Idempotent, so running it on several instances at
 * once, or twice, changes nothing more.
 */
@Injectable()
export class SchedulingSweeps {
  private readonly logger = new Logger('SchedulingSweeps');

  constructor(
    private readonly expireCredits: ExpireMakeupCredits,
    private readonly em: EntityManager,
  ) {}

  /** Makeup credits past their expiry stop being bookable (daily, 03:15 UTC). */
  @Cron('15 3 * * *', { name: 'expire-makeup-credits', timeZone: 'UTC' })
  async expireMakeupCredits(): Promise<number> {
    const expired = await inOwnContext(this.em, () => this.expireCredits.execute());
    this.logger.log({ expired }, 'makeup credits expired');
    return expired;
  }
}
