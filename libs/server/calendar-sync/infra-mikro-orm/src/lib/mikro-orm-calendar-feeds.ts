import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, currentSchool } from '@cadenza/server/platform/db';
import { CalendarFeeds, type CalendarFeed, type FeedOwner } from '@cadenza/server/calendar-sync/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { CalendarFeedSchema } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;

/** People's feeds in `calendar_feeds`, one a person (its primary key), each token hash unique in the deployment. */
@Injectable()
export class MikroOrmCalendarFeeds extends CalendarFeeds {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async ofPerson(personId: UserId): Promise<CalendarFeed | null> {
    const row = await this.em.findOne(CalendarFeedSchema, { personId }, NO_MAP);
    return row ? { personId: asId<UserId>(row.personId), tokenHash: row.tokenHash, createdAt: new Date(row.createdAt) } : null;
  }

  async replace(feed: CalendarFeed): Promise<void> {
    await this.em.upsert(CalendarFeedSchema, { personId: feed.personId, schoolId: currentSchool(this.em), tokenHash: feed.tokenHash, createdAt: feed.createdAt }, NO_MAP);
  }

  async byTokenHashAcrossSchools(tokenHash: string): Promise<FeedOwner | null> {
    const row = await this.em.findOne(CalendarFeedSchema, { tokenHash }, { ...ACROSS_SCHOOLS, ...NO_MAP });
    return row ? { schoolId: row.schoolId, personId: asId<UserId>(row.personId) } : null;
  }
}
