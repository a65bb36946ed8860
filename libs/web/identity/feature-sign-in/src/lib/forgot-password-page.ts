import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { APP_PROFILE, SIGN_IN_PATH } from '@cadenza/web/shared/data-access-api';
import { CardPage, ProblemAlert } from '@cadenza/web/shared/ui';
import { AccountApi } from '@cadenza/web/identity/data-access';
import { emailError } from './field-errors';
import { FormSend } from './form-send';
import { SubmitButton } from './submit-button';

/** Asks for a password-reset link. It never tells whether an account exists for the email. */
@Component({
  selector: 'cz-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, CardPage, ProblemAlert, SubmitButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './card-form.scss',
  template: `
    <cz-card-page [product]="profile.product">
      <h1>Forgot your password?</h1>

      @if (sent()) {
        <p class="status" role="status">If an account exists for that email, we have sent a link to reset your password.</p>
        <p class="lead">The link works for a limited time. Check your spam folder if it does not arrive.</p>
      } @else {
        <p class="lead">Enter the email you sign in with and we will send you a link to choose a new password.</p>

        <cz-problem-alert class="problem" [problem]="sending.problem()" />

        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput formControlName="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" />
            @if (emailError(); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>

          <cz-submit-button label="Send reset link" pendingLabel="Sending…" [pending]="sending.pending()" />
        </form>
      }
      <p class="links"><a [routerLink]="signInPath">Back to sign in</a></p>
    </cz-card-page>
  `,
})
export class ForgotPasswordPage {
  private readonly api = inject(AccountApi);
  protected readonly profile = inject(APP_PROFILE);
  protected readonly signInPath = SIGN_IN_PATH;

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly sending = new FormSend(this.form, ['email']);
  protected readonly sent = signal(false);

  protected submit(): void {
    this.sending.send(
      () => this.api.requestPasswordReset({ email: this.form.getRawValue().email.trim() }),
      () => this.sent.set(true),
    );
  }

  protected emailError(): string | null {
    return emailError(this.form.controls.email);
  }
}
