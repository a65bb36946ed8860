import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  GetNotificationPreferences,
  GetSchoolNotificationSettings,
  UpdateSchoolNotificationSettings,
  ListDeliveries,
  ListNotifications,
  MarkNotificationsRead,
  UpdateNotificationPreferences,
  type Delivery,
  type FeedEntry,
  type PreferencesView,
} from '@cadenza/server/messaging/domain';
import { ANY_SIGNED_IN, Access, CurrentPrincipal, validate, type Principal } from '@cadenza/server/platform/http';
import {
  DeliveryLogQuery,
  MarkNotificationsReadRequest,
  NotificationsQuery,
  UpdateNotificationPreferencesRequest,
  UpdateNotificationSettingsRequest,
  type NotificationSettings,
  type DeliveryLogEntry,
  type Notification,
  type NotificationPage,
  type NotificationPreferences,
} from '@cadenza/shared/contracts';
import { actorOf } from './actor.js';

const presentNotification = (n: FeedEntry): Notification => ({
  id: n.id,
  type: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

const presentDelivery = (d: Delivery): DeliveryLogEntry => ({
  id: d.id,
  key: d.key,
  recipientId: d.recipientId,
  type: d.kind,
  channel: d.channel,
  status: d.status,
  reason: d.reason,
  attempts: d.attempts,
  dueAt: d.dueAt.toISOString(),
  sentAt: d.sentAt?.toISOString() ?? null,
  updatedAt: d.updatedAt.toISOString(),
});

const presentPreferences = (view: PreferencesView): NotificationPreferences => {
  const state = view.preferences.snapshot();
  return {
    channels: Object.fromEntries(Object.entries(state.email).map(([kind, email]) => [kind, { email }])) as NotificationPreferences['channels'],
    quietHours: state.quietHours,
    timeZone: state.timeZone,
    reminderOffsets: state.reminderOffsets,
    schoolReminderOffsets: view.schoolReminderOffsets,
  };
};

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
  async settings(@CurrentPrincipal() principal: Principal): Promise<NotificationSettings> {
    return this.getSettings.execute(actorOf(principal));
  }

  @Patch('settings')
  @Access(['admin'])
  async updateSchoolSettings(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateNotificationSettingsRequest)) body: UpdateNotificationSettingsRequest): Promise<NotificationSettings> {
    return this.updateSettings.execute(actorOf(principal), body);
  }

  @Get()
  @Access(ANY_SIGNED_IN)
  async list(@CurrentPrincipal() principal: Principal, @Query(validate(NotificationsQuery)) query: NotificationsQuery): Promise<NotificationPage> {
    const page = await this.listNotifications.execute(actorOf(principal), { unread: query.unread, before: query.before ? new Date(query.before) : undefined, limit: query.limit });
    return { items: page.items.map(presentNotification), unreadCount: page.unreadCount };
  }

  @Get('unread-count')
  @Access(ANY_SIGNED_IN)
  async unread(@CurrentPrincipal() principal: Principal): Promise<{ unreadCount: number }> {
    const page = await this.listNotifications.execute(actorOf(principal), { unread: true, limit: 1 });
    return { unreadCount: page.unreadCount };
  }

  /** Marks the given notifications read (all of one's own when `ids` is left out). Someone else's id: 404, and nothing changes. */
  @Post('read')
  @HttpCode(200)
  @Access(ANY_SIGNED_IN)
  async read(@CurrentPrincipal() principal: Principal, @Body(validate(MarkNotificationsReadRequest)) body: MarkNotificationsReadRequest): Promise<{ marked: number }> {
    return this.markRead.execute(actorOf(principal), { ids: body.ids });
  }

  /** Every send (queued, sent, failed, skipped) with its channel and reason: the school's admins only. */
  @Get('deliveries')
  @Access(['admin'])
  async deliveries(@CurrentPrincipal() principal: Principal, @Query(validate(DeliveryLogQuery)) query: DeliveryLogQuery): Promise<DeliveryLogEntry[]> {
    return (await this.listDeliveries.execute(actorOf(principal), query)).map(presentDelivery);
  }
}

@ApiTags('notifications')
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(
    private readonly getPreferences: GetNotificationPreferences,
    private readonly updatePreferences: UpdateNotificationPreferences,
  ) {}

  @Get()
  @Access(ANY_SIGNED_IN)
  async get(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    return presentPreferences(await this.getPreferences.execute(actorOf(principal)));
  }

  /** Changes only what the body names; a bad field is a 400 naming it, and nothing changes. */
  @Patch()
  @Access(ANY_SIGNED_IN)
  async update(@CurrentPrincipal() principal: Principal, @Body(validate(UpdateNotificationPreferencesRequest)) body: UpdateNotificationPreferencesRequest): Promise<NotificationPreferences> {
    const email = body.channels ? Object.fromEntries(Object.entries(body.channels).map(([kind, channel]) => [kind, channel?.email])) : undefined;
    return presentPreferences(await this.updatePreferences.execute(actorOf(principal), { email, quietHours: body.quietHours, timeZone: body.timeZone, reminderOffsets: body.reminderOffsets }));
  }
}
