import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import type { Role } from '@cadenza/shared/contracts';
import { admits, APP_PROFILE } from './app-profile';
import { SIGN_IN_PATH, SWITCH_APP_PATH } from './api-paths';
import { AuthStore } from './auth-store';

/** Lets a signed-in user through; everyone else goes to sign in, and comes back afterwards. */
export const requireSession: CanActivateFn = async (_route, state) => {
  const store = inject(AuthStore);
  const router = inject(Router);
  await store.restore();
  if (store.signedIn()) return true;
  return router.createUrlTree([SIGN_IN_PATH], { queryParams: state.url && state.url !== '/' ? { returnUrl: state.url } : {} });
};

/**
 * Lets through only users holding a role this app serves; others are pointed to the other app.
 * Guards of one route run side by side, so this one also waits for the session to be restored.
 */
export const requireAudience: CanActivateFn = async () => {
  const store = inject(AuthStore);
  const profile = inject(APP_PROFILE);
  const router = inject(Router);
  await store.restore();
  if (!store.signedIn()) return true; // requireSession sends them to sign in
  return admits(profile, store.user()) ? true : router.createUrlTree([SWITCH_APP_PATH]);
};

/** Keeps the sign-in page for people who are not signed in yet. */
export const redirectSignedIn: CanActivateFn = async () => {
  const store = inject(AuthStore);
  const router = inject(Router);
  await store.restore();
  return store.signedIn() ? router.createUrlTree(['/']) : true;
};

/** Lets through users holding one of `roles`; others go home. Use after requireSession. */
export function requireRoles(...roles: Role[]): CanActivateFn {
  return async () => {
    const store = inject(AuthStore);
    const router = inject(Router);
    await store.restore();
    const user = store.user();
    return user && user.roles.some((role) => roles.includes(role)) ? true : router.createUrlTree(['/']);
  };
}
