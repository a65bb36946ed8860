import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ImportInvitations, ImportKindInfo, ImportKindName, ImportPreview, ImportProgress, ImportReport } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import type { Observable } from 'rxjs';

export const IMPORTS_API = `${API_BASE}/imports`;

/** Onboarding's import endpoints (admins): the kinds and their templates, the mapping step, dry runs, commits and their progress. */
@Injectable({ providedIn: 'root' })
export class ImportApi {
  private readonly http = inject(HttpClient);

  kinds(): Observable<ImportKindInfo[]> {
    return this.http.get<ImportKindInfo[]>(`${IMPORTS_API}/kinds`);
  }
  /** The template's bytes, fetched with the session's token and saved by the page. */
  template(kind: ImportKindName): Observable<Blob> {
    return this.http.get(`${IMPORTS_API}/templates/${kind}.csv`, { responseType: 'blob' });
  }
  preview(kind: ImportKindName, file: Blob, fileName: string): Observable<ImportPreview> {
    return this.http.post<ImportPreview>(`${IMPORTS_API}/${kind}/preview`, form(file, fileName));
  }
  dryRun(kind: ImportKindName, file: Blob, fileName: string, mapping: Record<string, string>, runId: string): Observable<ImportReport> {
    return this.http.post<ImportReport>(`${IMPORTS_API}/${kind}/dry-run`, form(file, fileName, { mapping: JSON.stringify(mapping), runId }));
  }
  commit(kind: ImportKindName, file: Blob, fileName: string, mapping: Record<string, string>, runId: string): Observable<ImportReport> {
    return this.http.post<ImportReport>(`${IMPORTS_API}/${kind}/commit`, form(file, fileName, { mapping: JSON.stringify(mapping), runId }));
  }
  progress(runId: string): Observable<ImportProgress> {
    return this.http.get<ImportProgress>(`${IMPORTS_API}/runs/${runId}/progress`);
  }
  /** Invites the people a committed run created who have an email and no sign-in yet (each once, under the invitations' limit). */
  inviteImported(runId: string): Observable<ImportInvitations> {
    return this.http.post<ImportInvitations>(`${API_BASE}/invitations/imported`, { runId });
  }
}

function form(file: Blob, fileName: string, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  data.append('file', file, fileName);
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}
