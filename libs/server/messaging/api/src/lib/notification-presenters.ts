import type { Delivery, FeedEntry, PreferencesView } from '@cadenza/server/messaging/domain';
import type { DeliveryLogEntry, Notification, NotificationPreferences } from '@cadenza/shared/contracts';

/** Notifications, deliveries and preferences as the REST contract shapes them. */
export const presentNotification = (n: FeedEntry): Notification => ({
  id: n.id,
  type: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export const presentDelivery = (d: Delivery): DeliveryLogEntry => ({
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

export const presentPreferences = (view: PreferencesView): NotificationPreferences => {
  const state = view.preferences.snapshot();
  return {
    channels: Object.fromEntries(Object.entries(state.email).map(([kind, email]) => [kind, { email }])) as NotificationPreferences['channels'],
    quietHours: state.quietHours,
    timeZone: state.timeZone,
    reminderOffsets: state.reminderOffsets,
    schoolReminderOffsets: view.schoolReminderOffsets,
  };
};
