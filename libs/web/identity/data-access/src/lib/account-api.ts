import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AcceptInvitationRequest, PasswordResetConfirm, PasswordResetRequest } from '@cadenza/shared/contracts';
import { API } from '@cadenza/web/shared/data-access-api';
import { map, type Observable } from 'rxjs';

/** The emailed-link endpoints: accepting an invitation, and resetting a forgotten password. */
@Injectable({ providedIn: 'root' })
export class AccountApi {
  private readonly http = inject(HttpClient);

  /** Sets the invited person's password; answers with the email they now sign in with. */
  acceptInvitation(body: AcceptInvitationRequest): Observable<{ email: string }> {
    return this.http.post<{ email: string }>(API.acceptInvitation, body);
  }

  /** Asks for a reset link. The server answers the same whether or not the account exists. */
  requestPasswordReset(body: PasswordResetRequest): Observable<void> {
    return this.http.post<unknown>(API.passwordReset, body).pipe(map(() => undefined));
  }

  confirmPasswordReset(body: PasswordResetConfirm): Observable<void> {
    return this.http.post<unknown>(API.passwordResetConfirm, body).pipe(map(() => undefined));
  }
}
