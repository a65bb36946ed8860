import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import {
  DeliverDue,
  DeliverDueInApp,
  DeliveryLog,
  DeliveryQueue,
  EmailSender,
  GetNotificationPreferences,
  HandleNotificationEvents,
  ListDeliveries,
  ListNotifications,
  MarkNotificationsRead,
  NotificationDirectory,
  NotificationFeed,
  NotificationLinks,
  NotificationPreferenceStore,
  Notifier,
  PlanReminders,
  GetSchoolNotificationSettings,
  SchoolNotificationSettings,
  UpdateNotificationPreferences,
  UpdateSchoolNotificationSettings,
} from '@cadenza/server/messaging/domain';
import { JobsConfig } from '@cadenza/server/platform/config';
import { build, buildWith } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { NotificationPreferencesController } from './notification-preferences.controller.js';
import { NotificationsController } from './notifications.controller.js';

const useCases: Provider[] = [
  buildWith(Notifier, [NotificationFeed, NotificationPreferenceStore, DeliveryLog, NotificationDirectory, NotificationLinks, JobsConfig], (feed, prefs, log, directory, links, jobs) => new Notifier(feed, prefs, log, directory, links, jobs.digestMs)),
  build(PlanReminders, [NotificationDirectory, NotificationPreferenceStore, DeliveryLog, DeliveryQueue, NotificationLinks, UnitOfWork, Clock]),
  build(HandleNotificationEvents, [Notifier, PlanReminders, NotificationDirectory, DeliveryQueue, UnitOfWork, Clock]),
  buildWith(DeliverDue, [DeliveryLog, NotificationFeed, EmailSender, UnitOfWork, Clock, JobsConfig], (log, feed, sender, uow, clock, jobs) => new DeliverDue(log, feed, sender, uow, clock, jobs.leaseMs)),
  buildWith(DeliverDueInApp, [DeliveryLog, NotificationFeed, UnitOfWork, Clock, JobsConfig], (log, feed, uow, clock, jobs) => new DeliverDueInApp(log, feed, uow, clock, jobs.leaseMs)),
  build(ListNotifications, [NotificationFeed]),
  build(MarkNotificationsRead, [NotificationFeed, UnitOfWork, Clock]),
  build(GetNotificationPreferences, [NotificationPreferenceStore, NotificationDirectory]),
  build(UpdateNotificationPreferences, [NotificationPreferenceStore, NotificationDirectory, PlanReminders, AuditTrail, UnitOfWork]),
  build(ListDeliveries, [DeliveryLog]),
  build(GetSchoolNotificationSettings, [SchoolNotificationSettings]),
  build(UpdateSchoolNotificationSettings, [SchoolNotificationSettings, AuditTrail, UnitOfWork]),
];

/**
 * Notifications and reminders (part of messaging): the feed, preferences and delivery log
 * under `/notifications` and `/me/notification-preferences`, and the use cases the
 * background jobs run. The app passes the modules providing the ports: the feed, store and
 * log (PostgreSQL), the directory over identity and scheduling, the email sender, the queue
 * and the links. With `controllers: false` (the worker) it serves no routes.
 */
@Module({})
export class NotificationsModule {
  static register(options: { adapters: Type[]; controllers?: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: options.adapters,
      controllers: options.controllers === false ? [] : [NotificationsController, NotificationPreferencesController],
      providers: useCases,
      exports: useCases.map((p) => (p as { provide: Type }).provide),
    };
  }
}
