import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthStore } from '@cadenza/web/shared/data-access-api';

/** Lets through only the safeguarding lead (an admin with the flag); others go home. Use after requireSession. */
export const requireSafeguardingLead: CanActivateFn = async () => {
  const store = inject(AuthStore);
  const router = inject(Router);
  await store.restore();
  const user = store.user();
  return user && user.roles.includes('admin') && user.safeguardingLead ? true : router.createUrlTree(['/']);
};
