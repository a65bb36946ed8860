import { InjectionToken, type Provider, type Signal } from '@angular/core';
import { FAMILY_ROLES, STAFF_ROLES, type Me, type Role } from '@cadenza/shared/contracts';

/** Who an app is for: the staff console or the family portal. */
export type Audience = 'staff' | 'family';

export interface NavEntry {
  label: string;
  /** Router path inside the app, e.g. `/`. */
  path: string;
  /** Roles that see the entry; absent means everyone the app admits. */
  roles?: readonly Role[];
  /** A further condition on the signed-in user (e.g. the safeguarding-lead flag). */
  visible?: (user: NavUser) => boolean;
  /**
   * A count shown beside the label (e.g. unread messages): called once in the shell's injection
   * context, so it may `inject()` what keeps the count. Zero shows nothing.
   */
  badge?: () => NavBadge;
}

/** What navigation decides on: the roles, and whatever else of the signed-in user is known. */
export type NavUser = Pick<Me, 'roles'> & Partial<Me>;

export interface NavBadge {
  count: Signal<number>;
  /** How a screen reader hears the count after the label, e.g. `3 unread`. */
  describe: (count: number) => string;
}

/** What an app shell needs to know about itself; provided once in each app's config. */
export interface AppProfile {
  /** Product name shown next to "Cadenza", e.g. `Console`. */
  product: string;
  audience: Audience;
  /** Describes who the app is for, in a sentence: "for admins, teachers and accompanists". */
  audienceDescription: string;
  /** The other Cadenza app, for people who signed in to the wrong one. */
  otherApp: { name: string; url: string };
  nav: readonly NavEntry[];
}

export const APP_PROFILE = new InjectionToken<AppProfile>('cadenza.app-profile');

export function provideAppProfile(profile: AppProfile): Provider {
  return { provide: APP_PROFILE, useValue: profile };
}

export function rolesOf(audience: Audience): readonly Role[] {
  return audience === 'staff' ? STAFF_ROLES : FAMILY_ROLES;
}

/** True when the user holds at least one role the app serves. */
export function admits(profile: Pick<AppProfile, 'audience'>, user: Pick<Me, 'roles'> | null): boolean {
  if (!user) return false;
  const roles = rolesOf(profile.audience);
  return user.roles.some((role) => roles.includes(role));
}

/** The navigation entries this user may see. */
export function navFor(profile: Pick<AppProfile, 'nav'>, user: NavUser | null): NavEntry[] {
  if (!user) return [];
  return profile.nav.filter((entry) => (!entry.roles || entry.roles.some((role) => user.roles.includes(role))) && (!entry.visible || entry.visible(user)));
}
