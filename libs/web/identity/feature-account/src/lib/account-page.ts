import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal, type OnInit, type Type } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { MeApi } from '@cadenza/web/identity/data-access';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ACCOUNT_PANELS, ProblemAlert } from '@cadenza/web/shared/ui';

/** Locales the apps offer; a locale set elsewhere is kept and shown too. */
export const ACCOUNT_LOCALES: readonly { tag: string; label: string }[] = [
  { tag: 'en-GB', label: 'English (United Kingdom)' },
  { tag: 'en-US', label: 'English (United States)' },
  { tag: 'en-IE', label: 'English (Ireland)' },
  { tag: 'en-AU', label: 'English (Australia)' },
  { tag: 'fr-FR', label: 'Français (France)' },
  { tag: 'de-DE', label: 'Deutsch (Deutschland)' },
  { tag: 'es-ES', label: 'Español (España)' },
  { tag: 'pt-BR', label: 'Português (Brasil)' },
];

/**
 * The signed-in person's own account, in both apps: their name, time zone and locale, and a
 * new password (the current one required; their other sessions are signed out). What comes by
 * email lives on the notification preferences page, linked from here.
 */
@Component({
  selector: 'cz-account-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, NgComponentOutlet, RouterLink, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './account-page.scss',
  template: `
    <h1>Account</h1>
    <p class="intro">
      Signed in as <strong data-testid="account-email">{{ email() }}</strong>. What comes by email, and when, is in
      <a routerLink="/notifications/preferences">notification preferences</a>.
    </p>

    <form class="card" (ngSubmit)="saveProfile()" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <cz-problem-alert class="block" [problem]="profileProblem()" />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Name</mat-label>
        <input matInput name="name" autocomplete="name" required maxlength="120" [ngModel]="name()" (ngModelChange)="name.set($event)" />
      </mat-form-field>
      @if (fieldError(profileProblem(), 'name'); as error) {
        <p class="field-error" data-testid="error-name">{{ error }}</p>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Time zone</mat-label>
        <select matNativeControl name="timeZone" [ngModel]="timeZone()" (ngModelChange)="timeZone.set($event)">
          @if (!timeZones.includes(timeZone())) {
            <option [value]="timeZone()">{{ timeZone() }}</option>
          }
          @for (zone of timeZones; track zone) {
            <option [value]="zone">{{ zone }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Language and region</mat-label>
        <select matNativeControl name="locale" [ngModel]="locale()" (ngModelChange)="locale.set($event)">
          @if (!knownLocale(locale())) {
            <option [value]="locale()">{{ locale() }}</option>
          }
          @for (l of locales; track l.tag) {
            <option [value]="l.tag">{{ l.label }}</option>
          }
        </select>
      </mat-form-field>
      <div class="actions">
        <button matButton="filled" type="submit" [disabled]="savingProfile()">Save profile</button>
        <p class="status" role="status" data-testid="profile-status">{{ profileStatus() }}</p>
      </div>
    </form>

    <form class="card" (ngSubmit)="changePassword()" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="hint">Changing it signs you out everywhere else; you stay signed in here.</p>
      <cz-problem-alert class="block" [problem]="passwordProblem()" />
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Current password</mat-label>
        <input matInput type="password" name="currentPassword" autocomplete="current-password" required [ngModel]="currentPassword()" (ngModelChange)="currentPassword.set($event)" />
      </mat-form-field>
      @if (fieldError(passwordProblem(), 'currentPassword'); as error) {
        <p class="field-error" data-testid="error-currentPassword">{{ error }}</p>
      }
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New password</mat-label>
        <input matInput type="password" name="newPassword" autocomplete="new-password" required minlength="10" maxlength="200" [ngModel]="newPassword()" (ngModelChange)="newPassword.set($event)" />
        <mat-hint>At least 10 characters.</mat-hint>
      </mat-form-field>
      @if (fieldError(passwordProblem(), 'newPassword'); as error) {
        <p class="field-error" data-testid="error-newPassword">{{ error }}</p>
      }
      <div class="actions">
        <button matButton="filled" type="submit" [disabled]="savingPassword()">Change password</button>
        <p class="status" role="status" data-testid="password-status">{{ passwordStatus() }}</p>
      </div>
    </form>

    @for (panel of panels(); track $index) {
      <ng-container *ngComponentOutlet="panel" />
    }
  `,
})
export class AccountPage implements OnInit {
  private readonly api = inject(MeApi);
  private readonly auth = inject(AuthStore);
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');
  protected readonly locales = ACCOUNT_LOCALES;

  protected readonly email = signal('');
  protected readonly name = signal('');
  protected readonly timeZone = signal('');
  protected readonly locale = signal('');
  protected readonly savingProfile = signal(false);
  protected readonly profileProblem = signal<ProblemDetails | null>(null);
  protected readonly profileStatus = signal('');

  protected readonly currentPassword = signal('');
  protected readonly newPassword = signal('');
  protected readonly savingPassword = signal(false);
  protected readonly passwordProblem = signal<ProblemDetails | null>(null);
  protected readonly passwordStatus = signal('');

  /** The panels the app puts under the forms (the calendar feed). */
  protected readonly panels = signal<Type<unknown>[]>([]);
  private readonly panelLoaders = inject(ACCOUNT_PANELS);

  ngOnInit(): void {
    if (this.panelLoaders.length > 0) {
      Promise.all(this.panelLoaders.map((load) => load())).then(
        (panels) => this.panels.set(panels),
        () => this.profileProblem.set(toProblem(new Error('A part of the account page failed to load.'))),
      );
    }
    const me = this.auth.user();
    if (me) {
      this.email.set(me.email);
      this.name.set(me.name);
      this.timeZone.set(me.timeZone);
      this.locale.set(me.locale);
    }
  }

  protected knownLocale(tag: string): boolean {
    return ACCOUNT_LOCALES.some((l) => l.tag === tag);
  }

  /** The server's message for one field, if its problem names it. */
  protected fieldError(problem: ProblemDetails | null, field: string): string | null {
    return problem?.errors?.find((e) => e.field === field)?.message ?? null;
  }

  protected saveProfile(): void {
    this.savingProfile.set(true);
    this.profileProblem.set(null);
    this.profileStatus.set('');
    this.api.update({ name: this.name(), timeZone: this.timeZone(), locale: this.locale() }).subscribe({
      next: (me) => {
        this.savingProfile.set(false);
        this.auth.setMe(me);
        this.name.set(me.name);
        this.profileStatus.set('Profile saved.');
      },
      error: (e: unknown) => {
        this.savingProfile.set(false);
        this.profileProblem.set(toProblem(e));
      },
    });
  }

  protected changePassword(): void {
    this.savingPassword.set(true);
    this.passwordProblem.set(null);
    this.passwordStatus.set('');
    this.api.changePassword({ currentPassword: this.currentPassword(), newPassword: this.newPassword() }).subscribe({
      next: () => {
        this.savingPassword.set(false);
        this.currentPassword.set('');
        this.newPassword.set('');
        this.passwordStatus.set('Password changed. Your other sessions are signed out.');
      },
      error: (e: unknown) => {
        this.savingPassword.set(false);
        this.passwordProblem.set(toProblem(e));
      },
    });
  }
}
