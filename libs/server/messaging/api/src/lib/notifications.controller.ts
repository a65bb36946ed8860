import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { GetSchoolNotificationSettings, ListDeliveries, ListNotifications, MarkNotificationsRead, UpdateSchoolNotificationSettings } from '@cadenza/server/messaging/domain';
import { Access, actorOf, ANY_SIGNED_IN, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import { DeliveryLogQuery, MarkNotificationsReadRequest, NotificationsQuery, UpdateNotificationSettingsRequest, DeliveryLogEntry, NotificationPage, NotificationSettings, MarkedRead, UnreadCount } from '@cadenza/shared/contracts';
import { presentDelivery, presentNotification } from './notification-presenters.js';

/**
 * The signed-in person's own notifications, and the school's delivery log for its admins.
 * The literal routes (`read`, `unread-count`, `deliveries`, `settings`) are all there is: no `:id` here.
 */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly listNotifications: ListNotifications,
    private readonly markRead: MarkNotificationsRead,
    private readonly listDeliveries: ListDeliveries,
    private readonly getSettings: GetSchoolNotificationSettings,
    private readonly updateSettings: UpdateSchoolNotificationSettings,
  ) {}

  /** The school's default reminder offsets: its admins only. */
  @Get('settings')
  @Access(['admin'])
  @Endpoint({ summary: 'The school’s default reminders', response: NotificationSettings })
  async settings(@CurrentPrincipal() principal: Principal): Promise<NotificationSettings> {
    return this.getSettings.execute(actorOf(principal));
  }

  @Patch('settings')
  @Access(['admin'])
  @Endpoint({ summary: 'Change the school’s default reminders', response: NotificationSettings })
  async updateSchoolSettings(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateNotificationSettingsRequest)) body: UpdateNotificationSettingsRequest): Promise<NotificationSettings> {
    return this.updateSettings.execute(actorOf(principal), body);
  }

  @Get()
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'My notifications', response: NotificationPage })
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(NotificationsQuery)) query: NotificationsQuery): Promise<NotificationPage> {
    const page = await this.listNotifications.execute(actorOf(principal), { unread: query.unread, before: query.before ? new Date(query.before) : undefined, limit: query.limit });
    return { items: page.items.map(presentNotification), unreadCount: page.unreadCount };
  }

  @Get('unread-count')
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'How many of my notifications are unread', response: UnreadCount })
  async unread(@CurrentPrincipal() principal: Principal): Promise<{ unreadCount: number }> {
    const page = await this.listNotifications.execute(actorOf(principal), { unread: true, limit: 1 });
    return { unreadCount: page.unreadCount };
  }

  /** Marks the given notifications read (all of one's own when `ids` is left out). Someone else's id: 404, and nothing changes. */
  @Post('read')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN)
  @Endpoint({ summary: 'Mark notifications read', response: MarkedRead })
  async read(@CurrentPrincipal() principal: Principal, @Body(validate(MarkNotificationsReadRequest)) body: MarkNotificationsReadRequest): Promise<{ marked: number }> {
    return this.markRead.execute(actorOf(principal), { ids: body.ids });
  }

  /** Every send (queued, sent, failed, skipped) with its channel and reason: the school's admins only. */
  @Get('deliveries')
  @Access(['admin'])
  @Endpoint({ summary: 'The delivery log', response: z.array(DeliveryLogEntry) })
  async deliveries(@CurrentPrincipal() principal: Principal, @Query(validate(DeliveryLogQuery)) query: DeliveryLogQuery): Promise<DeliveryLogEntry[]> {
    return (await this.listDeliveries.execute(actorOf(principal), query)).map(presentDelivery);
  }
}
