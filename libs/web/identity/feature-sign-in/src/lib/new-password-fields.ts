import { ChangeDetectionStrategy, ChangeDetectorRef, Component, effect, inject, input } from '@angular/core';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { merge } from 'rxjs';
import { MIN_PASSWORD_LENGTH, newPasswordError } from './new-password';

/** The new password and its confirmation, with their hint and errors, inside the page's form. */
@Component({
  selector: 'cz-new-password-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: contents;
    }
    mat-form-field {
      width: 100%;
    }
  `,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>New password</mat-label>
      <input matInput [formControl]="password()" type="password" autocomplete="new-password" />
      <mat-hint>At least {{ minLength }} characters</mat-hint>
      @if (errorFor('password'); as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>

    <mat-form-field appearance="outline">
      <mat-label>Confirm new password</mat-label>
      <input matInput [formControl]="confirm()" type="password" autocomplete="new-password" />
      @if (errorFor('confirm'); as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>
  `,
})
export class NewPasswordFields {
  readonly password = input.required<FormControl<string>>();
  readonly confirm = input.required<FormControl<string>>();
  protected readonly minLength = MIN_PASSWORD_LENGTH;

  constructor() {
    // The form's state is not in signals, and the page changes it too (touching every field on
    // submit, placing the server's errors): draw the fields again whenever it changes.
    const view = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const changes = merge(this.password().events, this.confirm().events).subscribe(() => view.markForCheck());
      onCleanup(() => changes.unsubscribe());
    });
  }

  protected errorFor(field: 'password' | 'confirm'): string | null {
    return newPasswordError(field === 'password' ? this.password() : this.confirm(), field);
  }
}
