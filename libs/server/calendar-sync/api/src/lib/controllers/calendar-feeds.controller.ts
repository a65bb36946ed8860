import { Controller, Get, Header, Param, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ReadCalendarFeed } from '@cadenza/server/calendar-sync/domain';
import { clientIp, Endpoint, Public, validate } from '@cadenza/server/platform/http';
import { CalendarFeedTokenParam } from '@cadenza/shared/contracts';
import { Clock } from '@cadenza/shared/kernel';
import { renderFeedIcs } from '../ics.js';

@ApiTags('calendar')
@Controller('calendar/feeds')
export class CalendarFeedsController {
  constructor(
    private readonly readFeed: ReadCalendarFeed,
    private readonly clock: Clock,
  ) {}

  @Get(':token.ics')
  @Public('Authenticated by the secret token in its address, which its owner can replace; throttled per token and per address.')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Endpoint({
    summary: 'A person’s lessons as an iCalendar feed',
    description: 'For calendar apps to subscribe to. A replaced or unknown address is a 404.',
    response: { contentType: 'text/calendar', description: 'The person’s lessons (RFC 5545).' },
    problems: [
      { status: 404, code: 'CALENDAR_SYNC.FEED_NOT_FOUND', when: 'No feed has this address (never made, or replaced).' },
      { status: 429, code: 'CALENDAR_SYNC.TOO_MANY_FEED_READS', when: 'The feed, or feeds from this address, were read too often.' },
    ],
  })
  async read(@Req() request: Request, @Param(validate(CalendarFeedTokenParam)) params: CalendarFeedTokenParam): Promise<string> {
    const feed = await this.readFeed.execute({ token: params.token, ip: clientIp(request) });
    return renderFeedIcs(feed, this.clock.now());
  }
}
