import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChooseGoogleCalendarsRequest, GoogleCalendarList, GoogleConnectCallbackRequest, GoogleConnectionStatus, GoogleConnectStarted } from '@cadenza/shared/contracts';
import { API } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const GOOGLE_CALENDAR_API = `${API.me}/google-calendar`;

/** One's Google Calendar connection (teachers and accompanists): its status, connecting through Google's consent, the calendars chosen, disconnecting. */
@Injectable({ providedIn: 'root' })
export class GoogleCalendarApi {
  private readonly http = inject(HttpClient);

  status(): Observable<GoogleConnectionStatus> {
    return this.http.get<GoogleConnectionStatus>(GOOGLE_CALENDAR_API);
  }

  /** Google's consent page to send the browser to. */
  connect(): Observable<GoogleConnectStarted> {
    return this.http.post<GoogleConnectStarted>(`${GOOGLE_CALENDAR_API}/connect`, null);
  }

  /** Finishes connecting with what Google's redirect brought back. */
  complete(answer: GoogleConnectCallbackRequest): Observable<GoogleConnectionStatus> {
    return this.http.post<GoogleConnectionStatus>(`${GOOGLE_CALENDAR_API}/callback`, answer);
  }

  calendars(): Observable<GoogleCalendarList> {
    return this.http.get<GoogleCalendarList>(`${GOOGLE_CALENDAR_API}/calendars`);
  }

  choose(choice: ChooseGoogleCalendarsRequest): Observable<GoogleConnectionStatus> {
    return this.http.put<GoogleConnectionStatus>(`${GOOGLE_CALENDAR_API}/calendars`, choice);
  }

  disconnect(): Observable<void> {
    return this.http.delete<void>(GOOGLE_CALENDAR_API);
  }
}
