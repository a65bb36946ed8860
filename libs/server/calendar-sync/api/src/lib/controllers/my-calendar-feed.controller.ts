import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetMyCalendarFeed, RotateMyCalendarFeed } from '@cadenza/server/calendar-sync/domain';
import { HttpConfig } from '@cadenza/server/platform/config';
import { Access, ANY_SIGNED_IN, actorOf, CurrentPrincipal, Endpoint, type Principal } from '@cadenza/server/platform/http';
import { CalendarFeedCreated, CalendarFeedStatus } from '@cadenza/shared/contracts';
import { feedUrl } from '../feed-url.js';

@ApiTags('me')
@Controller('me/calendar-feed')
export class MyCalendarFeedController {
  constructor(
    private readonly getFeed: GetMyCalendarFeed,
    private readonly rotateFeed: RotateMyCalendarFeed,
    private readonly http: HttpConfig,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN, 'one’s own feed')
  @Endpoint({ summary: 'Whether one has a calendar feed, and since when', response: CalendarFeedStatus })
  async status(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedStatus> {
    const feed = await this.getFeed.execute(actorOf(principal));
    return { exists: feed.exists, createdAt: feed.createdAt?.toISOString() ?? null };
  }

  @Post()
  @Access(ANY_SIGNED_IN, 'one’s own feed')
  @Endpoint({ summary: 'Make one’s calendar feed, or replace it: the address is shown this once and the one before stops working', response: CalendarFeedCreated })
  async rotate(@CurrentPrincipal() principal: Principal): Promise<CalendarFeedCreated> {
    const feed = await this.rotateFeed.execute(actorOf(principal));
    return { url: feedUrl(this.http.publicUrl, feed.token), createdAt: feed.createdAt.toISOString(), rotated: feed.rotated };
  }
}
