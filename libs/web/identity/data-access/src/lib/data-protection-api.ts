import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ErasePersonRequest, ErasureOutcome } from '@cadenza/shared/contracts';
import { API_BASE } from '@cadenza/web/shared/data-access-api';
import { catchError, from, map, switchMap, throwError, type Observable } from 'rxjs';

/** A subject-access export as the browser receives it: the ZIP and the name the server gave it. */
export interface PersonalDataFile {
  blob: Blob;
  fileName: string;
}

/** The name in a `Content-Disposition: attachment; filename="…"` header, or a fallback. */
export function attachmentFileName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Identity's data-protection endpoints (admins): a person's export and erasure. */
@Injectable({ providedIn: 'root' })
export class DataProtectionApi {
  private readonly http = inject(HttpClient);

  exportPersonalData(personId: string): Observable<PersonalDataFile> {
    return this.http
      .post(`${API_BASE}/users/${personId}/personal-data-export`, null, { observe: 'response', responseType: 'blob' })
      .pipe(
        map((response: HttpResponse<Blob>) => ({ blob: response.body ?? new Blob(), fileName: attachmentFileName(response.headers.get('content-disposition'), `personal-data-${personId}.zip`) })),
        catchError((error: unknown) => (error instanceof HttpErrorResponse && error.error instanceof Blob ? from(problemOf(error)).pipe(switchMap((e) => throwError(() => e))) : throwError(() => error))),
      );
  }

  erase(personId: string, request: ErasePersonRequest): Observable<ErasureOutcome> {
    return this.http.post<ErasureOutcome>(`${API_BASE}/users/${personId}/erasure`, request);
  }
}

/** A refusal asked for as a blob carries its problem details as bytes: read them back as JSON. */
async function problemOf(error: HttpErrorResponse): Promise<HttpErrorResponse> {
  let body: unknown = null;
  try {
    body = JSON.parse(await (error.error as Blob).text());
  } catch {
    // not problem details
  }
  return new HttpErrorResponse({ error: body, headers: error.headers, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
}
