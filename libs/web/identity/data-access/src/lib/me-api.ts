import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChangePasswordRequest, Me, UpdateMeRequest } from '@cadenza/shared/contracts';
import { API } from '@cadenza/web/shared/data-access-api';
import { map, type Observable } from 'rxjs';

export const ME_API = {
  me: API.me,
  password: `${API.me}/password`,
} as const;

/** The signed-in person's own account: their name, time zone and locale, and their password. */
@Injectable({ providedIn: 'root' })
export class MeApi {
  private readonly http = inject(HttpClient);

  update(body: UpdateMeRequest): Observable<Me> {
    return this.http.patch<Me>(ME_API.me, body);
  }

  /** Every other session of the account ends; this one stays signed in. */
  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<unknown>(ME_API.password, body).pipe(map(() => undefined));
  }
}
