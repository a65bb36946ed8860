import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { APP_PROFILE, AuthStore } from '@cadenza/web/shared/data-access-api';
import { CardPage, ProblemAlert } from '@cadenza/web/shared/ui';
import { emailError } from './field-errors';
import { FormSend } from './form-send';
import { safeReturnUrl } from './return-url';
import { SubmitButton } from './submit-button';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

@Component({
  selector: 'cz-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, CardPage, ProblemAlert, SubmitButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './card-form.scss',
  template: `
    <cz-card-page [product]="profile.product">
      <h1>Sign in</h1>
      <p class="lead">Cadenza {{ profile.product }} is {{ profile.audienceDescription }}.</p>

      @if (passwordChanged()) {
        <p class="status" role="status">Your password has been changed. Sign in with your new password.</p>
      }

      <cz-problem-alert class="problem" [problem]="sending.problem()" />

      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput formControlName="email" type="email" autocomplete="username" inputmode="email" spellcheck="false" />
          @if (errorFor('email'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>

        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input matInput formControlName="password" [type]="passwordHidden() ? 'password' : 'text'" autocomplete="current-password" />
          <button
            matIconButton
            matSuffix
            type="button"
            [attr.aria-label]="passwordHidden() ? 'Show password' : 'Hide password'"
            [attr.aria-pressed]="!passwordHidden()"
            (click)="passwordHidden.set(!passwordHidden())"
          >
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
              @if (passwordHidden()) {
                <path
                  fill="currentColor"
                  d="M12 5C7 5 2.7 8.1 1 12.5 2.7 16.9 7 20 12 20s9.3-3.1 11-7.5C21.3 8.1 17 5 12 5zm0 12.5a5 5 0 1 1 0-10 5 5 0 0 1 0 10zm0-8a3 3 0 1 0 0 6 3 3 0 0 0 0-6z"
                />
              } @else {
                <path
                  fill="currentColor"
                  d="M12 7a5 5 0 0 1 5 5c0 .6-.1 1.3-.4 1.8l2.9 2.9c1.5-1.3 2.7-2.9 3.4-4.7C21.2 7.6 17 4.5 12 4.5c-1.4 0-2.7.3-4 .7l2.2 2.2c.5-.3 1.1-.4 1.8-.4zM2 4.3l2.3 2.3.5.4A11.8 11.8 0 0 0 1 12c1.7 4.4 6 7.5 11 7.5 1.6 0 3-.3 4.4-.8l.4.4 2.9 2.9 1.3-1.3L3.3 3 2 4.3zm5.5 5.5 1.6 1.6-.1.6a3 3 0 0 0 3 3l.6-.1 1.6 1.6a5 5 0 0 1-6.7-6.7zm4.3-.8 3.2 3.2V12a3 3 0 0 0-3-3h-.2z"
                />
              }
            </svg>
          </button>
          @if (errorFor('password'); as message) {
            <mat-error>{{ message }}</mat-error>
          }
        </mat-form-field>

        <cz-submit-button label="Sign in" pendingLabel="Signing in…" [pending]="sending.pending()" />
      </form>

      <p class="links"><a routerLink="/forgot-password">Forgot your password?</a></p>
    </cz-card-page>
  `,
})
export class SignInPage {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly profile = inject(APP_PROFILE);

  /** Where to go once signed in (a query parameter, bound by the router). */
  readonly returnUrl = input<string | undefined>();
  /** Set (a query parameter) when coming back from resetting the password. */
  readonly passwordChanged = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly sending = new FormSend(this.form, FIELDS);
  protected readonly passwordHidden = signal(true);

  protected submit(): void {
    const { email, password } = this.form.getRawValue();
    this.sending.send(
      () => this.store.login(email.trim(), password),
      () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
    );
  }

  protected errorFor(field: Field): string | null {
    const control = this.form.controls[field];
    if (field === 'email') return emailError(control);
    const errors = control.errors;
    if (typeof errors?.['server'] === 'string') return errors['server'];
    return errors?.['required'] ? 'Enter your password.' : null;
  }
}
