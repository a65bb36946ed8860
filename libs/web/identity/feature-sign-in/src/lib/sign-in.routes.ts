import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { APP_PROFILE } from '@cadenza/web/shared/data-access-api';
import { SignInPage } from './sign-in-page';
import { SwitchAppPage } from './switch-app-page';

export const signInRoutes: Routes = [{ path: '', title: 'Sign in', component: SignInPage }];

export const switchAppRoutes: Routes = [
  { path: '', title: () => `Use the ${inject(APP_PROFILE).otherApp.name}`, component: SwitchAppPage },
];
