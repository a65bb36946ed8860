import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CalendarFeedCreated, CalendarFeedStatus } from '@cadenza/shared/contracts';
import { API } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const CALENDAR_FEED_API = `${API.me}/calendar-feed`;

/** One's own secret calendar feed: whether it exists, and making or replacing it (its address comes back this once). */
@Injectable({ providedIn: 'root' })
export class CalendarFeedApi {
  private readonly http = inject(HttpClient);

  status(): Observable<CalendarFeedStatus> {
    return this.http.get<CalendarFeedStatus>(CALENDAR_FEED_API);
  }

  /** Makes the feed, or replaces its address: the one before stops working at once. */
  rotate(): Observable<CalendarFeedCreated> {
    return this.http.post<CalendarFeedCreated>(CALENDAR_FEED_API, null);
  }
}
