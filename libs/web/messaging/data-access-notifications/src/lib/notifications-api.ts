import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DeliveryLogEntry,
  DeliveryLogQuery,
  MarkNotificationsReadRequest,
  NotificationPage,
  NotificationPreferences,
  NotificationSettings,
  NotificationsQuery,
  UpdateNotificationPreferencesRequest,
  UpdateNotificationSettingsRequest,
  UserSummary,
} from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

/** Notification endpoints, under /api/v1 (see libs/shared/contracts/src/lib/notifications.ts). */
export const NOTIFICATIONS_API = {
  notifications: `${API_BASE}/notifications`,
  read: `${API_BASE}/notifications/read`,
  preferences: `${API_BASE}/me/notification-preferences`,
  deliveries: `${API_BASE}/notifications/deliveries`,
  settings: `${API_BASE}/notifications/settings`,
  users: `${API_BASE}/users`,
} as const;

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  /** The latest notifications (newest first) and the unread count. */
  list(query: Partial<NotificationsQuery> = {}): Observable<NotificationPage> {
    let params = new HttpParams();
    if (query.unread !== undefined) params = params.set('unread', String(query.unread));
    if (query.before) params = params.set('before', query.before);
    if (query.limit) params = params.set('limit', String(query.limit));
    return this.http.get<NotificationPage>(NOTIFICATIONS_API.notifications, { params });
  }

  /** Marks these notifications read, or all of them when `ids` is left out. */
  markRead(body: MarkNotificationsReadRequest): Observable<unknown> {
    return this.http.post<unknown>(NOTIFICATIONS_API.read, body);
  }

  preferences(): Observable<NotificationPreferences> {
    return this.http.get<NotificationPreferences>(NOTIFICATIONS_API.preferences);
  }

  updatePreferences(body: UpdateNotificationPreferencesRequest): Observable<NotificationPreferences> {
    return this.http.patch<NotificationPreferences>(NOTIFICATIONS_API.preferences, body);
  }

  /** The school's recent sends, newest first (admins); `before` and `beforeKey` (the last entry's `updatedAt` and `key`) page on. */
  deliveries(query: Partial<DeliveryLogQuery> = {}): Observable<DeliveryLogEntry[]> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.recipientId) params = params.set('recipientId', query.recipientId);
    if (query.limit) params = params.set('limit', String(query.limit));
    if (query.before && query.beforeKey) params = params.set('before', query.before).set('beforeKey', query.beforeKey);
    return this.http.get<DeliveryLogEntry[]>(NOTIFICATIONS_API.deliveries, { params });
  }

  /** Everyone in the school (admins), to put names on the delivery log's recipients. */
  schoolMembers(): Observable<UserSummary[]> {
    return this.http.get<UserSummary[]>(NOTIFICATIONS_API.users);
  }

  /** The school's reminder defaults (admins). */
  settings(): Observable<NotificationSettings> {
    return this.http.get<NotificationSettings>(NOTIFICATIONS_API.settings);
  }

  updateSettings(body: UpdateNotificationSettingsRequest): Observable<NotificationSettings> {
    return this.http.patch<NotificationSettings>(NOTIFICATIONS_API.settings, body);
  }
}
