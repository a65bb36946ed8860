import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetNotificationPreferences, UpdateNotificationPreferences } from '@cadenza/server/messaging/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { UpdateNotificationPreferencesRequest, NotificationPreferences } from '@cadenza/shared/contracts';
import { presentPreferences } from './notification-presenters.js';

/** The signed-in person's own notification preferences. */
@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(
    private readonly getPreferences: GetNotificationPreferences,
    private readonly updatePreferences: UpdateNotificationPreferences,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'My notification preferences', response: NotificationPreferences })
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    return presentPreferences(await this.getPreferences.execute(actorOf(principal)));
  }

  /** Changes only what the body names; a bad field is a 400 naming it, and nothing changes. */
  @Patch()
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Change my notification preferences', response: NotificationPreferences })
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateNotificationPreferencesRequest)) body: UpdateNotificationPreferencesRequest): Promise<NotificationPreferences> {
    const email = body.channels ? Object.fromEntries(Object.entries(body.channels).map(([kind, channel]) => [kind, channel?.email])) : undefined;
    return presentPreferences(await this.updatePreferences.execute(actorOf(principal), { email, quietHours: body.quietHours, timeZone: body.timeZone, reminderOffsets: body.reminderOffsets }));
  }
}
