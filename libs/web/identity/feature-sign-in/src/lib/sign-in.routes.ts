import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { APP_PROFILE } from '@cadenza/web/shared/data-access-api';
import { AcceptInvitationPage } from './accept-invitation-page';
import { ForgotPasswordPage } from './forgot-password-page';
import { ResetPasswordPage } from './reset-password-page';
import { SignInPage } from './sign-in-page';
import { SwitchAppPage } from './switch-app-page';

export const signInRoutes: Routes = [{ path: '', title: 'Sign in', component: SignInPage }];

export const switchAppRoutes: Routes = [
  { path: '', title: () => `Use the ${inject(APP_PROFILE).otherApp.name}`, component: SwitchAppPage },
];

/** Public pages reached from emailed links (and the sign-in page): no session needed. */
export const acceptInvitationRoutes: Routes = [{ path: '', title: 'Accept your invitation', component: AcceptInvitationPage }];
export const forgotPasswordRoutes: Routes = [{ path: '', title: 'Forgot your password?', component: ForgotPasswordPage }];
export const resetPasswordRoutes: Routes = [{ path: '', title: 'Choose a new password', component: ResetPasswordPage }];
