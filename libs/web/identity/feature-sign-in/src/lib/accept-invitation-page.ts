import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { CardPage, ProblemAlert } from '@cadenza/web/shared/ui';
import { catchError, EMPTY, finalize, switchMap, tap } from 'rxjs';
import { AccountApi } from '@cadenza/web/identity/data-access';
import { linkProblem, placePasswordProblem } from './new-password';
import { PasswordLinkPage } from './password-link-page';
import { SubmitButton } from './submit-button';
import { NewPasswordFields } from './new-password-fields';

export const INVITATION_GONE = 'This invitation has expired or was used; ask your school for a new one.';
export const INVITATION_NOT_VALID = 'This invitation link is not valid or has expired; ask your school for a new one.';

function invitationProblem(status: number): ProblemDetails {
  return linkProblem(status, status === 410 ? INVITATION_GONE : INVITATION_NOT_VALID);
}

/** Where an invitation email leads: the invited person chooses a password, and is signed in. */
@Component({
  selector: 'cz-accept-invitation-page',
  imports: [ReactiveFormsModule, RouterLink, CardPage, ProblemAlert, SubmitButton, NewPasswordFields],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './card-form.scss',
  template: `
    <cz-card-page [product]="profile.product">
      <h1>Accept your invitation</h1>

      @if (!hasToken()) {
        <p class="lead">This invitation link is incomplete. Open the link from your invitation email again, or ask your school for a new one.</p>
        <p class="links"><a [routerLink]="signInPath">Go to sign in</a></p>
      } @else if (acceptedEmail(); as email) {
        <p class="status" role="status">Your account is ready. You sign in as <strong>{{ email }}</strong>.</p>
        @if (signInFailed()) {
          <p class="links"><a [routerLink]="signInPath">Sign in with your new password</a></p>
        } @else {
          <p class="lead">Signing you in…</p>
        }
      } @else {
        <p class="lead">Choose a password for Cadenza {{ profile.product }}. It must be at least {{ minLength }} characters long.</p>

        <cz-problem-alert class="problem" [problem]="problem()" />

        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <cz-new-password-fields [password]="form.controls.password" [confirm]="form.controls.confirm" />

          <cz-submit-button label="Set password" pendingLabel="Setting your password…" [pending]="pending()" />
        </form>
      }
    </cz-card-page>
  `,
})
export class AcceptInvitationPage extends PasswordLinkPage {
  private readonly api = inject(AccountApi);
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Set once the invitation is accepted: the email the account signs in with. */
  protected readonly acceptedEmail = signal<string | null>(null);
  /** The invitation was accepted but signing in straight away failed. */
  protected readonly signInFailed = signal(false);

  protected submit(): void {
    if (this.pending() || this.acceptedEmail()) return;
    const sending = this.beginSending();
    if (!sending) return;
    const { token, password } = sending;
    this.api
      .acceptInvitation({ token, password })
      .pipe(
        tap(({ email }) => this.acceptedEmail.set(email)),
        switchMap(({ email }) =>
          this.store.login(email, password).pipe(
            switchMap(() => this.router.navigateByUrl('/')),
            catchError(() => {
              this.signInFailed.set(true);
              return EMPTY;
            }),
          ),
        ),
        finalize(() => this.pending.set(false)),
      )
      .subscribe({
        error: (error: unknown) => this.problem.set(placePasswordProblem(this.form, toProblem(error), invitationProblem)),
      });
  }
}
