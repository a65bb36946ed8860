import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { APP_PROFILE, AuthStore, fieldErrors, toProblem } from '@cadenza/web/shared/data-access-api';
import { CardPage, ProblemAlert } from '@cadenza/web/shared/ui';
import { finalize } from 'rxjs';
import { safeReturnUrl } from './return-url';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

@Component({
  selector: 'cz-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, CardPage, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './sign-in-page.scss',
  templateUrl: './sign-in-page.html',
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
  protected readonly pending = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly passwordHidden = signal(true);

  protected submit(): void {
    if (this.pending()) return;
    this.problem.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.pending.set(true);
    this.store
      .login(email.trim(), password)
      .pipe(finalize(() => this.pending.set(false)))
      .subscribe({
        next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
        error: (error: unknown) => this.show(toProblem(error)),
      });
  }

  protected errorFor(field: Field): string | null {
    const errors = this.form.controls[field].errors;
    if (!errors) return null;
    if (typeof errors['server'] === 'string') return errors['server'];
    if (errors['required']) return field === 'email' ? 'Enter your email address.' : 'Enter your password.';
    if (errors['email']) return 'Enter a valid email address.';
    return null;
  }

  /** Field errors go next to their fields; anything else is shown above the form. */
  private show(problem: ProblemDetails): void {
    const byField = fieldErrors(problem);
    let placed = 0;
    for (const field of FIELDS) {
      const message = byField[field];
      if (!message) continue;
      const control: AbstractControl = this.form.controls[field];
      control.setErrors({ server: message });
      control.markAsTouched();
      placed++;
    }
    if (placed === 0 || Object.keys(byField).length > placed) this.problem.set(problem);
  }
}
