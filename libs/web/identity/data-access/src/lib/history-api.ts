import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEvent, Page } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const HISTORY_API = { auditEvents: `${API_BASE}/audit-events` } as const;

/** The audit trail as the People pages read it (admins): what was done to one record, newest first. */
@Injectable({ providedIn: 'root' })
export class HistoryApi {
  private readonly http = inject(HttpClient);

  /** A page of the events about `entityId` (a person's id), and the cursor of the older ones. */
  of(entityId: string, limit: number, cursor?: string): Observable<Page<AuditEvent>> {
    const params: Record<string, string> = { entityId, limit: String(limit) };
    if (cursor) params['cursor'] = cursor;
    return this.http.get<Page<AuditEvent>>(HISTORY_API.auditEvents, { params });
  }
}
