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
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { NotificationPreferencesController } from './notification-preferences.controller.js';
import { NotificationsController } from './notifications.controller.js';

function build<T>(type: new (...args: never[]) => T, inject: unknown[]): Provider {
  return { provide: type, useFactory: (...deps: never[]) => new type(...deps), inject: inject as Type[] };
}

const [F, P, L, D, Q, S, K] = [NotificationFeed, NotificationPreferenceStore, DeliveryLog, NotificationDirectory, DeliveryQueue, EmailSender, NotificationLinks];

const useCases: Provider[] = [
  build(Notifier, [F, P, L, D, K]),
  build(PlanReminders, [D, P, L, Q, K, UnitOfWork, Clock]),
  build(HandleNotificationEvents, [Notifier, PlanReminders, D, Q, UnitOfWork, Clock]),
  {
    provide: DeliverDue,
    useFactory: (log: DeliveryLog, feed: NotificationFeed, sender: EmailSender, uow: UnitOfWork, clock: Clock, jobs: JobsConfig) => new DeliverDue(log, feed, sender, uow, clock, jobs.leaseMs),
    inject: [L, F, S, UnitOfWork, Clock, JobsConfig],
  },
  {
    provide: DeliverDueInApp,
    useFactory: (log: DeliveryLog, feed: NotificationFeed, uow: UnitOfWork, clock: Clock, jobs: JobsConfig) => new DeliverDueInApp(log, feed, uow, clock, jobs.leaseMs),
    inject: [L, F, UnitOfWork, Clock, JobsConfig],
  },
  build(ListNotifications, [F]),
  build(MarkNotificationsRead, [F, UnitOfWork, Clock]),
  build(GetNotificationPreferences, [P, D]),
  build(UpdateNotificationPreferences, [P, D, PlanReminders, AuditTrail, UnitOfWork]),
  build(ListDeliveries, [L]),
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
